package org.tessera.imaging.fits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import nom.tam.fits.Fits;
import nom.tam.fits.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.imaging.Image;
import org.tessera.imaging.ImageGeometry;
import org.tessera.imaging.restore.Beam;
import org.tessera.testsupport.Python;

class FitsImageTest {
    private static final double CELL = Math.toRadians(1.5 / 3600);
    /** RA −30° must come out as 330°. */
    private static final ImageGeometry GEOMETRY = new ImageGeometry(64, 48, CELL, Math.toRadians(-30), Math.toRadians(41.5));
    private static final Beam BEAM = Beam.ofDegrees(4.0 / 3600, 2.5 / 3600, 33);

    private static Image ramp() {
        Image image = new Image(64, 48);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                image.set(x, y, x + 100.0 * y + 0.25);
            }
        }
        return image;
    }

    private static Path writeRamp(Path dir) throws IOException {
        Path file = dir.resolve("image.fits");
        FitsImageWriter.write(file, ramp(), GEOMETRY, 1.4e9, 2e6, BEAM, Map.of("WSCNITER", 1000, "TELESCOP", "VLA"));
        return file;
    }

    @Test
    void roundTripKeepsPixelsGeometryAndBeam(@TempDir Path dir) throws Exception {
        Path file = writeRamp(dir);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
        FitsImage back = FitsImageReader.read(file);
        Image expected = ramp();
        for (int i = 0; i < expected.pixels.length; i++) {
            assertEquals(expected.pixels[i], back.image().pixels[i], 1e-3);
        }
        assertEquals(64, back.geometry().width());
        assertEquals(48, back.geometry().height());
        assertEquals(CELL, back.geometry().cellRad(), 1e-15);
        assertEquals(Math.toRadians(330), back.geometry().raRad(), 1e-12);
        assertEquals(Math.toRadians(41.5), back.geometry().decRad(), 1e-12);
        assertEquals(1.4e9, back.freqHz(), 0);
        assertEquals(2e6, back.bandwidthHz(), 0);
        assertEquals(BEAM.majorRad(), back.beam().majorRad(), 1e-15);
        assertEquals(BEAM.minorRad(), back.beam().minorRad(), 1e-15);
        assertEquals(BEAM.positionAngleRad(), back.beam().positionAngleRad(), 1e-12);
        assertEquals("JY/BEAM", back.bunit());
    }

    @Test
    void headerLooksLikeWsclean(@TempDir Path dir) throws Exception {
        Path file = writeRamp(dir);
        try (Fits fits = new Fits(file.toFile())) {
            Header h = fits.readHDU().getHeader();
            assertEquals(-32, h.getIntValue("BITPIX"));
            assertEquals(4, h.getIntValue("NAXIS"));
            assertEquals(64, h.getIntValue("NAXIS1"));
            assertEquals(48, h.getIntValue("NAXIS2"));
            assertEquals(1, h.getIntValue("NAXIS3"));
            assertEquals(1, h.getIntValue("NAXIS4"));
            assertEquals("RA---SIN", h.getStringValue("CTYPE1"));
            assertEquals("DEC--SIN", h.getStringValue("CTYPE2"));
            assertEquals("FREQ", h.getStringValue("CTYPE3"));
            assertEquals("STOKES", h.getStringValue("CTYPE4"));
            assertEquals(1.0, h.getDoubleValue("CRVAL4"), 0);
            assertEquals(33.0, h.getDoubleValue("CRPIX1"), 0);
            assertEquals(25.0, h.getDoubleValue("CRPIX2"), 0);
            assertEquals(-1.5 / 3600, h.getDoubleValue("CDELT1"), 1e-15);
            assertEquals(1.5 / 3600, h.getDoubleValue("CDELT2"), 1e-15);
            assertEquals(330.0, h.getDoubleValue("CRVAL1"), 1e-10);
            assertEquals("deg", h.getStringValue("CUNIT1"));
            assertEquals(2000.0, h.getDoubleValue("EQUINOX"), 0);
            assertEquals("FK5", h.getStringValue("RADESYS"));
            assertEquals("Tessera", h.getStringValue("ORIGIN"));
            assertEquals(4.0 / 3600, h.getDoubleValue("BMAJ"), 1e-15);
            assertEquals(33.0, h.getDoubleValue("BPA"), 1e-12);
            assertEquals(1000, h.getIntValue("WSCNITER"));
            assertEquals("VLA", h.getStringValue("TELESCOP"));
        }
    }

    @Test
    void modelImageHasJyPerPixelAndNoBeam(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("model.fits");
        FitsImageWriter.write(file, ramp(), GEOMETRY, 1.4e9, 2e6, null, FitsImageWriter.UNIT_MODEL, Map.of());
        FitsImage back = FitsImageReader.read(file);
        assertEquals("JY/PIXEL", back.bunit());
        assertNull(back.beam());
    }

    @Test
    void failedWriteLeavesNoPartialFile(@TempDir Path dir) throws Exception {
        // The target is a non-empty directory, so the final rename fails after the data were written.
        Path target = dir.resolve("image.fits");
        Files.createDirectory(target);
        Files.writeString(target.resolve("keep"), "x");
        assertThrows(IOException.class,
                () -> FitsImageWriter.write(target, ramp(), GEOMETRY, 1.4e9, 2e6, BEAM, Map.of()));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(target), files.toList(), "temporary file removed");
        }
    }

    /** SIN projection inverse at the reference pixel and one pixel east: checked from the header alone. */
    @Test
    void phaseCentreOnCentrePixelAndEastIsLeft(@TempDir Path dir) throws Exception {
        Path file = writeRamp(dir);
        try (Fits fits = new Fits(file.toFile())) {
            Header h = fits.readHDU().getHeader();
            // 0-based pixel (width/2, height/2) is 1-based (width/2 + 1, height/2 + 1) = CRPIX.
            assertEquals(GEOMETRY.width() / 2 + 1, h.getDoubleValue("CRPIX1"), 0);
            assertEquals(GEOMETRY.height() / 2 + 1, h.getDoubleValue("CRPIX2"), 0);
            assertTrue(h.getDoubleValue("CDELT1") < 0, "RA grows toward smaller x (east is left)");
        }
    }

    @Test
    void wcsAgreesWithAstropy(@TempDir Path dir) throws Exception {
        Python.assumeModules("astropy.wcs", "astropy: apt-get install python3-astropy");
        Path file = writeRamp(dir);
        int cx = GEOMETRY.width() / 2;
        int cy = GEOMETRY.height() / 2;
        String script = "import sys\nfrom astropy.io import fits\nfrom astropy.wcs import WCS\n"
                + "w = WCS(fits.getheader(sys.argv[1]))\n"
                + "r = w.wcs_pix2world([[" + cx + ", " + cy + ", 0, 0], [" + (cx - 1) + ", " + cy + ", 0, 0]], 0)\n"
                + "print('%.12f %.12f %.12f %.12f' % (r[0][0], r[0][1], r[1][0], r[1][1]))\n";
        String out = Python.code(script, file.toString()).runOk();
        String[] values = out.trim().split("\\s+");
        double ra0 = Double.parseDouble(values[0]);
        double dec0 = Double.parseDouble(values[1]);
        double raEast = Double.parseDouble(values[2]);
        assertEquals(330.0, ra0, 1e-9);
        assertEquals(41.5, dec0, 1e-9);
        assertTrue(raEast > ra0, "pixel east of centre (x - 1) has larger RA: " + raEast + " vs " + ra0);
    }
}
