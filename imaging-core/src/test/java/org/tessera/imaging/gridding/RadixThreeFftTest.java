package org.tessera.imaging.gridding;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.jtransforms.fft.DoubleFFT_1D;
import org.junit.jupiter.api.Test;

class RadixThreeFftTest {
    @Test
    void matchesDoubleTransform() {
        for (int n : new int[] {96, 6144, 1000}) {
            Random random = new Random(n);
            int off = 10;
            float[] a = new float[2 * n + off + 4];
            double[] ref = new double[2 * n];
            for (int k = 0; k < 2 * n; k++) {
                a[off + k] = (float) random.nextGaussian();
                ref[k] = a[off + k];
            }
            new RadixThreeFft(n).complexForward(a, off);
            new DoubleFFT_1D(n).complexForward(ref);
            double max = 0;
            double peak = 0;
            for (int k = 0; k < 2 * n; k++) {
                max = Math.max(max, Math.abs(a[off + k] - ref[k]));
                peak = Math.max(peak, Math.abs(ref[k]));
            }
            assertEquals(0, max / peak, 1e-5, "n=" + n);
            float[] b = new float[2 * n + off];
            for (int k = 0; k < 2 * n; k++) {
                b[off + k] = (float) random.nextGaussian();
            }
            float[] c = b.clone();
            RadixThreeFft fft = new RadixThreeFft(n);
            fft.complexForward(b, off);
            fft.complexForwardPermuted(c, off);
            for (int j = 0; j < n; j++) {
                int p = off + 2 * fft.position(j);
                assertEquals(b[off + 2 * j], c[p], 0, "n=" + n + " j=" + j);
                assertEquals(b[off + 2 * j + 1], c[p + 1], 0, "n=" + n + " j=" + j);
            }
        }
    }
}
