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
 * <p>Layout: the grid keeps the data columns only, centred (column u at u + reachU, so a sample's
 * taps are contiguous), each row padded by one cell for the SIMD loops, and mv rows, fine row r at
 * r (r &lt;= reachV) or r - nv + mv. The accumulated images are real, mu x mv, in FFT order: sample
 * (j, i) sits at (j nu/mu, i nv/mv) in fine-grid index units.
 */
final class ReducedInversion implements CompactLayout {
    /** Window value at the period edge: far below single precision's epsilon, at a cost of ~6 cells of band. */
    static final double WINDOW_EDGE = 1e-8;
    private static final int BLOCK = 16;

    private final ImageGeometry geometry;
    private final WGridPlan plan;
    private final int mu;
    private final int mv;
    private final int reachU;
    private final int width;
    /** Floats per grid row: the width, interleaved, plus one padding cell. */
    private final int rowStride;
    private final int[] rowOffset;
    private final double[] windowU;
    private final double[] windowV;
    private final BandLimitedWindow window;
    /** The w-screen on the coarse samples. */
    final WScreen screen;
    private final int[] position;
    private final int[] screenColumn;
    private final float[][] columnBuffers;
    private final float[][] rowBuffers;
    private final RadixThreeFft[] alongU;
    private final RadixThreeFft[] alongV;

    ReducedInversion(ImageGeometry g, WGridPlan plan, int threads) {
        WGridPlan.ReducedSize size = plan.reduced;
        this.geometry = g;
        this.plan = plan;
        this.mu = size.mu();
        this.mv = size.mv();
        this.reachU = size.reachU();
        this.width = 2 * reachU + 1;
        this.rowStride = 2 * (width + 1);
        int reachV = size.reachV();
        rowOffset = new int[plan.nv];
        for (int r = 0; r < plan.nv; r++) {
            int row = r <= reachV ? r : r >= plan.nv - reachV ? r - plan.nv + mv : -1;
            rowOffset[r] = row < 0 ? -1 : row * rowStride;
        }
        window = new BandLimitedWindow(size.windowEdge());
        windowU = window.sampled(mu);
        windowV = window.sampled(mv);
        double cell = g.cellRad();
        screen = new WScreen(mu / 2 + 1, mv / 2 + 1, cell * plan.nu / mu, cell * plan.nv / mv, plan);
        position = new int[mu];
        screenColumn = new int[mu];
        for (int j = 0; j < mu; j++) {
            position[j] = 2 * RadixThreeFft.position(mu, j);
            screenColumn[j] = 2 * Math.min(j, mu - j);
        }
        columnBuffers = new float[threads][];
        rowBuffers = new float[threads][];
        alongU = new RadixThreeFft[threads];
        alongV = new RadixThreeFft[threads];
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
        double band = new BandLimitedWindow(WINDOW_EDGE).halfBand();
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

    /** Floats in one compact grid. */
    int gridLength() {
        return rowStride * mv;
    }

    /** Doubles in one accumulated coarse image. */
    int imageLength() {
        return mu * mv;
    }

    @Override
    public void compactColumns(int u0, int[] cols) {
        int c = columnOffset(u0);
        for (int a = 0; a < cols.length; a++) {
            cols[a] = c + 2 * a;
        }
    }

    /**
     * Interleaved offset, within a row, of fine column u0 (wrapped) and the W - 1 after it, which
     * are contiguous in the centred layout.
     */
    int columnOffset(int u0) {
        int nu = plan.nu;
        int c = u0 >= nu / 2 ? u0 - nu : u0 < -nu / 2 ? u0 + nu : u0;
        int index = c + reachU;
        if (index < 0 || index + plan.kernel.support() > width) {
            throw new IllegalStateException("grid column " + u0 + " is outside the planned data extent");
        }
        return 2 * index;
    }

    @Override
    public int rowOffset(int row) {
        int offset = rowOffset[row];
        if (offset < 0) {
            throw new IllegalStateException("grid row " + row + " is outside the planned data extent");
        }
        return offset;
    }

    /**
     * Transforms each compact grid to the coarse samples (columns along v, then rows along u),
     * multiplies by the current w-screen and adds the real part into the matching coarse image.
     * Leaves the grids all zero.
     */
    void transformAndAccumulate(ParallelRunner runner, float[][] grids, double[][] images) {
        int count = grids.length;
        int blocks = (width + BLOCK - 1) / BLOCK;
        runner.forRange(0, count * blocks, (thread, b0, b1) -> {
            for (int b = b0; b < b1; b++) {
                columnBlock(thread, grids[b / blocks], b % blocks);
            }
        });
        runner.forRange(0, mv, (thread, i0, i1) -> {
            if (rowBuffers[thread] == null) {
                rowBuffers[thread] = new float[2 * mu];
                alongU[thread] = new RadixThreeFft(mu);
            }
            float[] row = rowBuffers[thread];
            RadixThreeFft fft = alongU[thread];
            double[] s = screen.screen;
            for (int i = i0; i < i1; i++) {
                int base = i * rowStride;
                int screenRow = 2 * Math.min(i, mv - i) * screen.qx;
                for (int k = 0; k < count; k++) {
                    float[] grid = grids[k];
                    // centred columns: u >= 0 to the front of the transform, u < 0 to its end
                    System.arraycopy(grid, base + 2 * reachU, row, 0, 2 * (reachU + 1));
                    Arrays.fill(row, 2 * (reachU + 1), 2 * (mu - reachU), 0f);
                    System.arraycopy(grid, base, row, 2 * (mu - reachU), 2 * reachU);
                    Arrays.fill(grid, base, base + rowStride, 0f);
                    fft.complexForwardPermuted(row, 0);
                    double[] image = images[k];
                    int out = i * mu;
                    for (int j = 0; j < mu; j++) {
                        int f = position[j];
                        int si = screenRow + screenColumn[j];
                        image[out + j] += row[f] * s[si] - row[f + 1] * s[si + 1];
                    }
                }
            }
        });
    }

    /** Transforms a block of compact columns along v over all mv rows, in place. */
    private void columnBlock(int thread, float[] grid, int block) {
        int c0 = block * BLOCK;
        int n = Math.min(BLOCK, width - c0);
        int stride = 2 * mv;
        if (columnBuffers[thread] == null) {
            columnBuffers[thread] = new float[BLOCK * stride];
            alongV[thread] = new RadixThreeFft(mv);
        }
        float[] buf = columnBuffers[thread];
        RadixThreeFft fft = alongV[thread];
        for (int r = 0; r < mv; r++) {
            int k0 = r * rowStride + 2 * c0;
            for (int b = 0; b < n; b++) {
                buf[b * stride + 2 * r] = grid[k0 + 2 * b];
                buf[b * stride + 2 * r + 1] = grid[k0 + 2 * b + 1];
            }
        }
        for (int b = 0; b < n; b++) {
            fft.complexForwardPermuted(buf, b * stride);
        }
        for (int r = 0; r < mv; r++) {
            int k0 = r * rowStride + 2 * c0;
            int pr = 2 * fft.position(r);
            for (int b = 0; b < n; b++) {
                grid[k0 + 2 * b] = buf[b * stride + pr];
                grid[k0 + 2 * b + 1] = buf[b * stride + pr + 1];
            }
        }
    }

    /**
     * Brings an accumulated coarse image to the image pixels: times the window, resampled along u
     * then v to the fine grid, divided by the window there. {@code coarse} is destroyed.
     */
    void toPixels(ParallelRunner runner, double[] coarse, double[] pixels) {
        int w = geometry.width();
        int h = geometry.height();
        int nu = plan.nu;
        int nv = plan.nv;
        int[] fineColumn = new int[w];
        double[] inverseWindowX = new double[w];
        for (int x = 0; x < w; x++) {
            int a = w / 2 - x;
            fineColumn[x] = Math.floorMod(a, nu);
            inverseWindowX[x] = 1 / window.value((double) a / nu);
        }
        int[] fineRow = new int[h];
        double[] inverseWindowY = new double[h];
        for (int y = 0; y < h; y++) {
            int b = y - h / 2;
            fineRow[y] = Math.floorMod(b, nv);
            inverseWindowY[y] = 1 / window.value((double) b / nv);
        }
        // rows: mv coarse rows resampled along u, kept at the pixel columns
        double[] half = new double[mv * w];
        runner.forRange(0, mv, (thread, i0, i1) -> {
            FourierResampler resampler = new FourierResampler(mu, nu);
            double[] in = new double[mu];
            for (int i = i0; i < i1; i++) {
                for (int j = 0; j < mu; j++) {
                    in[j] = coarse[i * mu + j] * windowU[j] * windowV[i];
                }
                double[] out = resampler.resample(in);
                for (int x = 0; x < w; x++) {
                    half[i * w + x] = out[fineColumn[x]] * inverseWindowX[x];
                }
            }
        });
        // columns: resampled along v, kept at the pixel rows
        runner.forRange(0, w, (thread, x0, x1) -> {
            FourierResampler resampler = new FourierResampler(mv, nv);
            double[] in = new double[mv];
            for (int x = x0; x < x1; x++) {
                for (int i = 0; i < mv; i++) {
                    in[i] = half[i * w + x];
                }
                double[] out = resampler.resample(in);
                for (int y = 0; y < h; y++) {
                    pixels[y * w + x] = out[fineRow[y]] * inverseWindowY[y];
                }
            }
        });
    }
}
