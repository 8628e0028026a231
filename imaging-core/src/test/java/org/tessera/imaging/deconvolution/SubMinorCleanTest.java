package org.tessera.imaging.deconvolution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.tessera.imaging.Image;

/** The sub-minor optimised minor cycle against a plain Högbom and a brute-force residual. */
class SubMinorCleanTest {
    private static final int SIZE = 160;
    private static final int[][] SOURCES = {{80, 80}, {50, 110}, {120, 35}, {6, 150}, {150, 4}, {95, 88}};
    private static final double[] FLUXES = {2.0, 0.8, -0.5, 0.6, 0.4, 0.3};
    private static final Image PSF = SyntheticSky.uvCoveragePsf(SIZE, SIZE, 11);

    private static Image dirty() {
        Image dirty = new Image(SIZE, SIZE);
        for (int i = 0; i < SOURCES.length; i++) {
            SyntheticSky.addShiftedPsf(dirty, PSF, SOURCES[i][0], SOURCES[i][1], FLUXES[i]);
        }
        return dirty;
    }

    private static MinorCycleControls controls(int niter, double threshold) {
        return new MinorCycleControls(niter, threshold, 0, 0, threshold, 0.1, 0.05, 0.1, 2.0);
    }

    /** Plain Högbom: the peak over the whole image, the PSF subtracted over the whole overlap. */
    private static int plainHogbom(Image residual, Image model, MinorCycleControls controls) {
        int iterations = 0;
        while (iterations < controls.cycleNiter()) {
            int best = 0;
            for (int i = 1; i < residual.pixels.length; i++) {
                if (Math.abs(residual.pixels[i]) > Math.abs(residual.pixels[best])) {
                    best = i;
                }
            }
            if (Math.abs(residual.pixels[best]) <= controls.minorThreshold()) {
                break;
            }
            double component = controls.gain() * residual.pixels[best];
            model.pixels[best] += component;
            SyntheticSky.addShiftedPsf(residual, PSF, best % SIZE, best / SIZE, -component);
            iterations++;
        }
        return iterations;
    }

    private static TreeSet<Integer> componentPixels(Image model, double minimum) {
        TreeSet<Integer> pixels = new TreeSet<>();
        for (int i = 0; i < model.pixels.length; i++) {
            if (Math.abs(model.pixels[i]) > minimum) {
                pixels.add(i);
            }
        }
        return pixels;
    }

    private static void assertLikePlainHogbom(int maxActive) {
        Image dirty = dirty();
        MinorCycleControls controls = controls(5000, 0.005);
        Image plainResidual = dirty.copy();
        Image plainModel = new Image(SIZE, SIZE);
        plainHogbom(plainResidual, plainModel, controls);

        Image residual = dirty.copy();
        Image model = new Image(SIZE, SIZE);
        MinorCycleResult result = HogbomClean.run(residual, PSF, model, controls, 0, maxActive);

        assertEquals(MinorCycleStopCode.CYCLE_THRESHOLD, result.stopCode());
        assertEquals(componentPixels(plainModel, 0.01), componentPixels(model, 0.01), "strong components");
        for (int i = 0; i < SOURCES.length; i++) {
            double plain = plainModel.get(SOURCES[i][0], SOURCES[i][1]);
            double sub = model.get(SOURCES[i][0], SOURCES[i][1]);
            assertEquals(plain, sub, 0.01 * Math.abs(plain), "source " + i);
            assertEquals(FLUXES[i], sub, 0.02 * Math.abs(FLUXES[i]), "source " + i);
        }
        // The residual the minor cycle hands back is the exact residual of its model.
        Image exact = SyntheticSky.exactPredictor(dirty, PSF).residual(model);
        double peak = dirty.maxAbs();
        for (int i = 0; i < exact.pixels.length; i++) {
            assertEquals(exact.pixels[i], residual.pixels[i], 1e-6 * peak, "pixel " + i);
        }
        assertEquals(exact.maxAbs(), result.peakAfter(), 1e-12);
        assertTrue(result.peakAfter() <= controls.minorThreshold());
    }

    @Test
    void oneSubMinorLoopPerCycleMatchesPlainHogbom() {
        assertLikePlainHogbom(ActiveSet.MAX_PIXELS);
    }

    @Test
    void manySmallSubMinorLoopsMatchPlainHogbom() {
        assertLikePlainHogbom(50);
    }

    @Test
    void divergenceOutsideTheActiveSetIsSeenAfterTheUpdate() {
        // The -1.5 sidelobe lands on a pixel below the sub-minor threshold: only the FFT update sees it.
        Image psf = new Image(32, 32);
        psf.set(16, 16, 1.0);
        psf.set(20, 16, -1.5);
        Image residual = new Image(32, 32);
        residual.set(10, 10, 1.0);
        MinorCycleControls controls = new MinorCycleControls(100, 0.5, 0, 0, 0.5, 1.0, 0.05, 1.5, 1.0);
        MinorCycleResult result = HogbomClean.run(residual, psf, new Image(32, 32), controls, 0);
        assertEquals(MinorCycleStopCode.DIVERGENCE, result.stopCode());
        assertEquals(1, result.iterations());
        assertEquals(1.5, residual.get(14, 10), 1e-12);
        assertEquals(1.5, result.peakAfter(), 1e-12);
    }

    @Test
    void psfConvolutionEqualsShiftedPsfSumsAtEdgesAndOddSizes() {
        // 170 pads to 256: JTransforms scales a power-of-two real inverse differently
        for (int[] size : new int[][] {{33, 20}, {64, 64}, {50, 37}, {170, 170}}) {
            int w = size[0];
            int h = size[1];
            Image psf = SyntheticSky.uvCoveragePsf(w, h, w + h);
            Random random = new Random(w * 31L + h);
            int[][] pixels = {{0, 0}, {w - 1, h - 1}, {0, h - 1}, {w - 1, 0}, {w / 2, h / 2}, {3, h - 2}};
            // Components in scan order, as an active set holds them.
            List<int[]> sorted = new ArrayList<>(List.of(pixels));
            sorted.sort((a, b) -> a[1] != b[1] ? Integer.compare(a[1], b[1]) : Integer.compare(a[0], b[0]));
            int[] xs = new int[sorted.size()];
            int[] ys = new int[sorted.size()];
            double[] fluxes = new double[sorted.size()];
            Image residual = new Image(w, h);
            for (int i = 0; i < residual.pixels.length; i++) {
                residual.pixels[i] = random.nextGaussian();
            }
            Image expected = residual.copy();
            for (int i = 0; i < xs.length; i++) {
                xs[i] = sorted.get(i)[0];
                ys[i] = sorted.get(i)[1];
                fluxes[i] = random.nextGaussian();
                SyntheticSky.addShiftedPsf(expected, psf, xs[i], ys[i], -fluxes[i]);
            }
            new PsfConvolution(psf).subtract(residual, xs, ys, fluxes);
            for (int i = 0; i < expected.pixels.length; i++) {
                assertEquals(expected.pixels[i], residual.pixels[i], 1e-12, w + "x" + h + " pixel " + i);
            }
        }
    }

    @Test
    void activeSetThresholdKeepsAtMostTheBudgetAndThePeak() {
        Image residual = dirty();
        double peak = residual.maxAbs();
        for (int budget : new int[] {1, 10, 500, 5000}) {
            double threshold = ActiveSet.threshold(residual, peak, 0.01, budget);
            ActiveSet set = ActiveSet.select(residual, threshold);
            assertTrue(set.size() <= Math.max(budget, 1), budget + ": " + set.size());
            assertTrue(threshold <= peak && threshold >= 0.01);
        }
        assertEquals(0.01, ActiveSet.threshold(residual, peak, 0.01, SIZE * SIZE), 0.0);
    }

    /** Minor cycles of one run share the PSF's transform; another PSF object gets its own. */
    @Test
    void psfConvolutionIsReusedForTheSamePsfOnly() {
        Image psf = SyntheticSky.uvCoveragePsf(64, 48, 112);
        PsfConvolution first = PsfConvolution.of(psf);
        assertSame(first, PsfConvolution.of(psf));
        Image other = psf.copy();
        PsfConvolution second = PsfConvolution.of(other);
        assertNotSame(first, second);
        Image residual = new Image(64, 48);
        Image expected = new Image(64, 48);
        second.subtract(residual, new int[] {5}, new int[] {7}, new double[] {0.5});
        SyntheticSky.addShiftedPsf(expected, other, 5, 7, -0.5);
        for (int i = 0; i < expected.pixels.length; i++) {
            assertEquals(expected.pixels[i], residual.pixels[i], 1e-12, "pixel " + i);
        }
    }

    /** The shared convolution reuses one buffer across subtractions and reads its spectrum back after parking it. */
    @Test
    void parkedConvolutionSubtractsAsBefore() {
        Image psf = SyntheticSky.uvCoveragePsf(50, 37, 87);
        PsfConvolution convolution = PsfConvolution.of(psf);
        Image residual = new Image(50, 37);
        Image expected = new Image(50, 37);
        int[][] components = {{3, 2}, {49, 36}, {0, 0}, {25, 18}};
        for (int k = 0; k < components.length; k++) {
            int[] c = components[k];
            convolution.subtract(residual, new int[] {c[0]}, new int[] {c[1]}, new double[] {0.7 - 0.3 * k});
            SyntheticSky.addShiftedPsf(expected, psf, c[0], c[1], -(0.7 - 0.3 * k));
            if (k % 2 == 1) {
                convolution.park(0);
            }
            for (int i = 0; i < expected.pixels.length; i++) {
                assertEquals(expected.pixels[i], residual.pixels[i], 1e-12, "subtraction " + k + ", pixel " + i);
            }
        }
    }

    @Test
    void paddedSizeAvoidsWrapAroundWithFastFactors() {
        assertEquals(6144, PsfConvolution.paddedSize(4096));
        assertEquals(50, PsfConvolution.paddedSize(33));
        assertEquals(30, PsfConvolution.paddedSize(20));
    }
}
