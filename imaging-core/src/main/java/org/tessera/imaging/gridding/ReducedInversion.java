package org.tessera.imaging.gridding;

import java.util.Arrays;
import org.tessera.imaging.ImageGeometry;

/**
 * The reduced inversion: every w-plane is transformed and w-screened on an mu x mv sampling of the
 * whole period of the nu x nv grid instead of on the image pixels, and the accumulated image is
 * brought to the pixels once, at the end, by exact Fourier resampling. Unlike WSClean's "small
 * inversion", nothing is lost: each plane's transform is a trigonometric polynomial of the data's
 * band (|u| within reachU cells), the w-screen widens that band by at most its largest phase slope
 * over the period (chirpU), and a band-limited window that vanishes at the period edge makes the
 * sum smooth and periodic; mu and mv sample that total band, so resampling reproduces the sum at
 * every pixel, where the window is divided out.
 *
 * <p>Layout: each grid has mv rows of mu cells in FFT order (column u at u or u + mu, row v at v
 * or v + mv, in cells, signed), so a sample's taps are contiguous unless they straddle u = 0. A
 * plane is transformed along u on the rows that can hold data, in place, then along v straight
 * into the accumulation, both {@link BlockFft#WIDTH} rows or columns at a time. The accumulated
 * images are real, mv rows of mu, in the transforms' output order: sample (j, i), at
 * (j nu/mu, i nv/mv) in fine-grid index units, is element accumulatedRow[i] mu + accumulatedColumn[j].
 * Predictions keep the model's coarse samples transposed: (j, i) at j mv + i.
 */
final class ReducedInversion implements CompactLayout {
    /** Window value at the period edge: far below single precision's epsilon, at a cost of ~6 cells of band. */
    static final double WINDOW_EDGE = 1e-8;
    /** Pixel rows resampled together, to read and write the column-major half image by cache lines. */
    private static final int ROWS = 8;
    /** Floats added to every row and column buffer: power-of-two strides would map them onto the same cache sets. */
    private static final int PAD = 32;

    private final ImageGeometry geometry;
    private final WGridPlan plan;
    private final int mu;
    private final int mv;
    private final int reachU;
    private final int reachV;
    /** Floats per grid row. */
    private final int rowStride;
    /** Offset of each fine grid row in a grid, -1 for rows beyond the data. */
    private final int[] rowOffset;
    private final double[] windowU;
    private final double[] windowV;
    private final BandLimitedWindow window;
    /** Fine-grid index of each pixel column (u) and row (v), and 1/window there. */
    private final int[] fineColumn;
    private final double[] inverseWindowX;
    private final int[] fineRow;
    private final double[] inverseWindowY;
    /** The w-screen on the coarse samples, transposed: quadrant index |j| (mv/2 + 1) + |i|. */
    private WScreen screen;
    /** Per thread: one screen row as (re, -im) floats over all mv samples i (prediction). */
    private final float[][] screenRows;
    /** Per thread: a tile of BlockFft.WIDTH rows or columns, and the screen on a column tile as (re, -im). */
    private final float[][] tiles;
    private final float[][] screenTiles;
    private final BlockFft[] rowFfts;
    /** Per thread: where each grid row of a row tile starts. */
    private final int[][] rowStarts;
    private final BlockFft[] columnFfts;
    private final VectorBlockFft blockSimd;
    /** Image row (v position after the column transform) of coarse sample row i. */
    private final int[] accumulatedRow;
    /** Sample index j held at each position of a row after the transform along u (the image column). */
    private final int[] sampleAtPosition;
    /** Inverse of sampleAtPosition: image column of coarse sample column j. */
    private final int[] accumulatedColumn;

    ReducedInversion(ImageGeometry g, WGridPlan plan, int threads) {
        WGridPlan.ReducedSize size = plan.reduced;
        this.geometry = g;
        this.plan = plan;
        this.mu = size.mu();
        this.mv = size.mv();
        this.reachU = size.reachU();
        this.reachV = size.reachV();
        rowStride = 2 * mu + PAD;
        rowOffset = new int[plan.nv];
        for (int r = 0; r < plan.nv; r++) {
            int row = r <= reachV ? r : r >= plan.nv - reachV ? r - plan.nv + mv : -1;
            rowOffset[r] = row < 0 ? -1 : row * rowStride;
        }
        window = new BandLimitedWindow(size.windowEdge());
        windowU = window.sampled(mu);
        windowV = window.sampled(mv);
        fineColumn = new int[g.width()];
        inverseWindowX = new double[g.width()];
        for (int x = 0; x < g.width(); x++) {
            int a = g.width() / 2 - x;
            fineColumn[x] = Math.floorMod(a, plan.nu);
            inverseWindowX[x] = 1 / window.value((double) a / plan.nu);
        }
        fineRow = new int[g.height()];
        inverseWindowY = new double[g.height()];
        for (int y = 0; y < g.height(); y++) {
            int b = y - g.height() / 2;
            fineRow[y] = Math.floorMod(b, plan.nv);
            inverseWindowY[y] = 1 / window.value((double) b / plan.nv);
        }
        double cell = g.cellRad();
        screen = new WScreen(mv / 2 + 1, mu / 2 + 1, cell * plan.nv / mv, cell * plan.nu / mu, plan);
        BlockFft alongRows = new BlockFft(mu);
        BlockFft alongColumns = new BlockFft(mv);
        sampleAtPosition = new int[mu];
        accumulatedColumn = new int[mu];
        for (int j = 0; j < mu; j++) {
            accumulatedColumn[j] = alongRows.position(j);
            sampleAtPosition[accumulatedColumn[j]] = j;
        }
        accumulatedRow = new int[mv];
        for (int i = 0; i < mv; i++) {
            accumulatedRow[i] = alongColumns.position(i);
        }
        screenRows = new float[threads][2 * mv];
        tiles = new float[threads][];
        screenTiles = new float[threads][];
        rowFfts = new BlockFft[threads];
        rowStarts = new int[threads][BlockFft.WIDTH];
        columnFfts = new BlockFft[threads];
        blockSimd = VectorSupport.BLOCK_FFT ? new VectorBlockFft() : null;
    }

    /**
     * The reduced size for a full-size plan and the data's extent, or null when it would not save
     * work (or the period reaches the horizon, where the w-screen is undefined).
     */
    static WGridPlan.ReducedSize size(ImageGeometry g, WGridPlan full, WRange range) {
        double cell = g.cellRad();
        double halfL = 0.5 * full.nu * cell;
        double halfM = 0.5 * full.nv * cell;
        double r2 = halfL * halfL + halfM * halfM;
        if (!(r2 < 0.98)) {
            return null;
        }
        double n = Math.sqrt(1 - r2);
        int support = full.kernel.support();
        int reachU = (int) Math.ceil(range.uMax() * cell * full.nu + 0.5 * support) + 1;
        int reachV = (int) Math.ceil(range.vMax() * cell * full.nv + 0.5 * support) + 1;
        double wp = Math.max(Math.abs(full.w0), Math.abs(full.w0 + (full.planes - 1) * full.dw));
        // largest phase slope of any plane's screen over the period, in cycles per period (at the corner)
        double chirpU = full.nu * cell * wp * halfL / n;
        double chirpV = full.nv * cell * wp * halfM / n;
        double band = BandLimitedWindow.halfBand(WINDOW_EDGE);
        int mu = fastSize(2 * (reachU + chirpU + 2 * band + 8));
        int mv = fastSize(2 * (reachV + chirpV + 2 * band + 8));
        if (mu >= full.nu || mv >= full.nv) {
            return null;
        }
        double columns = 2 * reachU + 1;
        double fullWork = columns * full.nv * log2(full.nv) + (double) g.height() * full.nu * log2(full.nu)
                + (double) g.width() * g.height();
        double reducedWork = columns * mv * log2(mv) + (double) mv * mu * log2(mu) + (double) mu * mv;
        return reducedWork < 0.8 * fullWork ? new WGridPlan.ReducedSize(mu, mv, reachU, reachV, WINDOW_EDGE) : null;
    }

    /** Smallest even length >= target of the fast kinds: 2^k, 3 * 2^k or 5 * 2^k. */
    static int fastSize(double target) {
        int best = Integer.MAX_VALUE;
        for (int p = 16; p < (1 << 27); p *= 2) {
            for (int f : new int[] {1, 3, 5}) {
                if (f * p >= target) {
                    best = Math.min(best, f * p);
                }
            }
        }
        return best;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    /** The w-screen of the coarse samples, to move to each plane. */
    WScreen screen() {
        return screen;
    }

    /** Drops the w-screen once every plane is done (its arrays are about as large as a grid). */
    void releaseScreen() {
        screen = null;
    }

    /** Floats in one grid. */
    int gridLength() {
        return rowStride * mv;
    }

    /** Floats in one accumulated coarse image. */
    int imageLength() {
        return mu * mv;
    }

    @Override
    public void compactColumns(int u0, int[] cols) {
        for (int a = 0; a < cols.length; a++) {
            cols[a] = 2 * column(u0 + a);
        }
    }

    /** Grid column of fine column c (wrapped into [0, nu), or just outside). */
    private int column(int c) {
        int nu = plan.nu;
        int signed = c >= nu / 2 ? c - nu : c < -nu / 2 ? c + nu : c;
        if (signed > reachU || signed < -reachU) {
            throw new IllegalStateException("grid column " + c + " is outside the planned data extent");
        }
        return signed < 0 ? signed + mu : signed;
    }

    /**
     * Interleaved offset, within a row, of the 8 cells from fine column u0 when they are contiguous
     * and inside the row (the SIMD loops write up to 8 cells, those past the W taps with zero), else -1.
     */
    int vectorColumnOffset(int u0) {
        int c = column(u0);
        return c + VectorPlaneGridding.CELLS <= mu && (c >= mu / 2 || c + plan.kernel.support() <= reachU + 1)
                ? 2 * c : -1;
    }

    @Override
    public int rowOffset(int row) {
        return rowOffset[row];
    }

    /**
     * Transforms each grid to the coarse samples (rows that hold data along u, in place; then columns
     * along v), multiplies by the current w-screen and adds the real part into the matching coarse
     * image. Both passes run {@link BlockFft} on tiles of {@link BlockFft#WIDTH} rows or columns.
     * Leaves the grids all zero.
     */
    void transformAndAccumulate(ParallelRunner runner, float[][] grids, float[][] images) {
        int count = grids.length;
        int dataRows = 2 * reachV + 1;
        int rowTiles = (dataRows + BlockFft.WIDTH - 1) / BlockFft.WIDTH;
        runner.forRange(0, count * rowTiles, (thread, t0, t1) -> {
            for (int t = t0; t < t1; t++) {
                rowTile(thread, grids[t / rowTiles], t % rowTiles, false);
            }
        });
        int blocks = mu / BlockFft.WIDTH;
        runner.forRange(0, blocks, (thread, b0, b1) -> {
            for (int b = b0; b < b1; b++) {
                columnBlock(thread, grids, b, images);
            }
        });
    }

    /** Signed data row {@code -reachV + k} as a grid row index in [0, mv). */
    private int dataRow(int k) {
        int signed = k - reachV;
        return signed < 0 ? signed + mv : signed;
    }

    /**
     * Up to WIDTH data rows of a grid, transformed along u: gathered into a tile (one tile column per
     * grid row), transformed and written back in place, at the transform's output positions or, for
     * a prediction, in natural order.
     */
    private void rowTile(int thread, float[] grid, int tileIndex, boolean naturalOrder) {
        int w = BlockFft.WIDTH;
        int first = tileIndex * w;
        int n = Math.min(w, 2 * reachV + 1 - first);
        float[] tile = tile(thread);
        if (n < w) {
            Arrays.fill(tile, 0f);
        }
        int[] rowStart = rowStarts[thread];
        for (int b = 0; b < n; b++) {
            rowStart[b] = dataRow(first + b) * rowStride;
        }
        // x outer: the n grid rows are read as n sequential streams, the tile written in order
        for (int x = 0; x < mu; x++) {
            int t = x * BlockFft.ROW;
            for (int b = 0; b < n; b++) {
                tile[t + b] = grid[rowStart[b] + 2 * x];
                tile[t + w + b] = grid[rowStart[b] + 2 * x + 1];
            }
        }
        BlockFft fft = rowFft(thread);
        fft.transform(tile, 0);
        for (int x = 0; x < mu; x++) {
            int t = (naturalOrder ? fft.position(x) : x) * BlockFft.ROW;
            for (int b = 0; b < n; b++) {
                grid[rowStart[b] + 2 * x] = tile[t + b];
                grid[rowStart[b] + 2 * x + 1] = tile[t + w + b];
            }
        }
    }

    /**
     * WIDTH consecutive u positions of every grid: gathered along v from the rows that can hold data
     * (zeroing them), transformed, and accumulated as Re[F screen] into the images (row p of an image
     * is v position p); the screen tile is unfolded once for all grids.
     */
    private void columnBlock(int thread, float[][] grids, int block, float[][] images) {
        int w = BlockFft.WIDTH;
        int c0 = block * w;
        float[] tile = tile(thread);
        float[] screenTile = screenTile(thread);
        unfoldScreenTile(c0, screenTile);
        BlockFft fft = columnFft(thread);
        for (int k = 0; k < grids.length; k++) {
            float[] grid = grids[k];
            Arrays.fill(tile, (reachV + 1) * BlockFft.ROW, (mv - reachV) * BlockFft.ROW, 0f);
            for (int d = 0; d < 2 * reachV + 1; d++) {
                int r = dataRow(d);
                int g0 = r * rowStride + 2 * c0;
                int t0 = r * BlockFft.ROW;
                for (int b = 0; b < w; b++) {
                    tile[t0 + b] = grid[g0 + 2 * b];
                    tile[t0 + w + b] = grid[g0 + 2 * b + 1];
                    grid[g0 + 2 * b] = 0f;
                    grid[g0 + 2 * b + 1] = 0f;
                }
            }
            fft.transform(tile, 0);
            float[] image = images[k];
            for (int p = 0; p < mv; p++) {
                if (blockSimd != null) {
                    blockSimd.addRealProduct(tile, p * BlockFft.ROW, screenTile, image, p * mu + c0);
                } else {
                    addRealProduct(tile, p * BlockFft.ROW, screenTile, image, p * mu + c0);
                }
            }
        }
    }

    /** image[o + b] += Re[F_b S_b] over one tile row (S holds -im, so Re = F.re S.re + F.im S.im). */
    static void addRealProduct(float[] tile, int t, float[] screenTile, float[] image, int o) {
        int w = BlockFft.WIDTH;
        for (int b = 0; b < w; b++) {
            image[o + b] += tile[t + b] * screenTile[t + b] + tile[t + w + b] * screenTile[t + w + b];
        }
    }

    /**
     * The current screen at u positions [c0, c0 + WIDTH) and every v position, as a tile of (re, -im):
     * each quadrant value is read once and written for i and mv - i.
     */
    private void unfoldScreenTile(int c0, float[] tile) {
        double[] s = screen.screen;
        int w = BlockFft.WIDTH;
        for (int b = 0; b < w; b++) {
            int j = sampleAtPosition[c0 + b];
            int in = 2 * Math.min(j, mu - j) * screen.qx;
            for (int i = 0; i <= mv / 2; i++) {
                float re = (float) s[in + 2 * i];
                float im = (float) -s[in + 2 * i + 1];
                int o = accumulatedRow[i] * BlockFft.ROW + b;
                tile[o] = re;
                tile[o + w] = im;
                if (i > 0 && i < mv - i) {
                    int mirror = accumulatedRow[mv - i] * BlockFft.ROW + b;
                    tile[mirror] = re;
                    tile[mirror + w] = im;
                }
            }
        }
    }

    private float[] tile(int thread) {
        if (tiles[thread] == null || tiles[thread].length < Math.max(mu, mv) * BlockFft.ROW) {
            tiles[thread] = new float[Math.max(mu, mv) * BlockFft.ROW];
        }
        return tiles[thread];
    }

    private float[] screenTile(int thread) {
        if (screenTiles[thread] == null) {
            screenTiles[thread] = new float[mv * BlockFft.ROW];
        }
        return screenTiles[thread];
    }

    private BlockFft rowFft(int thread) {
        if (rowFfts[thread] == null) {
            rowFfts[thread] = new BlockFft(mu);
        }
        return rowFfts[thread];
    }

    private BlockFft columnFft(int thread) {
        if (columnFfts[thread] == null) {
            columnFfts[thread] = new BlockFft(mv);
        }
        return columnFfts[thread];
    }

    /**
     * Brings an accumulated coarse image to the image pixels: times the window, resampled along u
     * then v to the fine grid, divided by the window there. {@code coarse} is destroyed.
     */
    void toPixels(ParallelRunner runner, float[] coarse, double[] pixels) {
        int w = geometry.width();
        int h = geometry.height();
        int nu = plan.nu;
        int nv = plan.nv;
        // along v: each coarse column j (contiguous in the transposed image), kept at the pixel rows
        double[] half = new double[mu * h];
        // columns in image order, so that neighbouring columns share the cache lines of each row
        runner.forRange(0, mu, (thread, c0, c1) -> {
            FourierResampler resampler = new FourierResampler(mv, nv);
            double[] in = new double[mv];
            for (int column = c0; column < c1; column++) {
                int j = sampleAtPosition[column];
                for (int i = 0; i < mv; i++) {
                    in[i] = coarse[accumulatedRow[i] * mu + column] * windowU[j] * windowV[i];
                }
                double[] out = resampler.resample(in);
                for (int y = 0; y < h; y++) {
                    half[j * h + y] = out[fineRow[y]] * inverseWindowY[y];
                }
            }
        });
        // along u: each pixel row, kept at the pixel columns; rows gathered ROWS at a time, so each
        // read of the column-major half image takes a whole cache line
        runner.forRange(0, (h + ROWS - 1) / ROWS, (thread, b0, b1) -> {
            FourierResampler resampler = new FourierResampler(mu, nu);
            double[][] in = new double[ROWS][mu];
            for (int block = b0; block < b1; block++) {
                int y0 = block * ROWS;
                int n = Math.min(ROWS, h - y0);
                for (int j = 0; j < mu; j++) {
                    for (int k = 0; k < n; k++) {
                        in[k][j] = half[j * h + y0 + k];
                    }
                }
                for (int k = 0; k < n; k++) {
                    double[] out = resampler.resample(in[k]);
                    int row = (y0 + k) * w;
                    for (int x = 0; x < w; x++) {
                        pixels[row + x] = out[fineColumn[x]] * inverseWindowX[x];
                    }
                }
            }
        });
    }

    /**
     * The layout of prediction grids: the 2-D forward transform of the screened coarse image lands
     * value G(g) at index -g (a backward transform read at g), so column u sits at (-u) mod mu and
     * row v at (-v) mod mv.
     */
    CompactLayout predictionLayout() {
        return new CompactLayout() {
            @Override
            public void compactColumns(int u0, int[] cols) {
                for (int a = 0; a < cols.length; a++) {
                    cols[a] = 2 * negated(column(u0 + a), mu);
                }
            }

            @Override
            public int rowOffset(int row) {
                return predictionRowOffset(row);
            }
        };
    }

    /** Offset of fine row {@code row} in a prediction grid. */
    int predictionRowOffset(int row) {
        int nv = plan.nv;
        int signed = row >= nv / 2 ? row - nv : row;
        if (signed > reachV || signed < -reachV) {
            throw new IllegalStateException("grid row " + row + " is outside the planned data extent");
        }
        return negated(signed < 0 ? signed + mv : signed, mv) * rowStride;
    }

    /**
     * Interleaved offset, within a row of a prediction grid, of the 8 cells that end at the cell of
     * fine column u0, when the W taps from u0 lie contiguous (descending) among them, else -1.
     */
    int predictionVectorOffset(int u0) {
        int last = negated(column(u0), mu);
        int first = negated(column(u0 + plan.kernel.support() - 1), mu);
        int start = last - (VectorPlaneGridding.CELLS - 1);
        return first == last - (plan.kernel.support() - 1) && start >= 0 ? 2 * start : -1;
    }

    /** (-index) mod n for an index in [0, n). */
    private static int negated(int index, int n) {
        return index == 0 ? 0 : n - index;
    }

    /**
     * Prediction's transform of one plane, the transpose of {@link #transformAndAccumulate}: the
     * coarse model times the conjugate screen, transformed along v (rows that hold data kept) and
     * along u, into {@code grid} in the {@link #predictionLayout()}. Every cell read is written.
     */
    void transformForPrediction(ParallelRunner runner, float[] coarse, float[] grid) {
        int w = BlockFft.WIDTH;
        runner.forRange(0, (mu + w - 1) / w, (thread, b0, b1) -> {
            float[] tile = tile(thread);
            float[] row = screenRows[thread];
            BlockFft fft = columnFft(thread);
            for (int block = b0; block < b1; block++) {
                int j0 = block * w;
                int n = Math.min(w, mu - j0);
                for (int b = 0; b < n; b++) {
                    int j = j0 + b;
                    unfoldScreenRow(j, row);
                    int in = j * mv;
                    // conj(screen) = (re, -im): exactly the unfolded row
                    for (int i = 0; i < mv; i++) {
                        float c = coarse[in + i];
                        tile[i * BlockFft.ROW + b] = c * row[2 * i];
                        tile[i * BlockFft.ROW + w + b] = c * row[2 * i + 1];
                    }
                }
                fft.transform(tile, 0);
                for (int signed = -reachV; signed <= reachV; signed++) {
                    int q = signed < 0 ? signed + mv : signed;
                    int t = fft.position(q) * BlockFft.ROW;
                    int k0 = q * rowStride + 2 * j0;
                    for (int b = 0; b < n; b++) {
                        grid[k0 + 2 * b] = tile[t + b];
                        grid[k0 + 2 * b + 1] = tile[t + w + b];
                    }
                }
            }
        });
        int rowTiles = (2 * reachV + 1 + w - 1) / w;
        runner.forRange(0, rowTiles, (thread, t0, t1) -> {
            for (int t = t0; t < t1; t++) {
                rowTile(thread, grid, t, true);
            }
        });
    }

    /**
     * The current screen's row |j| as (re, -im) floats over all mv samples i.
     */
    private void unfoldScreenRow(int j, float[] row) {
        double[] s = screen.screen;
        int in = 2 * Math.min(j, mu - j) * screen.qx;
        // samples i and mv - i share |i|: each screen value is read once and written twice
        for (int i = 0; i <= mv / 2; i++) {
            float re = (float) s[in + 2 * i];
            float im = (float) -s[in + 2 * i + 1];
            int o = 2 * i;
            row[o] = re;
            row[o + 1] = im;
            if (i > 0 && i < mv - i) {
                int mirror = 2 * (mv - i);
                row[mirror] = re;
                row[mirror + 1] = im;
            }
        }
    }

    /**
     * The transpose of {@link #toPixels}: a model image, times {@code correction} (applied pixel by pixel here, so that
     * no corrected copy of the image is made), onto the coarse samples, windowed, in the transposed layout, ready for
     * {@link #transformForPrediction}.
     */
    void fromPixels(ParallelRunner runner, double[] pixels, GridCorrection correction, float[] coarse) {
        int w = geometry.width();
        int h = geometry.height();
        int nu = plan.nu;
        int nv = plan.nv;
        double[] half = new double[mu * h];
        runner.forRange(0, (h + ROWS - 1) / ROWS, (thread, b0, b1) -> {
            FourierResampler resampler = new FourierResampler(mu, nu);
            double[] in = new double[nu];
            double[][] out = new double[ROWS][];
            for (int block = b0; block < b1; block++) {
                int y0 = block * ROWS;
                int n = Math.min(ROWS, h - y0);
                for (int k = 0; k < n; k++) {
                    Arrays.fill(in, 0);
                    int y = y0 + k;
                    for (int x = 0; x < w; x++) {
                        in[fineColumn[x]] = pixels[y * w + x] * correction.at(x, y) * inverseWindowX[x];
                    }
                    out[k] = resampler.transposed(in).clone();
                }
                for (int j = 0; j < mu; j++) {
                    for (int k = 0; k < n; k++) {
                        half[j * h + y0 + k] = out[k][j];
                    }
                }
            }
        });
        runner.forRange(0, mu, (thread, j0, j1) -> {
            FourierResampler resampler = new FourierResampler(mv, nv);
            double[] in = new double[nv];
            for (int j = j0; j < j1; j++) {
                Arrays.fill(in, 0);
                for (int y = 0; y < h; y++) {
                    in[fineRow[y]] = half[j * h + y] * inverseWindowY[y];
                }
                double[] out = resampler.transposed(in);
                for (int i = 0; i < mv; i++) {
                    coarse[j * mv + i] = (float) (out[i] * windowU[j] * windowV[i]);
                }
            }
        });
    }
}
