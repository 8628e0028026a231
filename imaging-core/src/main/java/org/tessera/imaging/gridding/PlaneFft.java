package org.tessera.imaging.gridding;

import org.jtransforms.fft.DoubleFFT_1D;
import org.jtransforms.fft.FloatFFT_1D;

/**
 * The 2-D forward FFT of a w-plane, pruned as in ducc0: only the uv-grid columns that hold data
 * are transformed along v, and only the rows that map onto image pixels along u (or the reverse
 * order when predicting). Built from JTransforms 1-D transforms; one transform object per thread.
 * The adjoint transform also zeroes the grid cells it leaves unread (data columns outside the
 * image rows), so the caller only clears the image rows it reads back.
 */
final class PlaneFft {
    private static final int BLOCK = 16;

    private final int nu;
    private final int nv;
    /** Grid columns (u index) that can hold data. */
    private final int[] dataColumns;
    /** Grid rows (v index) that map onto image rows. */
    private final int[] imageRows;
    private final boolean[] isImageRow;
    private final DoubleFFT_1D[] alongU;
    private final DoubleFFT_1D[] alongV;
    private final double[][] buffers;
    private final FloatFFT_1D[] alongUFloat;
    private final FloatFFT_1D[] alongVFloat;
    private final float[][] floatBuffers;

    /**
     * @param maxColumnDistance largest wrapped distance of a data column from column 0
     * @param rows              grid rows that are read (adjoint) or written (forward)
     */
    PlaneFft(int nu, int nv, int maxColumnDistance, boolean[] rows, int threads) {
        this.nu = nu;
        this.nv = nv;
        int reach = Math.min(nu, 2 * maxColumnDistance + 1);
        dataColumns = new int[reach];
        if (reach == nu) {
            for (int c = 0; c < nu; c++) {
                dataColumns[c] = c;
            }
        } else {
            int k = 0;
            for (int c = 0; c <= maxColumnDistance; c++) {
                dataColumns[k++] = c;
            }
            for (int c = nu - maxColumnDistance; c < nu; c++) {
                dataColumns[k++] = c;
            }
        }
        int count = 0;
        for (boolean r : rows) {
            count += r ? 1 : 0;
        }
        isImageRow = rows.clone();
        imageRows = new int[count];
        for (int r = 0, k = 0; r < nv; r++) {
            if (rows[r]) {
                imageRows[k++] = r;
            }
        }
        alongU = new DoubleFFT_1D[threads];
        alongV = new DoubleFFT_1D[threads];
        buffers = new double[threads][];
        alongUFloat = new FloatFFT_1D[threads];
        alongVFloat = new FloatFFT_1D[threads];
        floatBuffers = new float[threads][];
    }

    /** Grid rows (v index) that the transform writes, in increasing order. */
    int[] imageRows() {
        return imageRows;
    }

    /** Single-precision adjoint: as {@link #transformForImage(ParallelRunner, double[])}. */
    void transformForImage(ParallelRunner runner, float[] grid) {
        int blocks = (dataColumns.length + BLOCK - 1) / BLOCK;
        runner.forRange(0, blocks, (thread, b0, b1) -> {
            for (int b = b0; b < b1; b++) {
                columnBlock(thread, grid, b);
            }
        });
        runner.forRange(0, imageRows.length, (thread, r0, r1) -> {
            if (alongUFloat[thread] == null) {
                alongUFloat[thread] = new FloatFFT_1D(nu);
            }
            for (int r = r0; r < r1; r++) {
                alongUFloat[thread].complexForward(grid, 2 * imageRows[r] * nu);
            }
        });
    }

    /** Transforms a block of data columns along v, writes back the image rows and zeroes the rest. */
    private void columnBlock(int thread, float[] grid, int block) {
        int c0 = block * BLOCK;
        int n = Math.min(BLOCK, dataColumns.length - c0);
        int stride = 2 * nv;
        if (floatBuffers[thread] == null) {
            floatBuffers[thread] = new float[BLOCK * stride];
            alongVFloat[thread] = new FloatFFT_1D(nv);
        }
        float[] buf = floatBuffers[thread];
        for (int r = 0; r < nv; r++) {
            int rowBase = 2 * r * nu;
            boolean keep = isImageRow[r];
            for (int b = 0; b < n; b++) {
                int k = rowBase + 2 * dataColumns[c0 + b];
                buf[b * stride + 2 * r] = grid[k];
                buf[b * stride + 2 * r + 1] = grid[k + 1];
                if (!keep) {
                    grid[k] = 0;
                    grid[k + 1] = 0;
                }
            }
        }
        for (int b = 0; b < n; b++) {
            alongVFloat[thread].complexForward(buf, b * stride);
        }
        for (int r : imageRows) {
            int rowBase = 2 * r * nu;
            for (int b = 0; b < n; b++) {
                int k = rowBase + 2 * dataColumns[c0 + b];
                grid[k] = buf[b * stride + 2 * r];
                grid[k + 1] = buf[b * stride + 2 * r + 1];
            }
        }
    }

    /** Adjoint order: columns along v (data columns only), then image rows along u. */
    void transformForImage(ParallelRunner runner, double[] grid) {
        int blocks = (dataColumns.length + BLOCK - 1) / BLOCK;
        runner.forRange(0, blocks, (thread, b0, b1) -> {
            for (int b = b0; b < b1; b++) {
                columnBlock(thread, grid, b, imageRows);
            }
        });
        runner.forRange(0, imageRows.length, (thread, r0, r1) -> {
            DoubleFFT_1D fft = fftU(thread);
            for (int r = r0; r < r1; r++) {
                fft.complexForward(grid, 2 * imageRows[r] * nu);
            }
        });
    }

    /** Forward (prediction) order: image rows along u, then data columns along v. */
    void transformForVisibilities(ParallelRunner runner, double[] grid) {
        runner.forRange(0, imageRows.length, (thread, r0, r1) -> {
            DoubleFFT_1D fft = fftU(thread);
            for (int r = r0; r < r1; r++) {
                fft.complexForward(grid, 2 * imageRows[r] * nu);
            }
        });
        int blocks = (dataColumns.length + BLOCK - 1) / BLOCK;
        runner.forRange(0, blocks, (thread, b0, b1) -> {
            for (int b = b0; b < b1; b++) {
                columnBlock(thread, grid, b, null);
            }
        });
    }

    /**
     * Transforms a block of data columns along v; writes back the given rows (null = all), and
     * when only some are written, zeroes the others.
     */
    private void columnBlock(int thread, double[] grid, int block, int[] writeRows) {
        int c0 = block * BLOCK;
        int n = Math.min(BLOCK, dataColumns.length - c0);
        int stride = 2 * nv;
        if (buffers[thread] == null) {
            buffers[thread] = new double[BLOCK * stride];
        }
        double[] buf = buffers[thread];
        for (int r = 0; r < nv; r++) {
            int rowBase = 2 * r * nu;
            boolean clear = writeRows != null && !isImageRow[r];
            for (int b = 0; b < n; b++) {
                int k = rowBase + 2 * dataColumns[c0 + b];
                buf[b * stride + 2 * r] = grid[k];
                buf[b * stride + 2 * r + 1] = grid[k + 1];
                if (clear) {
                    grid[k] = 0;
                    grid[k + 1] = 0;
                }
            }
        }
        DoubleFFT_1D fft = fftV(thread);
        for (int b = 0; b < n; b++) {
            fft.complexForward(buf, b * stride);
        }
        if (writeRows == null) {
            for (int r = 0; r < nv; r++) {
                writeRow(grid, buf, r, c0, n, stride);
            }
        } else {
            for (int r : writeRows) {
                writeRow(grid, buf, r, c0, n, stride);
            }
        }
    }

    private void writeRow(double[] grid, double[] buf, int r, int c0, int n, int stride) {
        int rowBase = 2 * r * nu;
        for (int b = 0; b < n; b++) {
            int k = rowBase + 2 * dataColumns[c0 + b];
            grid[k] = buf[b * stride + 2 * r];
            grid[k + 1] = buf[b * stride + 2 * r + 1];
        }
    }

    private DoubleFFT_1D fftU(int thread) {
        if (alongU[thread] == null) {
            alongU[thread] = new DoubleFFT_1D(nu);
        }
        return alongU[thread];
    }

    private DoubleFFT_1D fftV(int thread) {
        if (alongV[thread] == null) {
            alongV[thread] = new DoubleFFT_1D(nv);
        }
        return alongV[thread];
    }
}
