package org.tessera.imaging.gridding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FourierResamplerTest {
    /** A real trigonometric polynomial of band below m/2, sampled coarsely, comes back exactly on the fine grid. */
    @Test
    void trigonometricPolynomialIsReproducedOnTheFineGrid() {
        // JTransforms scales its unscaled real inverse differently for power-of-two and other lengths
        check(96, 256, 40);
        check(96, 250, 40);
        check(64, 128, 30);
        check(640, 800, 300);
    }

    private static void check(int m, int n, int band) {
        Random random = new Random(3);
        double[] re = new double[band + 1];
        double[] im = new double[band + 1];
        for (int k = 0; k <= band; k++) {
            re[k] = random.nextGaussian();
            im[k] = k == 0 ? 0 : random.nextGaussian();
        }
        double[] coarse = new double[m];
        for (int j = 0; j < m; j++) {
            coarse[j] = value(re, im, (double) j / m);
        }
        double[] fine = new FourierResampler(m, n).resample(coarse);
        double max = 0;
        for (int a = 0; a < n; a++) {
            max = Math.max(max, Math.abs(fine[a] - value(re, im, (double) a / n)));
        }
        assertTrue(max < 1e-10, "max error " + max);
    }

    /** {@code <R x, y> = <x, R^T y>} for random x and y, for power-of-two and other lengths. */
    @Test
    void transposedIsTheAdjointOfResampling() {
        for (int[] mn : new int[][] {{96, 256}, {96, 250}, {64, 128}, {640, 800}}) {
            int m = mn[0];
            int n = mn[1];
            Random random = new Random(m + n);
            double[] x = new double[m];
            double[] y = new double[n];
            for (int i = 0; i < m; i++) {
                x[i] = random.nextGaussian();
            }
            for (int i = 0; i < n; i++) {
                y[i] = random.nextGaussian();
            }
            FourierResampler r = new FourierResampler(m, n);
            double[] rx = r.resample(x.clone()).clone();
            double[] rty = r.transposed(y.clone()).clone();
            double left = 0;
            double right = 0;
            for (int i = 0; i < n; i++) {
                left += rx[i] * y[i];
            }
            for (int i = 0; i < m; i++) {
                right += x[i] * rty[i];
            }
            assertEquals(left, right, 1e-10 * Math.abs(left) + 1e-10, m + " -> " + n);
        }
    }

    @Test
    void windowIsOneAtTheCentreSmallAtTheEdgeAndBandLimited() {
        BandLimitedWindow window = new BandLimitedWindow(1e-8);
        assertEquals(1.0, window.value(0), 1e-15);
        assertTrue(window.value(0.5) < 3e-6, "edge " + window.value(0.5));
        // band-limited within its half band: coarse samples reproduce it on a fine grid
        int m = 2 * (int) Math.ceil(window.halfBand() + 8);
        double[] coarse = window.sampled(m);
        double[] fine = new FourierResampler(m, 512).resample(coarse);
        double[] exact = window.sampled(512);
        double max = 0;
        for (int a = 0; a < 512; a++) {
            max = Math.max(max, Math.abs(fine[a] - exact[a]));
        }
        assertTrue(max < 1e-5, "max error " + max);
    }

    private static double value(double[] re, double[] im, double s) {
        double v = re[0];
        for (int k = 1; k < re.length; k++) {
            double phase = 2 * Math.PI * k * s;
            v += 2 * (re[k] * Math.cos(phase) - im[k] * Math.sin(phase));
        }
        return v;
    }
}
