package org.tessera.imaging.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tessera.imaging.Image;
import org.tessera.imaging.deconvolution.SyntheticSky;

class BeamFitterTest {
    private static final double CELL = Math.toRadians(1.0 / 3600);

    private static Image gaussian(int size, EllipticalGaussian g) {
        Image image = new Image(size, size);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                image.set(x, y, g.valueAt(x - size / 2, y - size / 2));
            }
        }
        return image;
    }

    private static void assertAngle(double expectedRad, double actualRad) {
        // Position angles are defined modulo 180 degrees.
        double diff = Math.IEEEremainder(actualRad - expectedRad, Math.PI);
        assertEquals(0, Math.toDegrees(diff), 0.2, "PA " + Math.toDegrees(actualRad));
    }

    @Test
    void fitsRotatedEllipticalGaussians() {
        for (double paDeg : new double[] {0, 30, -60, 89, 90, 135}) {
            EllipticalGaussian truth = new EllipticalGaussian(8.0, 4.5, Math.toRadians(paDeg));
            Beam beam = BeamFitter.fit(gaussian(128, truth), CELL);
            assertEquals(8.0 * CELL, beam.majorRad(), 0.005 * 8.0 * CELL, "major at PA " + paDeg);
            assertEquals(4.5 * CELL, beam.minorRad(), 0.005 * 4.5 * CELL, "minor at PA " + paDeg);
            assertAngle(Math.toRadians(paDeg), beam.positionAngleRad());
            assertTrue(beam.positionAngleRad() > -Math.PI / 2 && beam.positionAngleRad() <= Math.PI / 2);
        }
    }

    @Test
    void positionAngleIsEastOfNorth() {
        // Major axis toward north-east: east is -x in the image, so up and to the left.
        Image psf = new Image(64, 64);
        EllipticalGaussian round = new EllipticalGaussian(3, 3, 0);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                double sum = 0;
                for (int s = -6; s <= 6; s++) {
                    sum += round.valueAt(x - 32 + s, y - 32 - s);
                }
                psf.set(x, y, sum);
            }
        }
        psf.scale(1.0 / psf.get(32, 32));
        Beam beam = BeamFitter.fit(psf, CELL);
        assertAngle(Math.toRadians(45), beam.positionAngleRad());
    }

    @Test
    void fitsSmallCircularBeamAndWholeImageBox() {
        EllipticalGaussian truth = new EllipticalGaussian(2.5, 2.5, 0);
        Beam beam = BeamFitter.fit(gaussian(16, truth), CELL, 2.0 * CELL);
        assertEquals(2.5 * CELL, beam.majorRad(), 0.005 * 2.5 * CELL);
        assertEquals(2.5 * CELL, beam.minorRad(), 0.005 * 2.5 * CELL);
    }

    @Test
    void fitsMainLobeOfPsfWithSidelobes() {
        // Main lobe 6 x 4 px at PA 20°, plus a ring of sidelobes and negative bowl well outside it.
        EllipticalGaussian lobe = new EllipticalGaussian(6, 4, Math.toRadians(20));
        Image psf = new Image(128, 128);
        for (int y = 0; y < 128; y++) {
            for (int x = 0; x < 128; x++) {
                double r = Math.hypot(x - 64, y - 64);
                double ring = 0.15 * Math.exp(-0.5 * Math.pow((r - 14) / 1.5, 2))
                        - 0.08 * Math.exp(-0.5 * Math.pow((r - 9) / 1.5, 2));
                psf.set(x, y, lobe.valueAt(x - 64, y - 64) + ring);
            }
        }
        psf.scale(1.0 / psf.get(64, 64));
        Beam beam = BeamFitter.fit(psf, CELL);
        assertEquals(6 * CELL, beam.majorRad(), 0.05 * 6 * CELL);
        assertEquals(4 * CELL, beam.minorRad(), 0.05 * 4 * CELL);
        assertEquals(20, beam.positionAngleDeg(), 3);
    }

    @Test
    void fitsSimulatedArrayPsf() {
        Image psf = SyntheticSky.uvCoveragePsf(128, 128, 5);
        EllipticalGaussian fit = BeamFitter.fitPixels(psf, BeamFitter.estimateFwhmPixels(psf));
        // The fitted lobe must reproduce the PSF near its centre: half power on the fitted ellipse.
        assertTrue(fit.majorFwhm() >= fit.minorFwhm() && fit.minorFwhm() > 1, fit.toString());
        double halfMajor = 0.5 * fit.majorFwhm();
        int dx = (int) Math.round(-halfMajor * Math.sin(fit.positionAngleRad()) * 0.5);
        int dy = (int) Math.round(halfMajor * Math.cos(fit.positionAngleRad()) * 0.5);
        assertEquals(fit.valueAt(dx, dy), psf.get(64 + dx, 64 + dy), 0.1);
    }
}
