package org.tessera.imaging.fits;

import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Path;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import nom.tam.fits.Header;
import nom.tam.util.ArrayFuncs;
import org.tessera.imaging.Image;
import org.tessera.imaging.ImageGeometry;
import org.tessera.imaging.restore.Beam;

/** Reads the first plane of a 2- to 4-axis FITS image such as {@link FitsImageWriter} writes. */
public final class FitsImageReader {
    private FitsImageReader() {
    }

    public static FitsImage read(Path path) throws IOException {
        try (Fits fits = new Fits(path.toFile())) {
            BasicHDU<?> hdu = fits.readHDU();
            if (hdu == null) {
                throw new IOException("no image in " + path);
            }
            Header h = hdu.getHeader();
            int width = h.getIntValue("NAXIS1");
            int height = h.getIntValue("NAXIS2");
            Object flat = ArrayFuncs.flatten(hdu.getKernel());
            if (Array.getLength(flat) < (long) width * height) {
                throw new IOException("image data shorter than NAXIS1 x NAXIS2 in " + path);
            }
            double bscale = h.getDoubleValue("BSCALE", 1.0);
            double bzero = h.getDoubleValue("BZERO", 0.0);
            double[] pixels = new double[width * height];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = bzero + bscale * ((Number) Array.get(flat, i)).doubleValue();
            }
            double cellRad = Math.toRadians(Math.abs(h.getDoubleValue("CDELT1")));
            ImageGeometry geometry = new ImageGeometry(width, height, cellRad,
                    Math.toRadians(h.getDoubleValue("CRVAL1")), Math.toRadians(h.getDoubleValue("CRVAL2")));
            Beam beam = h.containsKey("BMAJ") && h.containsKey("BMIN")
                    ? Beam.ofDegrees(h.getDoubleValue("BMAJ"), h.getDoubleValue("BMIN"), h.getDoubleValue("BPA", 0.0))
                    : null;
            return new FitsImage(new Image(width, height, pixels), geometry, h.getDoubleValue("CRVAL3", Double.NaN),
                    h.getDoubleValue("CDELT3", Double.NaN), beam, h.getStringValue("BUNIT", ""));
        } catch (FitsException e) {
            throw new IOException("cannot read FITS image " + path + ": " + e.getMessage(), e);
        }
    }
}
