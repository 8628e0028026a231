package org.tessera.gpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.jtransforms.fft.DoubleFFT_1D;
import org.jtransforms.fft.DoubleFFT_2D;
import org.junit.jupiter.api.Test;

/** The Stockham mirror of fft.cu against JTransforms, on 2^a 3^b 5^c lengths and the pruned plane form. */
class StockhamFftTest {
    @Test
    void lineTransformsMatchJTransforms() {
        Random rnd = new Random(11);
        for (int n : new int[] {1, 2, 3, 5, 8, 12, 15, 30, 45, 64, 120, 243, 250, 360, 625, 768, 1000, 1536, 6144}) {
            double[] x = new double[2 * n];
            for (int i = 0; i < x.length; i++) {
                x[i] = rnd.nextGaussian();
            }
            double[] ref = x.clone();
            new DoubleFFT_1D(n).complexForward(ref);
            double[] got = x.clone();
            new StockhamFft(n).forward(got, 0, 1, new double[2 * n]);
            assertTrue(relativeError(got, ref) < 1e-13, "n " + n + ": " + relativeError(got, ref));
        }
    }

    @Test
    void stridedLinesAreTransformedInPlace() {
        int nu = 6;
        int nv = 20;
        double[] grid = new double[2 * nu * nv];
        Random rnd = new Random(3);
        for (int i = 0; i < grid.length; i++) {
            grid[i] = rnd.nextDouble() - 0.5;
        }
        double[] column = new double[2 * nv];
        for (int v = 0; v < nv; v++) {
            column[2 * v] = grid[2 * (v * nu + 4)];
            column[2 * v + 1] = grid[2 * (v * nu + 4) + 1];
        }
        new DoubleFFT_1D(nv).complexForward(column);
        double[] before = grid.clone();
        new StockhamFft(nv).forward(grid, 2 * 4, nu, new double[2 * nv]);
        for (int v = 0; v < nv; v++) {
            assertEquals(column[2 * v], grid[2 * (v * nu + 4)], 1e-12);
            assertEquals(before[2 * (v * nu + 3)], grid[2 * (v * nu + 3)], 0.0, "other columns untouched");
        }
    }

    /** PlaneFft's pruning: data in a band of columns around 0, only some rows read back. */
    @Test
    void prunedPlaneMatchesTheFull2dTransformOnTheReadRows() {
        int nu = 120;
        int nv = 90;
        int reach = 17;
        int[] dataColumns = new int[2 * reach + 1];
        for (int k = 0; k <= reach; k++) {
            dataColumns[k] = k;
        }
        for (int k = 1; k <= reach; k++) {
            dataColumns[reach + k] = nu - k;
        }
        int[] imageRows = {0, 1, 2, 3, 44, 45, 46, 87, 88, 89};
        double[] grid = new double[2 * nu * nv];
        Random rnd = new Random(5);
        for (int v = 0; v < nv; v++) {
            for (int c : dataColumns) {
                grid[2 * (v * nu + c)] = rnd.nextGaussian();
                grid[2 * (v * nu + c) + 1] = rnd.nextGaussian();
            }
        }
        double[] full = grid.clone();
        new DoubleFFT_2D(nv, nu).complexForward(full);
        StockhamFft.prunedPlane(grid, nu, nv, dataColumns, imageRows);
        for (int r : imageRows) {
            double[] got = java.util.Arrays.copyOfRange(grid, 2 * r * nu, 2 * (r + 1) * nu);
            double[] ref = java.util.Arrays.copyOfRange(full, 2 * r * nu, 2 * (r + 1) * nu);
            assertTrue(relativeError(got, ref) < 1e-13, "row " + r + ": " + relativeError(got, ref));
        }
    }

    @Test
    void otherLengthsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new StockhamFft(14));
        assertEquals("FFT length 14 is not 2^a 3^b 5^c", e.getMessage());
        assertArrayEquals(new int[] {5, 3, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2}, StockhamFft.radices(15 * 4096));
    }

    static double relativeError(double[] a, double[] ref) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < a.length; i++) {
            num += (a[i] - ref[i]) * (a[i] - ref[i]);
            den += ref[i] * ref[i];
        }
        return Math.sqrt(num / Math.max(den, 1e-300));
    }
}
