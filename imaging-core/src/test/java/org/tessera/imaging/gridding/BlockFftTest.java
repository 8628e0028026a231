package org.tessera.imaging.gridding;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.jtransforms.fft.DoubleFFT_1D;
import org.junit.jupiter.api.Test;

class BlockFftTest {
    /** Every column of a tile against JTransforms' double-precision transform, read through position(j). */
    @Test
    void matchesDoubleTransformColumnByColumn() {
        for (int n : new int[] {2, 4, 8, 16, 32, 48, 96, 1024, 2048, 3072, 6144, 1000, 80}) {
            Random random = new Random(n);
            int off = 3 * BlockFft.ROW;
            int w = BlockFft.WIDTH;
            float[] tile = new float[off + n * BlockFft.ROW];
            double[][] ref = new double[w][2 * n];
            for (int r = 0; r < n; r++) {
                for (int b = 0; b < w; b++) {
                    float re = (float) random.nextGaussian();
                    float im = (float) random.nextGaussian();
                    tile[off + r * BlockFft.ROW + b] = re;
                    tile[off + r * BlockFft.ROW + w + b] = im;
                    ref[b][2 * r] = re;
                    ref[b][2 * r + 1] = im;
                }
            }
            BlockFft fft = new BlockFft(n);
            fft.transform(tile, off);
            DoubleFFT_1D exact = new DoubleFFT_1D(n);
            double max = 0;
            double peak = 0;
            for (int b = 0; b < w; b++) {
                exact.complexForward(ref[b]);
                for (int j = 0; j < n; j++) {
                    int p = off + fft.position(j) * BlockFft.ROW;
                    max = Math.max(max, Math.abs(tile[p + b] - ref[b][2 * j]));
                    max = Math.max(max, Math.abs(tile[p + w + b] - ref[b][2 * j + 1]));
                    peak = Math.max(peak, Math.hypot(ref[b][2 * j], ref[b][2 * j + 1]));
                }
            }
            assertEquals(0, max / peak, 2e-6, "n=" + n);
        }
    }

    /** position is a permutation of the rows. */
    @Test
    void positionsArePermutations() {
        for (int n : new int[] {3072, 1024, 80}) {
            BlockFft fft = new BlockFft(n);
            boolean[] seen = new boolean[n];
            for (int j = 0; j < n; j++) {
                seen[fft.position(j)] = true;
            }
            for (int r = 0; r < n; r++) {
                assertEquals(true, seen[r], "n=" + n + " row " + r);
            }
        }
    }
}
