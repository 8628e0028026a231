package org.tessera.imaging.fits;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import nom.tam.fits.Header;
import nom.tam.util.ArrayFuncs;
import org.tessera.imaging.Image;
import org.tessera.imaging.ImageGeometry;
import org.tessera.imaging.ParameterException;
import org.tessera.imaging.deconvolution.CleanMask;

/**
 * A {@code -fits-mask}: a FITS image of the run's size and projection (SIN, the same phase centre and pixel
 * size); nonzero pixels may be cleaned. Anything else is a {@link ParameterException} of one line naming it.
 */
public final class FitsMask {
    /** Centres and pixel sizes agree when within this fraction of a pixel. */
    private static final double TOLERANCE_PIXELS = 1e-3;

    private FitsMask() {
    }

    public static CleanMask read(Path path, ImageGeometry geometry) {
        try {
            return read(Files.readAllBytes(path), path.toString(), geometry);
        } catch (IOException e) {
            throw new ParameterException("-fits-mask " + path + ": cannot read it (" + e.getMessage() + ")");
        }
    }

    /** The mask from a file's bytes ({@code name} for the error texts). */
    public static CleanMask read(byte[] bytes, String name, ImageGeometry geometry) {
        String what = "-fits-mask " + name;
        if (bytes.length < 2880 || !new String(bytes, 0, 9, java.nio.charset.StandardCharsets.US_ASCII)
                .equals("SIMPLE  =")) {
            throw new ParameterException(what + " is not a FITS file");
        }
        try (InputStream in = new ByteArrayInputStream(bytes); Fits fits = new Fits(in)) {
            BasicHDU<?> hdu = fits.readHDU();
            if (hdu == null || hdu.getHeader().getIntValue("NAXIS") < 2) {
                throw new ParameterException(what + " holds no image");
            }
            Header h = hdu.getHeader();
            int width = h.getIntValue("NAXIS1");
            int height = h.getIntValue("NAXIS2");
            if (width != geometry.width() || height != geometry.height()) {
                throw new ParameterException(what + " is " + width + " x " + height + " pixels; the image is "
                        + geometry.width() + " x " + geometry.height());
            }
            checkProjection(h, geometry, what);
            Object flat = ArrayFuncs.flatten(hdu.getKernel());
            if (flat == null || Array.getLength(flat) < (long) width * height) {
                throw new ParameterException(what + " has fewer pixels than NAXIS1 x NAXIS2");
            }
            double[] pixels = new double[width * height];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = ((Number) Array.get(flat, i)).doubleValue();
            }
            return CleanMask.of(new Image(width, height, pixels));
        } catch (FitsException | IOException e) {
            throw new ParameterException(what + " is not a readable FITS image (" + e.getMessage() + ")");
        }
    }

    private static void checkProjection(Header h, ImageGeometry g, String what) {
        String ctype1 = h.getStringValue("CTYPE1", "");
        String ctype2 = h.getStringValue("CTYPE2", "");
        if (!ctype1.trim().equals("RA---SIN") || !ctype2.trim().equals("DEC--SIN")) {
            throw new ParameterException(what + " has axes " + ctype1.trim() + ", " + ctype2.trim()
                    + "; the image has RA---SIN, DEC--SIN");
        }
        double cellDeg = Math.toDegrees(g.cellRad());
        double tolerance = TOLERANCE_PIXELS * cellDeg;
        if (Math.abs(h.getDoubleValue("CDELT1") + cellDeg) > tolerance
                || Math.abs(h.getDoubleValue("CDELT2") - cellDeg) > tolerance) {
            throw new ParameterException(what + " has pixels of " + h.getDoubleValue("CDELT1") + ", "
                    + h.getDoubleValue("CDELT2") + " deg; the image has " + (-cellDeg) + ", " + cellDeg);
        }
        double raDeg = Math.toDegrees(g.raRad());
        double decDeg = Math.toDegrees(g.decRad());
        double dRa = h.getDoubleValue("CRVAL1") - raDeg;
        double dRaWrapped = (dRa - 360 * Math.rint(dRa / 360)) * Math.cos(g.decRad());
        if (Math.abs(dRaWrapped) > tolerance || Math.abs(h.getDoubleValue("CRVAL2") - decDeg) > tolerance
                || Math.abs(h.getDoubleValue("CRPIX1") - (g.width() / 2 + 1)) > TOLERANCE_PIXELS
                || Math.abs(h.getDoubleValue("CRPIX2") - (g.height() / 2 + 1)) > TOLERANCE_PIXELS) {
            throw new ParameterException(what + " is centred on " + h.getDoubleValue("CRVAL1") + ", "
                    + h.getDoubleValue("CRVAL2") + " deg (pixel " + h.getDoubleValue("CRPIX1") + ", "
                    + h.getDoubleValue("CRPIX2") + "); the image on " + raDeg + ", " + decDeg + " deg (pixel "
                    + (g.width() / 2 + 1) + ", " + (g.height() / 2 + 1) + ")");
        }
    }
}
