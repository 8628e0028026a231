package org.tessera.imaging.gridding;

import java.util.Arrays;
import org.jtransforms.fft.DoubleFFT_1D;
import org.jtransforms.fft.FloatFFT_1D;
import org.tessera.imaging.ImageGeometry;

/**
 * The 2-D forward FFT of a w-plane, pruned as in ducc0: only the uv-grid columns that hold data
 * are transformed along v, and only the rows that map onto image pixels along u (or the reverse
 * order when predicting). Built from JTransforms 1-D transforms; one transform object per thread.
 * The adjoint transform also zeroes the grid cells it leaves unread (data columns outside the
 * image rows), so the caller only clears the image rows it reads back.
 */
final class PlaneFft implements CompactLayout {
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
    /** Compact layout: grid columns [0, lowColumns) keep their index, the rest move down by gap. */
    private final int lowColumns;
    private final int gap;
    private final float[][] rowBuffers;
    private final RadixThreeFft[] compactU;
    private final RadixThreeFft[] compactV;

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
        lowColumns = reach == nu ? nu : maxColumnDistance + 1;
        gap = nu - reach;
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
        rowBuffers = new float[threads][];
        compactU = new RadixThreeFft[threads];
        compactV = new RadixThreeFft[threads];
    }

    /**
     * The pruned FFT of one run: data columns within the samples' u reach (plus half the kernel), and
     * the grid rows that map onto image rows as the adjoint reads them, at (y - height/2) mod nv,
     * and/or as the forward transform writes them, at (height/2 - y) mod nv.
     */
    static PlaneFft forRun(ImageGeometry g, WSortedVisibilities data, boolean adjoint, boolean forward,
                           int threads) {
        WGridPlan plan = data.plan;
        boolean[] rows = new boolean[plan.nv];
        for (int y = 0; y < g.height(); y++) {
            if (adjoint) {
                rows[Math.floorMod(y - g.height() / 2, plan.nv)] = true;
            }
            if (forward) {
                rows[Math.floorMod(g.height() / 2 - y, plan.nv)] = true;
            }
        }
        int reach = (int) Math.ceil(data.maxUDistance + 0.5 * plan.kernel.support()) + 1;
        return new PlaneFft(plan.nu, plan.nv, reach, rows, threads);
    }

    /** Number of data columns: the row length of a compact grid. */
    int compactWidth() {
        return dataColumns.length;
    }

    /** Interleaved compact offsets 2*column of the W columns from u0 (wrapped into [0, nu)). */
    @Override
    public void compactColumns(int u0, int[] cols) {
        for (int a = 0; a < cols.length; a++) {
            int c = u0 + a;
            c = c < 0 ? c + nu : c >= nu ? c - nu : c;
            if (c >= lowColumns) {
                c -= gap;
                if (c < lowColumns) {
                    throw new IllegalStateException("grid column " + (c + gap) + " is outside the data columns");
                }
            }
            cols[a] = 2 * c;
        }
    }

    /** Compact grids keep every grid row: row r starts at 2 r compactWidth. */
    @Override
    public int rowOffset(int row) {
        return 2 * row * dataColumns.length;
    }

    /**
     * Adjoint of compact float grids (rows of {@link #compactWidth()} data columns), fused with the
     * accumulation: columns along v, then for each image row the full-length row transform along u
     * and D(x, y) += Re[F w-screen] as in {@link PlaneAccumulation}; grid k goes into image k, all
     * in the same passes (the screen is read once for all). Leaves the grids all zero.
     */
    void transformCompactForImage(ParallelRunner runner, float[][] grids, ImageGeometry g, WScreen screen,
                                  double[][] images) {
        int count = grids.length;
        int reach = dataColumns.length;
        int blocks = (reach + BLOCK - 1) / BLOCK;
        runner.forRange(0, count * blocks, (thread, b0, b1) -> {
            for (int b = b0; b < b1; b++) {
                compactColumnBlock(thread, grids[b / blocks], b % blocks);
            }
        });
        int width = g.width();
        int height = g.height();
        int half = width / 2;
        int high = reach - lowColumns;
        // pixel x reads the transformed row at u index (width/2 - x) mod nu and the screen at |x - width/2|
        int[] pixelIndex = new int[width];
        int[] screenIndex = new int[width];
        for (int x = 0; x < width; x++) {
            pixelIndex[x] = 2 * RadixThreeFft.position(nu, Math.floorMod(half - x, nu));
            screenIndex[x] = 2 * Math.abs(x - half);
        }
        runner.forRange(0, height, (thread, y0, y1) -> {
            if (rowBuffers[thread] == null || rowBuffers[thread].length != 2 * nu * count) {
                rowBuffers[thread] = new float[2 * nu * count];
            }
            if (compactU[thread] == null) {
                compactU[thread] = new RadixThreeFft(nu);
            }
            float[] rows = rowBuffers[thread];
            RadixThreeFft fft = compactU[thread];
            double[] s = screen.screen;
            for (int y = y0; y < y1; y++) {
                int base = 2 * Math.floorMod(y - height / 2, nv) * reach;
                for (int k = 0; k < count; k++) {
                    float[] grid = grids[k];
                    int o = 2 * nu * k;
                    System.arraycopy(grid, base, rows, o, 2 * lowColumns);
                    Arrays.fill(rows, o + 2 * lowColumns, o + 2 * (lowColumns + gap), 0f);
                    System.arraycopy(grid, base + 2 * lowColumns, rows, o + 2 * (lowColumns + gap), 2 * high);
                    Arrays.fill(grid, base, base + 2 * reach, 0f);
                    fft.complexForwardPermuted(rows, o);
                }
                int screenRow = 2 * Math.abs(y - height / 2) * screen.qx;
                int out = y * width;
                for (int k = 0; k < count; k++) {
                    double[] image = images[k];
                    int o = 2 * nu * k;
                    for (int x = 0; x < width; x++) {
                        int ku = o + pixelIndex[x];
                        int si = screenRow + screenIndex[x];
                        image[out + x] += rows[ku] * s[si] - rows[ku + 1] * s[si + 1];
                    }
                }
            }
        });
    }

    /** Compact-layout column block: along v, image rows written back, the other rows zeroed. */
    private void compactColumnBlock(int thread, float[] grid, int block) {
        int reach = dataColumns.length;
        int c0 = block * BLOCK;
        int n = Math.min(BLOCK, reach - c0);
        int stride = 2 * nv;
        if (floatBuffers[thread] == null) {
            floatBuffers[thread] = new float[BLOCK * stride];
        }
        if (compactV[thread] == null) {
            compactV[thread] = new RadixThreeFft(nv);
        }
        float[] buf = floatBuffers[thread];
        for (int r = 0; r < nv; r++) {
            int k0 = 2 * (r * reach + c0);
            boolean keep = isImageRow[r];
            for (int b = 0; b < n; b++) {
                int k = k0 + 2 * b;
                buf[b * stride + 2 * r] = grid[k];
                buf[b * stride + 2 * r + 1] = grid[k + 1];
            }
            if (!keep) {
                Arrays.fill(grid, k0, k0 + 2 * n, 0f);
            }
        }
        RadixThreeFft fft = compactV[thread];
        for (int b = 0; b < n; b++) {
            fft.complexForwardPermuted(buf, b * stride);
        }
        for (int r : imageRows) {
            int k0 = 2 * (r * reach + c0);
            int pr = 2 * fft.position(r);
            for (int b = 0; b < n; b++) {
                int k = k0 + 2 * b;
                grid[k] = buf[b * stride + pr];
                grid[k + 1] = buf[b * stride + pr + 1];
            }
        }
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
            compactV[thread] = new RadixThreeFft(nv);
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
            compactV[thread].complexForward(buf, b * stride);
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
