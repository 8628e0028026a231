package org.tessera.imaging.deconvolution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tessera.imaging.Image;

/**
 * {@code -local-rms} on a simulated field whose noise rises tenfold from left to right, with a bright source and two
 * faint ones in the quiet left part: the whole image's σ is too high for the faint sources and too low for the
 * noisy right part; the local rms cleans the faint sources and leaves the noise on the right alone.
 */
class LocalRmsTest {
    private static final int N = 256;
    private static final double SIGMA_LEFT = 0.002;
    private static final double FAINT = 0.04;
    private static final int[][] FAINT_AT = {{40, 60}, {40, 200}};
    private static final double WINDOW = 8;
    /** About the main lobe's FWHM of the simulated PSF: the window is 24 pixels wide. */
    private static final double BEAM_PIXELS = 3.0;

    /** The noise rms at column x: 0.002 at the left edge, ten times that at the right. */
    private static double sigma(int x) {
        return SIGMA_LEFT * (1 + 9.0 * x / N);
    }

    private static Image noise(long seed) {
        Random random = new Random(seed);
        Image image = new Image(N, N);
        for (int y = 0; y < N; y++) {
            for (int x = 0; x < N; x++) {
                image.set(x, y, sigma(x) * random.nextGaussian());
            }
        }
        return image;
    }

    /**
     * The noise as an interferometer sees it: PSF ⊛ white noise, scaled back to the white noise's rms, so that
     * CLEAN can model it as a dirty image's noise is modelled.
     */
    private static Image seenThrough(Image psf, Image white) {
        int[] xs = new int[N * N];
        int[] ys = new int[N * N];
        double sumSquares = 0;
        for (int i = 0; i < xs.length; i++) {
            xs[i] = i % N;
            ys[i] = i / N;
            sumSquares += psf.pixels[i] * psf.pixels[i];
        }
        double[] fluxes = white.pixels.clone();
        for (int i = 0; i < fluxes.length; i++) {
            fluxes[i] = -fluxes[i] / Math.sqrt(sumSquares);
        }
        Image seen = new Image(N, N);
        new PsfConvolution(psf).subtract(seen, xs, ys, fluxes);
        return seen;
    }

    @Test
    void localRmsFollowsTheNoiseGradient() {
        LocalRms local = LocalRms.of(noise(1), BEAM_PIXELS, WINDOW);
        // a window of 24 pixels FWHM: away from the edges the rms is the local noise level
        for (int x : new int[] {64, 128, 192}) {
            double rms = local.rms().get(x, N / 2);
            assertEquals(sigma(x), rms, 0.1 * sigma(x), "local rms at column " + x);
        }
        assertTrue(local.minRms() < 1.2 * SIGMA_LEFT, "lowest rms " + local.minRms());
        double[] factor = local.factor();
        assertEquals(1.0, java.util.Arrays.stream(factor).max().orElse(0), 1e-12);
    }

    @Test
    void faintSourcesInTheQuietPartAreCleanedAndTheNoisyPartIsLeftAlone() {
        Image psf = SyntheticSky.uvCoveragePsf(N, N, 17);
        Image dirty = seenThrough(psf, noise(2));
        SyntheticSky.addShiftedPsf(dirty, psf, 90, 128, 5.0);
        for (int[] p : FAINT_AT) {
            SyntheticSky.addShiftedPsf(dirty, psf, p[0], p[1], FAINT);
        }
        // mgain 0.5: a -local-rms run ends at the first minor cycle whose n-sigma level binds (WSClean's rule), and the
        // dirty image's local σ is the bright source's sidelobes; so the bright source goes in several major cycles
        IterationParameters global = IterationParameters.builder().niter(20000).mgain(0.5).nsigma(3).build();
        IterationParameters local = global.toBuilder().localRmsWindow(WINDOW).build();
        DeconvolutionResult globalRun = Deconvolver.run(dirty, psf, SyntheticSky.exactPredictor(dirty, psf), global);
        DeconvolutionResult localRun = Deconvolver.run(dirty, psf, SyntheticSky.exactPredictor(dirty, psf), local);
        Image globalModel = globalRun.model();
        Image localModel = localRun.model();

        for (int[] p : FAINT_AT) {
            double withGlobal = fluxNear(globalModel, p[0], p[1]);
            double withLocal = fluxNear(localModel, p[0], p[1]);
            System.out.printf("faint source (%d, %d) of %.3f Jy: model flux %.4f Jy with the whole image's rms,"
                    + " %.4f Jy with -local-rms%n", p[0], p[1], FAINT, withGlobal, withLocal);
            assertTrue(withLocal > 0.5 * FAINT, "faint source at " + p[0] + "," + p[1] + ": " + withLocal);
            assertTrue(withLocal > 1.2 * withGlobal, "local rms cleans deeper there: " + withLocal + " vs " + withGlobal);
        }
        int globalNoisy = noisyComponents(globalModel);
        int localNoisy = noisyComponents(localModel);
        System.out.printf("component pixels in the noisy part (no sources): %d with the whole image's rms,"
                + " %d with -local-rms%n", globalNoisy, localNoisy);
        assertTrue(globalNoisy > 0, "the whole image's σ cleans noise there");
        assertTrue(localNoisy * 2 <= globalNoisy, localNoisy + " against " + globalNoisy);
        assertTrue(fluxNear(localModel, 90, 128) > 0.95 * 5.0, "the bright source is cleaned");
    }

    /** Model flux within 3 pixels of (x, y). */
    private static double fluxNear(Image model, int x, int y) {
        double sum = 0;
        for (int dy = -3; dy <= 3; dy++) {
            for (int dx = -3; dx <= 3; dx++) {
                sum += model.get(x + dx, y + dy);
            }
        }
        return sum;
    }

    /**
     * Nonzero model pixels in the noisiest part, columns 3N/4 on, at least a window's FWHM from the edges: WSClean
     * normalises the window by its whole-plane integral, so the local rms falls off (and cleans deeper) at the edge.
     */
    private static int noisyComponents(Image model) {
        int edge = (int) Math.ceil(3 * WINDOW);
        int n = 0;
        for (int y = edge; y < N - edge; y++) {
            for (int x = 3 * N / 4; x < N - edge; x++) {
                n += model.get(x, y) != 0 ? 1 : 0;
            }
        }
        return n;
    }
}
