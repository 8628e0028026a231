package org.tessera.imaging.fits;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.function.IntFunction;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import nom.tam.fits.Header;
import org.tessera.imaging.Image;
import org.tessera.imaging.ImageGeometry;
import org.tessera.imaging.restore.Beam;

/**
 * Writes a single-plane image as a 4-axis FITS file laid out like WSClean's: RA---SIN,
 * DEC--SIN, FREQ, STOKES (I), 32-bit floats, reference pixel at (width/2 + 1, height/2 + 1)
 * in FITS 1-based terms, i.e. the phase centre on 0-based pixel (width/2, height/2).
 * See {@code ../shared/docs/imaging-conventions.md}.
 */
public final class FitsImageWriter {
    public static final String UNIT_RESTORED = "JY/BEAM";
    public static final String UNIT_MODEL = "JY/PIXEL";

    private FitsImageWriter() {
    }

    /**
     * Writes an image in Jy/beam (BUNIT 'JY/BEAM'). Extra keywords override nothing
     * structural; their values may be String, Number or Boolean.
     */
    public static void write(Path path, Image image, ImageGeometry geometry, double freqHz, double bandwidthHz,
                             Beam beamOrNull, Map<String, Object> extraKeywords) throws IOException {
        write(path, image, geometry, freqHz, bandwidthHz, beamOrNull, UNIT_RESTORED, extraKeywords);
    }

    /** As above with an explicit BUNIT (use {@link #UNIT_MODEL} for model images). */
    public static void write(Path path, Image image, ImageGeometry geometry, double freqHz, double bandwidthHz,
                             Beam beamOrNull, String bunit, Map<String, Object> extraKeywords) throws IOException {
        writePlanes(path, 1, k -> image, geometry, freqHz, bandwidthHz, beamOrNull, bunit, extraKeywords);
    }

    /**
     * A cube: {@code planes} planes, plane k from {@code plane} (called once each, in order), the FREQ axis from
     * {@code firstFreqHz} in steps of {@code stepHz} (CRVAL3, CDELT3), as CASA users expect of a spectral cube.
     */
    public static void writeCube(Path path, int planes, IntFunction<Image> plane, ImageGeometry geometry,
                                 double firstFreqHz, double stepHz, Beam beamOrNull, String bunit) throws IOException {
        writePlanes(path, planes, plane, geometry, firstFreqHz, stepHz, beamOrNull, bunit, Map.of());
    }

    private static void writePlanes(Path path, int planes, IntFunction<Image> plane, ImageGeometry geometry,
                                    double freqHz, double bandwidthHz, Beam beamOrNull, String bunit,
                                    Map<String, Object> extraKeywords) throws IOException {
        float[][][][] data = new float[1][planes][geometry.height()][geometry.width()];
        for (int p = 0; p < planes; p++) {
            Image image = plane.apply(p);
            if (image.width != geometry.width() || image.height != geometry.height()) {
                throw new IllegalArgumentException("image is " + image.width + " x " + image.height
                        + " but the geometry says " + geometry.width() + " x " + geometry.height());
            }
            for (int y = 0; y < image.height; y++) {
                float[] row = data[0][p][y];
                for (int x = 0; x < image.width; x++) {
                    row[x] = (float) image.pixels[y * image.width + x];
                }
            }
        }
        Path target = path.toAbsolutePath();
        Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
        try (Fits fits = new Fits()) {
            BasicHDU<?> hdu = Fits.makeHDU(data);
            fillHeader(hdu.getHeader(), geometry, freqHz, bandwidthHz, beamOrNull, bunit, extraKeywords);
            fits.addHDU(hdu);
            fits.write(tmp.toFile());
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (FitsException e) {
            throw new IOException("cannot write FITS image " + path + ": " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void fillHeader(Header h, ImageGeometry g, double freqHz, double bandwidthHz, Beam beam,
                                   String bunit, Map<String, Object> extra) throws FitsException {
        double cellDeg = Math.toDegrees(g.cellRad());
        double raDeg = Math.toDegrees(g.raRad()) % 360.0;
        if (raDeg < 0) {
            raDeg += 360.0;
        }
        h.addValue("BSCALE", 1.0, "");
        h.addValue("BZERO", 0.0, "");
        h.addValue("BUNIT", bunit, "Units are in Jansky per beam or per pixel");
        if (beam != null) {
            h.addValue("BMAJ", beam.majorDeg(), "Restoring beam major axis FWHM, degrees");
            h.addValue("BMIN", beam.minorDeg(), "Restoring beam minor axis FWHM, degrees");
            h.addValue("BPA", beam.positionAngleDeg(), "Restoring beam position angle east of north, degrees");
        }
        h.addValue("EQUINOX", 2000.0, "J2000");
        h.addValue("RADESYS", "FK5", "");
        h.addValue("BTYPE", "Intensity", "");
        h.addValue("ORIGIN", "Tessera", "");
        h.addValue("CTYPE1", "RA---SIN", "Right ascension angle cosine");
        h.addValue("CRPIX1", g.width() / 2 + 1, "");
        h.addValue("CRVAL1", raDeg, "");
        h.addValue("CDELT1", -cellDeg, "");
        h.addValue("CUNIT1", "deg", "");
        h.addValue("CTYPE2", "DEC--SIN", "Declination angle cosine");
        h.addValue("CRPIX2", g.height() / 2 + 1, "");
        h.addValue("CRVAL2", Math.toDegrees(g.decRad()), "");
        h.addValue("CDELT2", cellDeg, "");
        h.addValue("CUNIT2", "deg", "");
        h.addValue("CTYPE3", "FREQ", "Central frequency");
        h.addValue("CRPIX3", 1, "");
        h.addValue("CRVAL3", freqHz, "");
        h.addValue("CDELT3", bandwidthHz, "");
        h.addValue("CUNIT3", "Hz", "");
        h.addValue("CTYPE4", "STOKES", "");
        h.addValue("CRPIX4", 1, "");
        h.addValue("CRVAL4", 1.0, "Stokes I");
        h.addValue("CDELT4", 1.0, "");
        h.addValue("CUNIT4", "", "");
        h.addValue("SPECSYS", "TOPOCENT", "");
        if (extra != null) {
            for (Map.Entry<String, Object> e : extra.entrySet()) {
                Object v = e.getValue();
                if (v instanceof Boolean b) {
                    h.addValue(e.getKey(), b, "");
                } else if (v instanceof Number n) {
                    h.addValue(e.getKey(), n, "");
                } else {
                    h.addValue(e.getKey(), String.valueOf(v), "");
                }
            }
        }
    }
}
