package org.tessera.gpu;

import static jcuda.driver.JCudaDriver.cuCtxSetCurrent;
import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRelease;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRetain;
import static jcuda.driver.JCudaDriver.cuEventCreate;
import static jcuda.driver.JCudaDriver.cuEventDestroy;
import static jcuda.driver.JCudaDriver.cuEventRecord;
import static jcuda.driver.JCudaDriver.cuInit;
import static jcuda.driver.JCudaDriver.cuLaunchKernel;
import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemAllocHost;
import static jcuda.driver.JCudaDriver.cuMemFree;
import static jcuda.driver.JCudaDriver.cuMemFreeHost;
import static jcuda.driver.JCudaDriver.cuMemGetInfo;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoHAsync;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoD;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoDAsync;
import static jcuda.driver.JCudaDriver.cuMemsetD8Async;
import static jcuda.driver.JCudaDriver.cuModuleGetFunction;
import static jcuda.driver.JCudaDriver.cuModuleLoadData;
import static jcuda.driver.JCudaDriver.cuModuleUnload;
import static jcuda.driver.JCudaDriver.cuStreamCreate;
import static jcuda.driver.JCudaDriver.cuStreamDestroy;
import static jcuda.driver.JCudaDriver.cuStreamSynchronize;
import static jcuda.driver.JCudaDriver.cuStreamWaitEvent;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUevent;
import jcuda.driver.CUevent_flags;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.CUstream;
import jcuda.driver.JCudaDriver;

/**
 * {@link PlaneDevice} on the first CUDA device through the JCuda driver API. Samples go through
 * {@link ChunkPlanner#STREAMS} streams, each with pinned staging and device buffers: chunk k's
 * upload on one stream overlaps chunk k-1's kernel on the other. Plane-wide buffers (grid, image
 * plane, dirty/model image) live on stream 0, which waits for the sample streams by events.
 * All calls must come from the thread that called {@link #open}.
 */
public final class CudaPlaneDevice implements PlaneDevice {
    /** Share of the free device memory a run may take. */
    private static final double MEMORY_SHARE = 0.8;

    private final long budgetCap;
    /** Compute capability major: picks the module image (sm_90 fatbin on Hopper). */
    private final int major;
    private CUdevice device;
    private CUcontext context;
    private final Map<String, CUmodule> modules = new HashMap<>();
    /** Everything acquired, released in reverse order by {@link #close}, each step tried. */
    private final Releases releases = new Releases();
    private PlaneLayout layout;
    private Precision precision;
    private CUfunction gridKernel;
    private CUfunction degridKernel;
    private CUfunction accumulateKernel;
    private CUfunction fillKernel;
    private CUstream[] streams;
    private CUevent[] done;
    private CUdeviceptr coeff;
    private CUdeviceptr t;
    private CUdeviceptr grid;
    private CUdeviceptr plane;
    private CUdeviceptr image;
    private StreamBuffers[] buffers;
    private Pointer gridHost;
    private Pointer planeHost;
    private Pointer imageHost;

    /** Per-stream sample buffers: device and pinned host copies. */
    private record StreamBuffers(CUdeviceptr idx, CUdeviceptr val, CUdeviceptr out,
                                 Pointer idxHost, Pointer valHost, Pointer outHost) {
    }

    /** @param budgetCapBytes most device memory a run may use (0 = 80% of free memory) */
    public CudaPlaneDevice(long budgetCapBytes) {
        this.budgetCap = budgetCapBytes;
        JCudaDriver.setExceptionsEnabled(true);
        cuInit(0);
        device = new CUdevice();
        cuDeviceGet(device, 0);
        context = new CUcontext();
        int[] cc = {0};
        JCudaDriver.cuDeviceGetAttribute(cc, jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, device);
        major = cc[0];
        cuDevicePrimaryCtxRetain(context, device);
        CUdevice retained = device;
        releases.add("primary context", () -> cuDevicePrimaryCtxRelease(retained));
        cuCtxSetCurrent(context);
    }

    @Override
    public long memoryBudget() {
        cuCtxSetCurrent(context);
        long[] free = {0};
        long[] total = {0};
        cuMemGetInfo(free, total);
        long share = (long) (free[0] * MEMORY_SHARE);
        return budgetCap > 0 ? Math.min(budgetCap, share) : share;
    }

    @Override
    public void open(PlaneLayout layout, ChunkPlanner planner, boolean predict) {
        cuCtxSetCurrent(context);
        this.layout = layout;
        this.precision = layout.precision();
        String sfx = precision.suffix();
        gridKernel = function("gridding", "grid_plane_" + sfx);
        degridKernel = function("degridding", "degrid_plane_" + sfx);
        accumulateKernel = function("wscreen", "screen_accumulate_" + sfx);
        fillKernel = function("wscreen", "screen_fill_" + sfx);
        streams = new CUstream[ChunkPlanner.STREAMS];
        done = new CUevent[ChunkPlanner.STREAMS];
        for (int s = 0; s < streams.length; s++) {
            CUstream stream = new CUstream();
            cuStreamCreate(stream, 0);
            releases.add("stream " + s, () -> cuStreamDestroy(stream));
            streams[s] = stream;
            CUevent event = new CUevent();
            cuEventCreate(event, CUevent_flags.CU_EVENT_DISABLE_TIMING);
            releases.add("event " + s, () -> cuEventDestroy(event));
            done[s] = event;
        }
        int p = precision.bytes();
        long gridBytes = 2 * layout.gridCells() * p;
        long planeBytes = 2 * layout.pixels() * p;
        long imageBytes = layout.pixels() * Double.BYTES;
        grid = deviceAlloc(gridBytes);
        plane = deviceAlloc(planeBytes);
        image = deviceAlloc(imageBytes);
        gridHost = hostAlloc(gridBytes);
        planeHost = hostAlloc(planeBytes);
        imageHost = hostAlloc(imageBytes);
        double[] tq = layout.quadrant().t;
        t = upload(Pointer.to(tq), (long) tq.length * Double.BYTES);
        coeff = precision == Precision.SINGLE
                ? upload(Pointer.to(layout.coefficients().asFloat()), (long) layout.coefficients().asFloat().length * p)
                : upload(Pointer.to(layout.coefficients().asDouble()), (long) layout.coefficients().asDouble().length * p);
        cuMemsetD8Async(image, (byte) 0, imageBytes, streams[0]);
        int stride = predict ? 3 : 5;
        long cap = planner.capacity();
        buffers = new StreamBuffers[ChunkPlanner.STREAMS];
        for (int s = 0; s < buffers.length; s++) {
            long outBytes = predict ? 2 * cap * p : 0;
            buffers[s] = new StreamBuffers(deviceAlloc(3 * cap * Integer.BYTES), deviceAlloc(stride * cap * p),
                    predict ? deviceAlloc(outBytes) : null,
                    hostAlloc(3 * cap * Integer.BYTES), hostAlloc(stride * cap * p),
                    predict ? hostAlloc(outBytes) : null);
        }
        cuStreamSynchronize(streams[0]);
    }

    @Override
    public void gridPlane(int p, PackedSamples s, List<ChunkPlanner.Chunk> chunks, double[] out) {
        cuMemsetD8Async(grid, (byte) 0, 2 * layout.gridCells() * precision.bytes(), streams[0]);
        cuEventRecord(done[0], streams[0]);
        cuStreamWaitEvent(streams[1], done[0], 0);
        for (ChunkPlanner.Chunk c : chunks) {
            StreamBuffers b = buffers[c.stream()];
            CUstream stream = streams[c.stream()];
            stage(s, c, b, stream);
            LaunchConfig l = LaunchConfig.gridding(c.count(), s.support);
            launch(gridKernel, l, stream, Pointer.to(b.idx()), Pointer.to(b.val()), Pointer.to(new int[] {c.count()}),
                    Pointer.to(coeff), Pointer.to(new int[] {s.support}), Pointer.to(new int[] {p}),
                    Pointer.to(grid), Pointer.to(new int[] {layout.nu()}), Pointer.to(new int[] {layout.nv()}));
        }
        joinStreams();
        long bytes = 2 * layout.gridCells() * precision.bytes();
        cuMemcpyDtoHAsync(gridHost, grid, bytes, streams[0]);
        cuStreamSynchronize(streams[0]);
        readInto(gridHost, bytes, precision.bytes(), out);
    }

    @Override
    public void accumulateScreen(double w, double[] values) {
        long bytes = 2 * layout.pixels() * precision.bytes();
        writeFrom(values, planeHost, bytes, precision.bytes());
        cuMemcpyHtoDAsync(plane, planeHost, bytes, streams[0]);
        launch(accumulateKernel, LaunchConfig.image(layout.width(), layout.height()), streams[0],
                Pointer.to(plane), Pointer.to(t), Pointer.to(new int[] {layout.width()}),
                Pointer.to(new int[] {layout.height()}), Pointer.to(new int[] {layout.quadrant().qx}),
                Pointer.to(new double[] {w}), Pointer.to(image));
        // the host buffer is rewritten by the next plane
        cuStreamSynchronize(streams[0]);
    }

    @Override
    public double[] dirty() {
        long bytes = layout.pixels() * Double.BYTES;
        cuMemcpyDtoHAsync(imageHost, image, bytes, streams[0]);
        cuStreamSynchronize(streams[0]);
        double[] out = new double[(int) layout.pixels()];
        readInto(imageHost, bytes, Double.BYTES, out);
        return out;
    }

    @Override
    public void loadModel(double[] corrected) {
        long bytes = layout.pixels() * Double.BYTES;
        writeFrom(corrected, imageHost, bytes, Double.BYTES);
        cuMemcpyHtoDAsync(image, imageHost, bytes, streams[0]);
        cuStreamSynchronize(streams[0]);
    }

    @Override
    public void fillScreen(double w, double[] values) {
        long bytes = 2 * layout.pixels() * precision.bytes();
        launch(fillKernel, LaunchConfig.image(layout.width(), layout.height()), streams[0],
                Pointer.to(image), Pointer.to(t), Pointer.to(new int[] {layout.width()}),
                Pointer.to(new int[] {layout.height()}), Pointer.to(new int[] {layout.quadrant().qx}),
                Pointer.to(new double[] {w}), Pointer.to(plane));
        cuMemcpyDtoHAsync(planeHost, plane, bytes, streams[0]);
        cuStreamSynchronize(streams[0]);
        readInto(planeHost, bytes, precision.bytes(), values);
    }

    @Override
    public void degridPlane(int p, PackedSamples s, List<ChunkPlanner.Chunk> chunks, double[] values,
                            double[] accumulated) {
        long bytes = 2 * layout.gridCells() * precision.bytes();
        writeFrom(values, gridHost, bytes, precision.bytes());
        cuMemcpyHtoDAsync(grid, gridHost, bytes, streams[0]);
        cuEventRecord(done[0], streams[0]);
        cuStreamWaitEvent(streams[1], done[0], 0);
        ChunkPlanner.Chunk[] inFlight = new ChunkPlanner.Chunk[ChunkPlanner.STREAMS];
        for (ChunkPlanner.Chunk c : chunks) {
            collect(inFlight[c.stream()], accumulated);
            StreamBuffers b = buffers[c.stream()];
            CUstream stream = streams[c.stream()];
            stage(s, c, b, stream);
            launch(degridKernel, LaunchConfig.degridding(c.count()), stream, Pointer.to(b.idx()), Pointer.to(b.val()),
                    Pointer.to(new int[] {c.count()}), Pointer.to(coeff), Pointer.to(new int[] {s.support}),
                    Pointer.to(new int[] {p}), Pointer.to(grid), Pointer.to(new int[] {layout.nu()}),
                    Pointer.to(new int[] {layout.nv()}), Pointer.to(b.out()));
            cuMemcpyDtoHAsync(b.outHost(), b.out(), 2L * c.count() * precision.bytes(), stream);
            inFlight[c.stream()] = c;
        }
        for (ChunkPlanner.Chunk c : inFlight) {
            collect(c, accumulated);
        }
    }

    /** Waits for a stream's chunk and adds its contributions (no-op for null). */
    private void collect(ChunkPlanner.Chunk c, double[] accumulated) {
        if (c == null) {
            return;
        }
        cuStreamSynchronize(streams[c.stream()]);
        Pointer host = buffers[c.stream()].outHost();
        int p = precision.bytes();
        for (HostWindows.Window win : HostWindows.of(2L * c.count() * p)) {
            ByteBuffer out = host.getByteBuffer(win.offset(), win.bytes()).order(ByteOrder.nativeOrder());
            long base = 2L * c.start() + win.firstElement(p);
            int n = win.bytes() / p;
            for (int k = 0; k < n; k++) {
                accumulated[(int) (base + k)] += p == Float.BYTES ? out.getFloat(k * p) : out.getDouble(k * p);
            }
        }
    }

    /** Copies a chunk into its stream's pinned buffers (after the stream's last use) and uploads it. */
    private void stage(PackedSamples s, ChunkPlanner.Chunk c, StreamBuffers b, CUstream stream) {
        cuStreamSynchronize(stream);
        long idxBytes = 3L * c.count() * Integer.BYTES;
        long valBytes = (long) s.stride * c.count() * precision.bytes();
        long idxAt = 0;
        long valAt = 0;
        // a chunk spans a few storage blocks; each piece is well under a ByteBuffer's 2 GiB
        for (PackedSamples.Segment g : PackedSamples.segments(c.start(), c.count())) {
            int ib = 3 * g.length() * Integer.BYTES;
            b.idxHost().getByteBuffer(idxAt, ib).order(ByteOrder.nativeOrder()).asIntBuffer()
                    .put(s.idx[g.block()], 3 * g.offset(), 3 * g.length());
            int vb = s.stride * g.length() * precision.bytes();
            ByteBuffer val = b.valHost().getByteBuffer(valAt, vb).order(ByteOrder.nativeOrder());
            if (s.valFloat != null) {
                val.asFloatBuffer().put(s.valFloat[g.block()], s.stride * g.offset(), s.stride * g.length());
            } else {
                val.asDoubleBuffer().put(s.valDouble[g.block()], s.stride * g.offset(), s.stride * g.length());
            }
            idxAt += ib;
            valAt += vb;
        }
        cuMemcpyHtoDAsync(b.idx(), b.idxHost(), idxBytes, stream);
        cuMemcpyHtoDAsync(b.val(), b.valHost(), valBytes, stream);
    }

    /** Makes stream 0 wait for the sample streams' work so far. */
    private void joinStreams() {
        for (int s = 1; s < streams.length; s++) {
            cuEventRecord(done[s], streams[s]);
            cuStreamWaitEvent(streams[0], done[s], 0);
        }
    }

    /** Host buffer of float or double elements into {@code out}, window by window (buffers above 2 GiB). */
    private static void readInto(Pointer host, long bytes, int elementBytes, double[] out) {
        for (HostWindows.Window w : HostWindows.of(bytes)) {
            ByteBuffer b = host.getByteBuffer(w.offset(), w.bytes()).order(ByteOrder.nativeOrder());
            int first = (int) w.firstElement(elementBytes);
            if (elementBytes == Float.BYTES) {
                var f = b.asFloatBuffer();
                for (int i = 0; i < f.capacity(); i++) {
                    out[first + i] = f.get(i);
                }
            } else {
                b.asDoubleBuffer().get(out, first, w.bytes() / Double.BYTES);
            }
        }
    }

    private static void writeFrom(double[] in, Pointer host, long bytes, int elementBytes) {
        for (HostWindows.Window w : HostWindows.of(bytes)) {
            ByteBuffer b = host.getByteBuffer(w.offset(), w.bytes()).order(ByteOrder.nativeOrder());
            int first = (int) w.firstElement(elementBytes);
            if (elementBytes == Float.BYTES) {
                var f = b.asFloatBuffer();
                for (int i = 0; i < f.capacity(); i++) {
                    f.put(i, (float) in[first + i]);
                }
            } else {
                b.asDoubleBuffer().put(in, first, w.bytes() / Double.BYTES);
            }
        }
    }

    private static void launch(CUfunction f, LaunchConfig l, CUstream stream, Pointer... args) {
        cuLaunchKernel(f, l.gridX(), l.gridY(), 1, l.blockX(), 1, 1, 0, stream, Pointer.to(args), null);
    }

    private CUfunction function(String module, String entry) {
        CUmodule m = modules.computeIfAbsent(module, name -> {
            CUmodule loaded = new CUmodule();
            cuModuleLoadData(loaded, PtxModules.image(name, major));
            releases.add("module " + name, () -> cuModuleUnload(loaded));
            return loaded;
        });
        CUfunction f = new CUfunction();
        cuModuleGetFunction(f, m, entry);
        return f;
    }

    private CUdeviceptr deviceAlloc(long bytes) {
        CUdeviceptr p = new CUdeviceptr();
        cuMemAlloc(p, Math.max(1, bytes));
        releases.add("device buffer of " + bytes + " bytes", () -> cuMemFree(p));
        return p;
    }

    private Pointer hostAlloc(long bytes) {
        Pointer p = new Pointer();
        cuMemAllocHost(p, Math.max(1, bytes));
        releases.add("pinned buffer of " + bytes + " bytes", () -> cuMemFreeHost(p));
        return p;
    }

    private CUdeviceptr upload(Pointer src, long bytes) {
        CUdeviceptr p = deviceAlloc(bytes);
        cuMemcpyHtoD(p, src, bytes);
        return p;
    }

    /**
     * Releases everything acquired, newest first, trying each step even after a sticky CUDA error
     * (when most fail): the primary context is always released. Throws one exception naming the
     * failed steps.
     */
    @Override
    public void close() {
        if (streams != null) {
            CUstream[] open = streams;
            streams = null;
            releases.add("stream synchronization", () -> {
                for (CUstream s : open) {
                    cuStreamSynchronize(s);
                }
            });
        }
        releases.add("context current", () -> cuCtxSetCurrent(context));
        releases.releaseAll();
        modules.clear();
    }
}
