package org.tessera.gpu;

import static jcuda.driver.JCudaDriver.cuCtxSynchronize;
import static jcuda.driver.JCudaDriver.cuEventCreate;
import static jcuda.driver.JCudaDriver.cuEventDestroy;
import static jcuda.driver.JCudaDriver.cuEventElapsedTime;
import static jcuda.driver.JCudaDriver.cuEventRecord;
import static jcuda.driver.JCudaDriver.cuEventSynchronize;
import static jcuda.driver.JCudaDriver.cuLaunchKernel;
import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemFree;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoD;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoD;
import static jcuda.driver.JCudaDriver.cuMemsetD8;

import java.util.EnumMap;
import java.util.Map;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUevent;
import jcuda.driver.CUfunction;

/**
 * One run's samples and planes resident on the device (the resident design of docs/gpu.md):
 * packed samples uploaded once and counting-sorted there by (tile, first plane) with tiles.cu;
 * per w-plane the tiled gridding, the pruned Stockham FFT along v over the data columns, then
 * along u fused with the w-screen into a device dirty image (or, predicting, the screened model
 * transformed along u, then v, then tiled degridding into per-sample sums). Only the final image
 * or predictions cross PCIe. Kernel times are taken with CUDA events around the kernels alone.
 */
final class DeviceRun implements ResidentPlanes {
    /** What the events time. */
    enum Phase { UPLOAD, SORT, GRID, FFT, DEGRID, DOWNLOAD }

    private static final int THREADS = 256;

    private final CudaSession cuda;
    private final PlaneLayout layout;
    private final PackedSamples samples;
    private final SampleTiles tiles;
    private final int planes;
    private final String sfx;
    private final int bytes;
    private final Releases releases = new Releases();
    private final Map<Phase, Float> millis = new EnumMap<>(Phase.class);
    private final CUdeviceptr idx;
    private final CUdeviceptr val;
    private final CUdeviceptr order;
    private final CUdeviceptr start;
    private final CUdeviceptr grid;
    private final CUdeviceptr t;
    private final CUdeviceptr columns;
    private final int columnCount;
    private final Line alongU;
    private final Line alongV;
    private final CUevent before;
    private final CUevent after;
    private CUdeviceptr dirty;
    private CUdeviceptr model;
    private CUdeviceptr sums;

    /** A line transform's radices and twiddles on the device. */
    private record Line(int n, int stages, CUdeviceptr radices, CUdeviceptr twiddles) {
    }

    /**
     * Uploads the samples and sorts them on the device.
     *
     * @param planes the plan's w-planes (first planes are below planes - W + 1)
     */
    DeviceRun(CudaSession cuda, PlaneLayout layout, PackedSamples samples, int planes) {
        this.cuda = cuda;
        this.layout = layout;
        this.samples = samples;
        this.planes = planes;
        this.sfx = layout.precision().suffix();
        this.bytes = layout.precision().bytes();
        this.tiles = SampleTiles.shape(layout.nu(), layout.nv(), planes, samples.support);
        before = event();
        after = event();
        try {
            begin();
            idx = alloc(3L * samples.count * Integer.BYTES);
            val = alloc((long) samples.stride * samples.count * bytes);
            long idxAt = 0;
            for (int b = 0; b < samples.idx.length; b++) {
                long ib = (long) samples.idx[b].length * Integer.BYTES;
                cuMemcpyHtoD(idx.withByteOffset(idxAt), Pointer.to(samples.idx[b]), ib);
                idxAt += ib;
            }
            uploadValues(samples);
            grid = alloc(2 * layout.gridCells() * bytes);
            double[] tq = layout.quadrant().t;
            t = upload(Pointer.to(tq), (long) tq.length * Double.BYTES);
            int[] dataColumns = dataColumns(samples, layout.nu());
            columnCount = dataColumns.length;
            columns = upload(Pointer.to(dataColumns), (long) dataColumns.length * Integer.BYTES);
            alongU = line(layout.nu());
            alongV = line(layout.nv());
            setCoefficients();
            end(Phase.UPLOAD);

            begin();
            int keys = tiles.tiles() * planes;
            CUdeviceptr keyOf = alloc((long) samples.count * Integer.BYTES);
            CUdeviceptr counts = alloc((keys + 1L) * Integer.BYTES);
            start = alloc((keys + 1L) * Integer.BYTES);
            CUdeviceptr cursor = alloc((keys + 1L) * Integer.BYTES);
            order = alloc((long) samples.count * Integer.BYTES);
            cuMemsetD8(counts, (byte) 0, (keys + 1L) * Integer.BYTES);
            launch(cuda.function("tiles", "tile_histogram"), blocks(samples.count), THREADS, 0,
                    Pointer.to(idx), ints(samples.count), ints(layout.nu()), ints(layout.nv()), ints(tiles.tilesU),
                    ints(planes), Pointer.to(keyOf), Pointer.to(counts));
            launch(cuda.function("tiles", "tile_scan"), 1, 1024, 0, Pointer.to(counts), ints(keys), Pointer.to(start));
            cuMemcpyDtoD(cursor, start, (keys + 1L) * Integer.BYTES);
            launch(cuda.function("tiles", "tile_scatter"), blocks(samples.count), THREADS, 0,
                    Pointer.to(keyOf), ints(samples.count), Pointer.to(cursor), Pointer.to(order));
            end(Phase.SORT);
        } catch (RuntimeException e) {
            try {
                close();
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /** The samples' local coordinates and visibilities, block by block. */
    private void uploadValues(PackedSamples s) {
        long valAt = 0;
        for (int b = 0; b < s.idx.length; b++) {
            Pointer values = s.valFloat != null ? Pointer.to(s.valFloat[b]) : Pointer.to(s.valDouble[b]);
            long vb = (long) (s.valFloat != null ? s.valFloat[b].length : s.valDouble[b].length) * bytes;
            cuMemcpyHtoD(val.withByteOffset(valAt), values, vb);
            valAt += vb;
        }
    }

    @Override
    public void replaceVisibilities(PackedSamples same) {
        begin();
        uploadValues(same);
        end(Phase.UPLOAD);
        if (dirty != null) {
            cuMemsetD8(dirty, (byte) 0, layout.pixels() * Double.BYTES);
        }
    }

    /** Grid columns any sample's W taps reach: the columns the v transform must do. */
    static int[] dataColumns(PackedSamples s, int nu) {
        boolean[] first = new boolean[nu];
        for (int i = 0; i < s.count; i++) {
            first[Math.floorMod(s.idx(i, 0), nu)] = true;
        }
        boolean[] used = new boolean[nu];
        for (int c = 0; c < nu; c++) {
            if (first[c]) {
                for (int a = 0; a < s.support; a++) {
                    used[(c + a) % nu] = true;
                }
            }
        }
        return java.util.stream.IntStream.range(0, nu).filter(c -> used[c]).toArray();
    }

    @Override
    public void accumulatePlane(int p, double w) {
        if (dirty == null) {
            dirty = zeros(layout.pixels() * Double.BYTES);
        }
        cuMemsetD8(grid, (byte) 0, 2 * layout.gridCells() * bytes);
        begin();
        launch(cuda.function("tiles", "grid_tile_" + sfx + "_w" + samples.support), tiles.tiles(), THREADS, 0,
                Pointer.to(idx), Pointer.to(val), Pointer.to(order), Pointer.to(start), ints(planes),
                ints(tiles.tilesU), ints(layout.nu()), ints(layout.nv()), ints(p), Pointer.to(grid));
        end(Phase.GRID);
        begin();
        transformColumns();
        launch(cuda.functionWithShared("fft", "fft_rows_accumulate_" + sfx, lineShared(alongU.n())), layout.height(),
                THREADS, lineShared(alongU.n()), Pointer.to(grid), ints(layout.nu()), ints(layout.nv()),
                Pointer.to(alongU.radices()), ints(alongU.stages()), Pointer.to(alongU.twiddles()),
                ints(layout.width()), ints(layout.height()), Pointer.to(t), ints(layout.quadrant().qx),
                Pointer.to(new double[] {w}), Pointer.to(dirty));
        end(Phase.FFT);
    }

    @Override
    public double[] dirty() {
        double[] out = new double[(int) layout.pixels()];
        if (dirty != null) {
            download(dirty, out, Double.BYTES);
        }
        return out;
    }

    @Override
    public void loadModel(double[] corrected) {
        model = upload(Pointer.to(corrected), (long) corrected.length * Double.BYTES);
    }

    @Override
    public void predictPlane(int p, double w) {
        if (sums == null) {
            sums = zeros(2L * samples.count * bytes);
        }
        CUdeviceptr out = sums;
        cuMemsetD8(grid, (byte) 0, 2 * layout.gridCells() * bytes);
        begin();
        launch(cuda.functionWithShared("fft", "fft_rows_fill_" + sfx, lineShared(alongU.n())), layout.height(),
                THREADS, lineShared(alongU.n()), Pointer.to(model), ints(layout.nu()), ints(layout.nv()),
                Pointer.to(alongU.radices()), ints(alongU.stages()), Pointer.to(alongU.twiddles()),
                ints(layout.width()), ints(layout.height()), Pointer.to(t), ints(layout.quadrant().qx),
                Pointer.to(new double[] {w}), Pointer.to(grid));
        transformColumns();
        end(Phase.FFT);
        begin();
        launch(cuda.function("tiles", "degrid_tile_" + sfx + "_w" + samples.support), tiles.tiles(), THREADS, 0,
                Pointer.to(idx), Pointer.to(val), Pointer.to(order), Pointer.to(start), ints(planes),
                ints(tiles.tilesU), ints(layout.nu()), ints(layout.nv()), ints(p), Pointer.to(grid), Pointer.to(out),
                ints(samples.stride));
        end(Phase.DEGRID);
    }

    private void transformColumns() {
        int shared = lineShared(alongV.n());
        launch(cuda.functionWithShared("fft", "fft_columns_" + sfx, shared), columnCount, THREADS, shared,
                Pointer.to(grid), ints(layout.nu()), ints(layout.nv()), Pointer.to(columns),
                Pointer.to(alongV.radices()), ints(alongV.stages()), Pointer.to(alongV.twiddles()));
    }

    /** A device buffer of zeros, released with the run. */
    CUdeviceptr zeros(long byteCount) {
        CUdeviceptr p = alloc(byteCount);
        cuMemsetD8(p, (byte) 0, byteCount);
        return p;
    }

    CUdeviceptr upload(Pointer src, long byteCount) {
        CUdeviceptr p = alloc(byteCount);
        cuMemcpyHtoD(p, src, byteCount);
        return p;
    }

    /** Copies a device buffer of doubles (or of the run's precision) into {@code out}, timed as DOWNLOAD. */
    void download(CUdeviceptr src, double[] out, int elementBytes) {
        begin();
        if (elementBytes == Double.BYTES) {
            cuMemcpyDtoH(Pointer.to(out), src, (long) out.length * Double.BYTES);
        } else {
            float[] f = new float[out.length];
            cuMemcpyDtoH(Pointer.to(f), src, (long) f.length * Float.BYTES);
            for (int i = 0; i < f.length; i++) {
                out[i] = f[i];
            }
        }
        end(Phase.DOWNLOAD);
    }

    @Override
    public double[] predictions() {
        double[] out = new double[2 * samples.count];
        if (sums != null) {
            download(sums, out, bytes);
        }
        return out;
    }

    /** Milliseconds of device time per phase so far (waits for the device). */
    @Override
    public Map<Phase, Float> millis() {
        cuCtxSynchronize();
        return new EnumMap<>(millis);
    }

    private int lineShared(int n) {
        return 2 * n * 2 * bytes;
    }

    private Line line(int n) {
        StockhamFft f = new StockhamFft(n);
        int[] radices = f.radices();
        double[] tw = f.twiddles();
        Pointer twiddles;
        if (bytes == Float.BYTES) {
            float[] tf = new float[tw.length];
            for (int i = 0; i < tw.length; i++) {
                tf[i] = (float) tw[i];
            }
            twiddles = Pointer.to(tf);
        } else {
            twiddles = Pointer.to(tw);
        }
        return new Line(n, radices.length, upload(Pointer.to(radices), (long) radices.length * Integer.BYTES),
                upload(twiddles, (long) tw.length * bytes));
    }

    private void setCoefficients() {
        long[] size = {0};
        CUdeviceptr symbol = cuda.global("tiles", "coeff_" + sfx, size);
        KernelCoefficients k = layout.coefficients();
        if (bytes == Float.BYTES) {
            float[] c = k.asFloat();
            cuMemcpyHtoD(symbol, Pointer.to(c), (long) c.length * Float.BYTES);
        } else {
            double[] c = k.asDouble();
            cuMemcpyHtoD(symbol, Pointer.to(c), (long) c.length * Double.BYTES);
        }
    }

    private static Pointer ints(int v) {
        return Pointer.to(new int[] {v});
    }

    private static int blocks(long threads) {
        return (int) Math.max(1, (threads + THREADS - 1) / THREADS);
    }

    private static void launch(CUfunction f, int gridX, int blockX, int shared, Pointer... args) {
        cuLaunchKernel(f, gridX, 1, 1, blockX, 1, 1, shared, null, Pointer.to(args), null);
    }

    private CUdeviceptr alloc(long byteCount) {
        CUdeviceptr p = new CUdeviceptr();
        cuMemAlloc(p, Math.max(1, byteCount));
        releases.add("device buffer of " + byteCount + " bytes", () -> cuMemFree(p));
        return p;
    }

    private CUevent event() {
        CUevent e = new CUevent();
        cuEventCreate(e, 0);
        releases.add("event", () -> cuEventDestroy(e));
        return e;
    }

    private void begin() {
        cuEventRecord(before, null);
    }

    /** Adds the time since begin() to the phase (synchronising on the end event). */
    private void end(Phase phase) {
        cuEventRecord(after, null);
        cuEventSynchronize(after);
        float[] ms = {0};
        cuEventElapsedTime(ms, before, after);
        millis.merge(phase, ms[0], Float::sum);
    }

    @Override
    public void close() {
        releases.add("context current", cuda::makeCurrent);
        releases.releaseAll();
    }
}
