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
import java.util.ArrayList;
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
    private CUdevice device;
    private CUcontext context;
    private final Map<String, CUmodule> modules = new HashMap<>();
    private final List<CUdeviceptr> deviceBuffers = new ArrayList<>();
    private final List<Pointer> hostBuffers = new ArrayList<>();
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
        cuDevicePrimaryCtxRetain(context, device);
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
            streams[s] = new CUstream();
            cuStreamCreate(streams[s], 0);
            done[s] = new CUevent();
            cuEventCreate(done[s], CUevent_flags.CU_EVENT_DISABLE_TIMING);
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
        readInto(gridHost, bytes, out);
    }

    @Override
    public void accumulateScreen(double w, double[] values) {
        long bytes = 2 * layout.pixels() * precision.bytes();
        writeFrom(values, planeHost, bytes);
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
        imageHost.getByteBuffer(0, bytes).order(ByteOrder.nativeOrder()).asDoubleBuffer().get(out);
        return out;
    }

    @Override
    public void loadModel(double[] corrected) {
        long bytes = layout.pixels() * Double.BYTES;
        imageHost.getByteBuffer(0, bytes).order(ByteOrder.nativeOrder()).asDoubleBuffer().put(corrected);
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
        readInto(planeHost, bytes, values);
    }

    @Override
    public void degridPlane(int p, PackedSamples s, List<ChunkPlanner.Chunk> chunks, double[] values,
                            double[] accumulated) {
        long bytes = 2 * layout.gridCells() * precision.bytes();
        writeFrom(values, gridHost, bytes);
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
        ByteBuffer out = buffers[c.stream()].outHost().getByteBuffer(0, 2L * c.count() * precision.bytes())
                .order(ByteOrder.nativeOrder());
        int base = 2 * c.start();
        if (precision == Precision.SINGLE) {
            var f = out.asFloatBuffer();
            for (int k = 0; k < 2 * c.count(); k++) {
                accumulated[base + k] += f.get(k);
            }
        } else {
            var d = out.asDoubleBuffer();
            for (int k = 0; k < 2 * c.count(); k++) {
                accumulated[base + k] += d.get(k);
            }
        }
    }

    /** Copies a chunk into its stream's pinned buffers (after the stream's last use) and uploads it. */
    private void stage(PackedSamples s, ChunkPlanner.Chunk c, StreamBuffers b, CUstream stream) {
        cuStreamSynchronize(stream);
        long idxBytes = 3L * c.count() * Integer.BYTES;
        long valBytes = (long) s.stride * c.count() * precision.bytes();
        b.idxHost().getByteBuffer(0, idxBytes).order(ByteOrder.nativeOrder()).asIntBuffer()
                .put(s.idx, 3 * c.start(), 3 * c.count());
        ByteBuffer val = b.valHost().getByteBuffer(0, valBytes).order(ByteOrder.nativeOrder());
        if (s.valFloat != null) {
            val.asFloatBuffer().put(s.valFloat, s.stride * c.start(), s.stride * c.count());
        } else {
            val.asDoubleBuffer().put(s.valDouble, s.stride * c.start(), s.stride * c.count());
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

    private void readInto(Pointer host, long bytes, double[] out) {
        ByteBuffer b = host.getByteBuffer(0, bytes).order(ByteOrder.nativeOrder());
        if (precision == Precision.SINGLE) {
            var f = b.asFloatBuffer();
            for (int i = 0; i < out.length; i++) {
                out[i] = f.get(i);
            }
        } else {
            b.asDoubleBuffer().get(out);
        }
    }

    private void writeFrom(double[] in, Pointer host, long bytes) {
        ByteBuffer b = host.getByteBuffer(0, bytes).order(ByteOrder.nativeOrder());
        if (precision == Precision.SINGLE) {
            var f = b.asFloatBuffer();
            for (int i = 0; i < in.length; i++) {
                f.put(i, (float) in[i]);
            }
        } else {
            b.asDoubleBuffer().put(in);
        }
    }

    private static void launch(CUfunction f, LaunchConfig l, CUstream stream, Pointer... args) {
        cuLaunchKernel(f, l.gridX(), l.gridY(), 1, l.blockX(), 1, 1, 0, stream, Pointer.to(args), null);
    }

    private CUfunction function(String module, String entry) {
        CUmodule m = modules.computeIfAbsent(module, name -> {
            CUmodule loaded = new CUmodule();
            cuModuleLoadData(loaded, PtxModules.load(name));
            return loaded;
        });
        CUfunction f = new CUfunction();
        cuModuleGetFunction(f, m, entry);
        return f;
    }

    private CUdeviceptr deviceAlloc(long bytes) {
        CUdeviceptr p = new CUdeviceptr();
        cuMemAlloc(p, Math.max(1, bytes));
        deviceBuffers.add(p);
        return p;
    }

    private Pointer hostAlloc(long bytes) {
        Pointer p = new Pointer();
        cuMemAllocHost(p, Math.max(1, bytes));
        hostBuffers.add(p);
        return p;
    }

    private CUdeviceptr upload(Pointer src, long bytes) {
        CUdeviceptr p = deviceAlloc(bytes);
        cuMemcpyHtoD(p, src, bytes);
        return p;
    }

    @Override
    public void close() {
        cuCtxSetCurrent(context);
        if (streams != null) {
            for (int s = 0; s < streams.length; s++) {
                cuStreamSynchronize(streams[s]);
                cuStreamDestroy(streams[s]);
                cuEventDestroy(done[s]);
            }
            streams = null;
        }
        deviceBuffers.forEach(p -> cuMemFree(p));
        deviceBuffers.clear();
        hostBuffers.forEach(p -> cuMemFreeHost(p));
        hostBuffers.clear();
        modules.values().forEach(m -> cuModuleUnload(m));
        modules.clear();
        if (device != null) {
            cuDevicePrimaryCtxRelease(device);
            device = null;
        }
    }
}
