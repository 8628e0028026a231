package org.tessera.imaging.gridding;

import java.util.Arrays;
import org.jtransforms.fft.DoubleFFT_1D;
import org.tessera.imaging.ImageGeometry;

/**
 * The 2-D forward FFT of a w-plane, pruned as in ducc0: only the uv-grid columns that hold data
 * are transformed along v, and only the rows that map onto image pixels along u (or the reverse
 * order when predicting). Compact float grids go through {@link BlockFft} tiles, full double grids
 * through JTransforms 1-D transforms; one transform object per thread.
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
    /** Compact layout: grid columns [0, lowColumns) keep their index, the rest move down by gap. */
    private final int lowColumns;
    private final int gap;
    private final float[][] blockTiles;
    private final BlockFft[] blockU;
    private final BlockFft[] blockV;

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
        blockTiles = new float[threads][];
        blockU = new BlockFft[threads];
        blockV = new BlockFft[threads];
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
     * accumulation, on {@link BlockFft} tiles: {@link BlockFft#WIDTH} data columns at a time along v,
     * then as many image rows at a time along u, each output added as D(x, y) += Re[F w-screen] as in
     * {@link PlaneAccumulation}; grid k goes into image k. Leaves the grids all zero.
     */
    void transformCompactForImage(ParallelRunner runner, float[][] grids, ImageGeometry g, WScreen screen,
                                  double[][] images) {
        if (!BlockFft.isFast(nu) || !BlockFft.isFast(nv)) {
            throw new IllegalStateException("a full-size plan's grid (" + nu + " x " + nv + ") has lengths of 2^k or"
                    + " 3 * 2^k");
        }
        int w = BlockFft.WIDTH;
        int count = grids.length;
        int reach = dataColumns.length;
        int blocks = (reach + w - 1) / w;
        runner.forRange(0, count * blocks, (thread, b0, b1) -> {
            for (int b = b0; b < b1; b++) {
                blockedColumns(thread, grids[b / blocks], b % blocks);
            }
        });
        int width = g.width();
        int height = g.height();
        int half = width / 2;
        BlockFft positions = blockFft(0, nu, true);
        // pixel x reads tile row position((width/2 - x) mod nu) and the screen at |x - width/2|
        int[] pixelRow = new int[width];
        int[] screenIndex = new int[width];
        for (int x = 0; x < width; x++) {
            pixelRow[x] = positions.position(Math.floorMod(half - x, nu)) * BlockFft.ROW;
            screenIndex[x] = 2 * Math.abs(x - half);
        }
        int rowTiles = (height + w - 1) / w;
        runner.forRange(0, rowTiles, (thread, t0, t1) -> {
            float[] tile = blockTile(thread);
            BlockFft fft = blockFft(thread, nu, true);
            double[] s = screen.screen;
            for (int t = t0; t < t1; t++) {
                int y0 = t * w;
                int n = Math.min(w, height - y0);
                for (int k = 0; k < count; k++) {
                    gatherRows(grids[k], tile, y0, n, height);
                    fft.transform(tile, 0);
                    double[] image = images[k];
                    for (int b = 0; b < n; b++) {
                        int y = y0 + b;
                        int screenRow = 2 * Math.abs(y - height / 2) * screen.qx;
                        int out = y * width;
                        for (int x = 0; x < width; x++) {
                            int ku = pixelRow[x] + b;
                            int si = screenRow + screenIndex[x];
                            image[out + x] += tile[ku] * s[si] - tile[ku + w] * s[si + 1];
                        }
                    }
                }
            }
        });
    }

    /**
     * Image rows y0 .. y0+n-1 of a compact grid into a tile along u (the gap between the low and high data columns
     * zero, lanes past n zero), the grid rows zeroed.
     */
    private void gatherRows(float[] grid, float[] tile, int y0, int n, int height) {
        int w = BlockFft.WIDTH;
        int reach = dataColumns.length;
        int high = reach - lowColumns;
        Arrays.fill(tile, 0, nu * BlockFft.ROW, 0f);
        for (int b = 0; b < n; b++) {
            int base = 2 * Math.floorMod(y0 + b - height / 2, nv) * reach;
            for (int c = 0; c < lowColumns; c++) {
                tile[c * BlockFft.ROW + b] = grid[base + 2 * c];
                tile[c * BlockFft.ROW + w + b] = grid[base + 2 * c + 1];
            }
            for (int c = 0; c < high; c++) {
                int u = lowColumns + gap + c;
                tile[u * BlockFft.ROW + b] = grid[base + 2 * (lowColumns + c)];
                tile[u * BlockFft.ROW + w + b] = grid[base + 2 * (lowColumns + c) + 1];
            }
            Arrays.fill(grid, base, base + 2 * reach, 0f);
        }
    }

    /** Up to WIDTH compact data columns along v on one tile: image rows written back, the other rows zeroed. */
    private void blockedColumns(int thread, float[] grid, int block) {
        int w = BlockFft.WIDTH;
        int reach = dataColumns.length;
        int c0 = block * w;
        int n = Math.min(w, reach - c0);
        float[] tile = blockTile(thread);
        if (n < w) {
            Arrays.fill(tile, 0, nv * BlockFft.ROW, 0f);
        }
        for (int r = 0; r < nv; r++) {
            int k0 = 2 * (r * reach + c0);
            int t = r * BlockFft.ROW;
            for (int b = 0; b < n; b++) {
                tile[t + b] = grid[k0 + 2 * b];
                tile[t + w + b] = grid[k0 + 2 * b + 1];
            }
            if (!isImageRow[r]) {
                Arrays.fill(grid, k0, k0 + 2 * n, 0f);
            }
        }
        BlockFft fft = blockFft(thread, nv, false);
        fft.transform(tile, 0);
        for (int r : imageRows) {
            int k0 = 2 * (r * reach + c0);
            int t = fft.position(r) * BlockFft.ROW;
            for (int b = 0; b < n; b++) {
                grid[k0 + 2 * b] = tile[t + b];
                grid[k0 + 2 * b + 1] = tile[t + w + b];
            }
        }
    }

    private float[] blockTile(int thread) {
        int length = Math.max(nu, nv) * BlockFft.ROW;
        if (blockTiles[thread] == null || blockTiles[thread].length < length) {
            blockTiles[thread] = new float[length];
        }
        return blockTiles[thread];
    }

    /** The thread's blocked transform along u ({@code alongU}) or v. */
    private BlockFft blockFft(int thread, int n, boolean alongU) {
        BlockFft[] ffts = alongU ? blockU : blockV;
        if (ffts[thread] == null) {
            ffts[thread] = new BlockFft(n);
        }
        return ffts[thread];
    }

    /** Grid rows (v index) that the transform writes, in increasing order. */
    int[] imageRows() {
        return imageRows;
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
