package org.tessera.gpu;

import java.util.Arrays;
import java.util.List;

/**
 * The device kernels (gridding.cu, degridding.cu, wscreen.cu) executed in Java, thread by thread
 * in the same index order and with the same formulas, in double. It tests the host pipeline and
 * the kernels' index math on machines without a GPU; the memory budget is a parameter, so tests
 * can force many chunks. {@link #tiled} runs the tiled kernels of tiles.cu instead
 * ({@link TiledGridding}, {@link TiledDegridding}, samples sorted once by {@link SampleTiles}).
 */
public final class EmulatedPlaneDevice implements PlaneDevice {
    private final long budget;
    private final boolean tiled;
    private SampleTiles tiles;
    private PackedSamples tiledSamples;
    private PlaneLayout layout;
    private double[] grid;
    private double[] dirty;
    private double[] model;
    private int chunksSeen;

    public EmulatedPlaneDevice(long budgetBytes) {
        this(budgetBytes, false);
    }

    private EmulatedPlaneDevice(long budgetBytes, boolean tiled) {
        this.budget = budgetBytes;
        this.tiled = tiled;
    }

    /** The tiled kernels: samples sorted once by (tile, first plane), one block per tile and plane. */
    public static EmulatedPlaneDevice tiled(long budgetBytes) {
        return new EmulatedPlaneDevice(budgetBytes, true);
    }

    /** The tile order of the run's samples, sorted once (as uploaded once, on the device). */
    private SampleTiles tiles(PackedSamples s) {
        if (tiledSamples != s) {
            int planes = 0;
            for (int i = 0; i < s.count; i++) {
                planes = Math.max(planes, s.idx(i, 2) + 1);
            }
            tiles = SampleTiles.sort(s, layout.nu(), layout.nv(), planes);
            tiledSamples = s;
        }
        return tiles;
    }

    @Override
    public long memoryBudget() {
        return budget;
    }

    @Override
    public void open(PlaneLayout layout, ChunkPlanner planner, boolean predict) {
        this.layout = layout;
        grid = new double[(int) (2 * layout.gridCells())];
        dirty = new double[(int) layout.pixels()];
    }

    /** Chunks launched so far (tests check that streaming happened). */
    public int chunksSeen() {
        return chunksSeen;
    }

    @Override
    public void gridPlane(int plane, PackedSamples s, List<ChunkPlanner.Chunk> chunks, double[] out) {
        Arrays.fill(grid, 0);
        if (tiled) {
            chunksSeen += chunks.size();
            TiledGridding.gridPlane(s, tiles(s), layout.coefficients(), plane, grid);
            System.arraycopy(grid, 0, out, 0, grid.length);
            return;
        }
        KernelCoefficients k = layout.coefficients();
        int w = k.support();
        int nu = layout.nu();
        int nv = layout.nv();
        for (ChunkPlanner.Chunk c : chunks) {
            chunksSeen++;
            long threads = LaunchConfig.gridding(c.count(), w).threads();
            for (long thread = 0; thread < threads; thread++) {
                int local = (int) (thread / w);
                int a = (int) (thread - (long) local * w);
                if (local >= c.count()) {
                    break;
                }
                int i = c.start() + local;
                double kw = k.tap(plane - s.idx(i, 2), s.val(i, 2));
                double ku = k.tap(a, s.val(i, 0));
                double re = s.val(i, 3) * kw * ku;
                double im = s.val(i, 4) * kw * ku;
                int col = wrap(s.idx(i, 0) + a, nu);
                for (int b = 0; b < w; b++) {
                    double kv = k.tap(b, s.val(i, 1));
                    int row = wrap(s.idx(i, 1) + b, nv);
                    int cell = 2 * (row * nu + col);
                    grid[cell] += re * kv;
                    grid[cell + 1] += im * kv;
                }
            }
        }
        System.arraycopy(grid, 0, out, 0, grid.length);
    }

    @Override
    public void accumulateScreen(double w, double[] plane) {
        for (int y = 0; y < layout.height(); y++) {
            for (int x = 0; x < layout.width(); x++) {
                double phase = -2 * Math.PI * w * quadrantT(x, y);
                int p = y * layout.width() + x;
                dirty[p] += plane[2 * p] * Math.cos(phase) - plane[2 * p + 1] * Math.sin(phase);
            }
        }
    }

    @Override
    public double[] dirty() {
        return dirty.clone();
    }

    @Override
    public void loadModel(double[] corrected) {
        model = corrected.clone();
    }

    @Override
    public void fillScreen(double w, double[] plane) {
        for (int y = 0; y < layout.height(); y++) {
            for (int x = 0; x < layout.width(); x++) {
                double phase = -2 * Math.PI * w * quadrantT(x, y);
                int p = y * layout.width() + x;
                plane[2 * p] = model[p] * Math.cos(phase);
                plane[2 * p + 1] = -model[p] * Math.sin(phase);
            }
        }
    }

    @Override
    public void degridPlane(int plane, PackedSamples s, List<ChunkPlanner.Chunk> chunks, double[] grid,
                            double[] accumulated) {
        if (tiled) {
            chunksSeen += chunks.size();
            TiledDegridding.degridPlane(s, tiles(s), layout.coefficients(), plane, grid, accumulated);
            return;
        }
        KernelCoefficients k = layout.coefficients();
        int w = k.support();
        int nu = layout.nu();
        int nv = layout.nv();
        for (ChunkPlanner.Chunk c : chunks) {
            chunksSeen++;
            for (int i = c.start(); i < c.start() + c.count(); i++) {
                double re = 0;
                double im = 0;
                for (int b = 0; b < w; b++) {
                    int rowBase = 2 * wrap(s.idx(i, 1) + b, nv) * nu;
                    double rr = 0;
                    double ri = 0;
                    for (int a = 0; a < w; a++) {
                        double ku = k.tap(a, s.val(i, 0));
                        int cell = rowBase + 2 * wrap(s.idx(i, 0) + a, nu);
                        rr += grid[cell] * ku;
                        ri += grid[cell + 1] * ku;
                    }
                    double kv = k.tap(b, s.val(i, 1));
                    re += rr * kv;
                    im += ri * kv;
                }
                double kw = k.tap(plane - s.idx(i, 2), s.val(i, 2));
                accumulated[2 * i] += re * kw;
                accumulated[2 * i + 1] += im * kw;
            }
        }
    }

    private double quadrantT(int x, int y) {
        ScreenQuadrant q = layout.quadrant();
        double t = q.t[Math.abs(y - layout.height() / 2) * q.qx + Math.abs(x - layout.width() / 2)];
        return Double.isNaN(t) ? 0 : t;
    }

    private static int wrap(int i, int n) {
        return i < 0 ? i + n : i >= n ? i - n : i;
    }

    @Override
    public void close() {
        grid = null;
        dirty = null;
        model = null;
    }
}
