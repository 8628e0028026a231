package org.tessera.imaging.deconvolution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tessera.imaging.Image;
import org.tessera.imaging.restore.EllipticalGaussian;

class HogbomCleanTest {
    private static final int[][] SOURCES = {{64, 64}, {40, 90}, {100, 30}, {5, 120}};
    private static final double[] FLUXES = {1.0, 0.5, 0.3, 0.7};

    private static MinorCycleControls deepClean(int niter, double threshold) {
        return new MinorCycleControls(niter, threshold, 0, 0, threshold, 0.1, 0.05, 0.1, 1.0);
    }

    private static void assertRecovered(Image psf) {
        Image dirty = new Image(128, 128);
        double total = 0;
        for (int i = 0; i < SOURCES.length; i++) {
            SyntheticSky.addShiftedPsf(dirty, psf, SOURCES[i][0], SOURCES[i][1], FLUXES[i]);
            total += FLUXES[i];
        }
        Image model = new Image(128, 128);
        MinorCycleResult result = new IterationController().runMinorCycle(dirty, psf, model, deepClean(20000, 1e-4));
        assertEquals(MinorCycleStopCode.CYCLE_THRESHOLD, result.stopCode());
        assertEquals(total, result.modelFlux(), 0.01 * total);
        double onSources = 0;
        for (int i = 0; i < SOURCES.length; i++) {
            double recovered = model.get(SOURCES[i][0], SOURCES[i][1]);
            assertEquals(FLUXES[i], recovered, 0.01 * FLUXES[i], "source " + i);
            onSources += recovered;
        }
        double elsewhere = 0;
        for (double v : model.pixels) {
            elsewhere += Math.abs(v);
        }
        elsewhere -= onSources;
        assertTrue(elsewhere < 0.01 * total, "flux off the source pixels: " + elsewhere);
    }

    @Test
    void recoversPointSourcesThroughSidelobedPsf() {
        assertRecovered(SyntheticSky.uvCoveragePsf(128, 128, 7));
    }

    @Test
    void recoversPointSourcesThroughGaussianPsf() {
        EllipticalGaussian g = new EllipticalGaussian(5, 3, Math.toRadians(30));
        Image psf = new Image(128, 128);
        for (int y = 0; y < 128; y++) {
            for (int x = 0; x < 128; x++) {
                psf.set(x, y, g.valueAt(x - 64, y - 64));
            }
        }
        assertRecovered(psf);
    }

    @Test
    void subtractionMatchesNaiveLoopNearEdges() {
        Image psf = SyntheticSky.uvCoveragePsf(33, 20, 3);
        for (int[] p : new int[][] {{0, 0}, {32, 19}, {16, 10}, {3, 17}, {30, 2}}) {
            Image residual = new Image(33, 20);
            residual.set(p[0], p[1], 2.0);
            Image expected = residual.copy();
            SyntheticSky.addShiftedPsf(expected, psf, p[0], p[1], -0.2);
            MinorCycleControls one = new MinorCycleControls(1, 0, 0, 0, 0, 0.1, 0.05, 0.1, 2.0);
            new IterationController().runMinorCycle(residual, psf, new Image(33, 20), one);
            for (int i = 0; i < expected.pixels.length; i++) {
                assertEquals(expected.pixels[i], residual.pixels[i], 1e-12);
            }
        }
    }

    @Test
    void stopsOnDivergence() {
        // A PSF with a sidelobe of -1.5: every subtraction makes a larger peak elsewhere.
        Image psf = new Image(32, 32);
        psf.set(16, 16, 1.0);
        psf.set(20, 16, -1.5);
        Image residual = new Image(32, 32);
        residual.set(10, 10, 1.0);
        MinorCycleControls controls = new MinorCycleControls(100, 0, 0, 0, 0, 1.0, 0.05, 1.5, 1.0);
        MinorCycleResult result = new IterationController().runMinorCycle(residual, psf, new Image(32, 32), controls);
        assertEquals(MinorCycleStopCode.DIVERGENCE, result.stopCode());
        assertEquals(1, result.iterations());
    }

    @Test
    void stopsAtCycleIterationLimit() {
        Image psf = SyntheticSky.uvCoveragePsf(64, 64, 5);
        Image dirty = new Image(64, 64);
        SyntheticSky.addShiftedPsf(dirty, psf, 30, 30, 1.0);
        MinorCycleResult result = new IterationController().runMinorCycle(dirty, psf, new Image(64, 64),
                deepClean(7, 0));
        assertEquals(MinorCycleStopCode.CYCLE_ITERATION_LIMIT, result.stopCode());
        assertEquals(7, result.iterations());
        assertEquals(1 - Math.pow(0.9, 7), result.modelFlux(), 1e-12);
    }

    /** Measures a minor cycle on a large image: sub-minor loops plus one FFT residual update each. */
    @Test
    void throughputOnLargeImage() {
        int n = 1024;
        Image psf = new Image(n, n);
        EllipticalGaussian g = new EllipticalGaussian(4, 3, 0.3);
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                double r2 = (x - n / 2) * (x - n / 2) + (y - n / 2) * (y - n / 2);
                psf.set(x, y, g.valueAt(x - n / 2, y - n / 2) + 0.05 * Math.cos(Math.sqrt(r2)) / (1 + 0.01 * r2));
            }
        }
        psf.set(n / 2, n / 2, 1.0);
        Image residual = new Image(n, n);
        SyntheticSky.addShiftedPsf(residual, psf, n / 2 + 10, n / 2 - 20, 1.0);
        SyntheticSky.addShiftedPsf(residual, psf, 100, 900, 0.5);
        int iterations = 1000;
        MinorCycleResult result = new IterationController().runMinorCycle(residual, psf, new Image(n, n),
                deepClean(iterations, 0));
        assertEquals(iterations, result.iterations());
        System.out.printf("minor cycle %dx%d: %d iterations in %.2f s (%.1f us per iteration)%n", n, n,
                iterations, result.seconds(), result.seconds() * 1e6 / iterations);
    }
}
