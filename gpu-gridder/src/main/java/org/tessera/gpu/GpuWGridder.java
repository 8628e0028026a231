package org.tessera.gpu;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.tessera.imaging.Image;
import org.tessera.imaging.ImageGeometry;
import org.tessera.imaging.VisibilitySource;
import org.tessera.imaging.gridding.GriddedImage;
import org.tessera.imaging.gridding.Gridder;
import org.tessera.imaging.gridding.GridderSettings;
import org.tessera.imaging.gridding.PrunedPlaneFft;
import org.tessera.imaging.gridding.WGridPlan;
import org.tessera.imaging.gridding.WRange;
import org.tessera.imaging.gridding.WSortedVisibilities;
import org.tessera.imaging.weighting.ImagingWeights;

/**
 * The w-stacking gridder of {@link org.tessera.imaging.gridding.WGridder} (same samples, plan,
 * kernel and epsilon) with gridding, degridding and the w-screens on a {@link PlaneDevice}, and
 * the pruned per-plane FFT on the CPU. One device thread feeds the device; while the CPU
 * transforms plane p the device grids plane p+1 (or, predicting, screens plane p+1).
 */
public final class GpuWGridder implements Gridder {
    private final GridderSettings settings;
    /** The data extent every run plans for, as in WGridder; null: each run plans for its own source. */
    private final WRange range;
    private final Supplier<PlaneDevice> devices;

    /** A gridder that plans each run from the w range of the source it is given. */
    public GpuWGridder(GridderSettings settings, Supplier<PlaneDevice> devices) {
        this(settings, null, devices);
    }

    /**
     * @param range   the plan of every run, as {@link org.tessera.imaging.gridding.WGridder#WGridder(GridderSettings, WRange)}
     * @param devices opens one device session per run (CUDA, or the emulation in tests)
     */
    public GpuWGridder(GridderSettings settings, WRange range, Supplier<PlaneDevice> devices) {
        this.settings = settings;
        this.range = range;
        this.devices = devices;
    }

    /** On the first CUDA device, using at most {@code budgetBytes} of its memory (0 = 80% of free). */
    public static GpuWGridder cuda(GridderSettings settings, long budgetBytes) {
        return cuda(settings, null, budgetBytes);
    }

    /** As {@link #cuda(GridderSettings, long)}, every run on the plan of {@code range}. */
    public static GpuWGridder cuda(GridderSettings settings, WRange range, long budgetBytes) {
        return new GpuWGridder(settings, range, () -> new CudaPlaneDevice(budgetBytes));
    }

    @Override
    public GridderSettings settings() {
        return settings;
    }

    /** As {@link org.tessera.imaging.gridding.WGridder#grid}. */
    @Override
    public GriddedImage grid(VisibilitySource source, ImagingWeights weights, boolean psf) {
        ImageGeometry g = settings.geometry();
        WGridPlan plan = plan(source);
        WSortedVisibilities in = WSortedVisibilities.forImage(source, plan, settings, weights, psf);
        Image dirty = new Image(g.width(), g.height());
        if (in.count() == 0) {
            return new GriddedImage(dirty, 0);
        }
        Precision precision = Precision.of(settings.singlePrecision());
        PackedSamples samples = PackedSamples.pack(in, precision, true);
        ScreenQuadrant quadrant = new ScreenQuadrant(g, plan.nShift());
        PlaneLayout layout = PlaneLayout.of(g, plan.gridWidth(), plan.gridHeight(), quadrant,
                new KernelCoefficients(plan.kernel()), precision);
        List<Integer> planes = activePlanes(in);
        try (DeviceThread device = new DeviceThread(devices);
             PrunedPlaneFft fft = new PrunedPlaneFft(g, in, settings.threads())) {
            ChunkPlanner planner = device.call(() -> open(device.plane, layout, false));
            double[][] grids = {new double[(int) (2 * layout.gridCells())], new double[(int) (2 * layout.gridCells())]};
            Future<?> pending = device.submit(gridTask(device, in, samples, planner, planes.get(0), grids[0]));
            for (int k = 0; k < planes.size(); k++) {
                Future<?> next = k + 1 < planes.size()
                        ? device.submit(gridTask(device, in, samples, planner, planes.get(k + 1), grids[(k + 1) % 2]))
                        : null;
                DeviceThread.await(pending);
                double[] transformed = grids[k % 2];
                fft.forImage(transformed);
                double[] values = layout.gather(transformed, new double[(int) (2 * layout.pixels())]);
                double w = plan.planeW(planes.get(k));
                device.submit(() -> device.plane.accumulateScreen(w, values));
                pending = next;
            }
            double[] pixels = device.call(() -> device.plane.dirty());
            System.arraycopy(pixels, 0, dirty.pixels, 0, pixels.length);
        }
        quadrant.correct(g, plan, dirty.pixels);
        return new GriddedImage(dirty, in.sumWeights());
    }

    /** As {@link org.tessera.imaging.gridding.WGridder#predict}. */
    @Override
    public double[] predict(Image model, VisibilitySource source) {
        ImageGeometry g = settings.geometry();
        g.requireSameSize(model);
        WGridPlan plan = plan(source);
        WSortedVisibilities in = WSortedVisibilities.forPrediction(source, plan, settings);
        double[] prediction = new double[2 * (int) in.totalSamples()];
        if (in.count() == 0) {
            return prediction;
        }
        Precision precision = Precision.of(settings.singlePrecision());
        PackedSamples samples = PackedSamples.pack(in, precision, false);
        ScreenQuadrant quadrant = new ScreenQuadrant(g, plan.nShift());
        PlaneLayout layout = PlaneLayout.of(g, plan.gridWidth(), plan.gridHeight(), quadrant,
                new KernelCoefficients(plan.kernel()), precision);
        double[] corrected = model.pixels.clone();
        quadrant.correct(g, plan, corrected);
        double[] accumulated = new double[2 * in.count()];
        List<Integer> planes = activePlanes(in);
        try (DeviceThread device = new DeviceThread(devices);
             PrunedPlaneFft fft = new PrunedPlaneFft(g, in, settings.threads())) {
            ChunkPlanner planner = device.call(() -> {
                ChunkPlanner p = open(device.plane, layout, true);
                device.plane.loadModel(corrected);
                return p;
            });
            double[][] grids = {new double[(int) (2 * layout.gridCells())], new double[(int) (2 * layout.gridCells())]};
            Future<double[]> pending = device.submit(fillTask(device, plan, layout, planes.get(0)));
            for (int k = 0; k < planes.size(); k++) {
                Future<double[]> next = k + 1 < planes.size() ? device.submit(fillTask(device, plan, layout, planes.get(k + 1))) : null;
                double[] grid = grids[k % 2];
                layout.scatter(DeviceThread.await(pending), grid);
                fft.forVisibilities(grid);
                int p = planes.get(k);
                List<ChunkPlanner.Chunk> chunks = planner.split(rangeLo(in, p), rangeHi(in, p));
                device.submit(() -> device.plane.degridPlane(p, samples, chunks, grid, accumulated));
                pending = next;
            }
            device.call(() -> null);
        }
        undoShift(in, accumulated, prediction);
        return prediction;
    }

    /** The plan of every run's range, or of the source's own range, as in WGridder. */
    private WGridPlan plan(VisibilitySource source) {
        return WGridPlan.forRange(settings, range != null ? range : WRange.of(source));
    }

    private static ChunkPlanner open(PlaneDevice device, PlaneLayout layout, boolean predict) {
        long perSample = PackedSamples.bytesPerSample(layout.precision(), !predict)
                + (predict ? 2L * layout.precision().bytes() : 0);
        ChunkPlanner planner = new ChunkPlanner(device.memoryBudget(), layout.fixedDeviceBytes(), perSample);
        device.open(layout, planner, predict);
        return planner;
    }

    private static Callable<Void> gridTask(DeviceThread device, WSortedVisibilities in, PackedSamples samples,
                                           ChunkPlanner planner, int p, double[] grid) {
        return () -> {
            device.plane.gridPlane(p, samples, planner.split(rangeLo(in, p), rangeHi(in, p)), grid);
            return null;
        };
    }

    private static Callable<double[]> fillTask(DeviceThread device, WGridPlan plan, PlaneLayout layout, int p) {
        return () -> {
            double[] values = new double[(int) (2 * layout.pixels())];
            device.plane.fillScreen(plan.planeW(p), values);
            return values;
        };
    }

    /** Planes that some sample touches, in increasing order. */
    static List<Integer> activePlanes(WSortedVisibilities in) {
        List<Integer> planes = new ArrayList<>();
        for (int p = 0; p < in.plan().planes(); p++) {
            if (rangeLo(in, p) < rangeHi(in, p)) {
                planes.add(p);
            }
        }
        return planes;
    }

    /** Samples touching plane p are those whose first plane is in [p - W + 1, p]. */
    static int rangeLo(WSortedVisibilities in, int p) {
        return in.planeStart(Math.max(0, p - in.plan().kernel().support() + 1));
    }

    static int rangeHi(WSortedVisibilities in, int p) {
        WGridPlan plan = in.plan();
        return in.planeStart(Math.min(p, plan.planes() - plan.kernel().support()) + 1);
    }

    /** Undoes the n shift and the conjugation of w < 0 samples, back in source order. */
    static void undoShift(WSortedVisibilities in, double[] accumulated, double[] prediction) {
        WGridPlan plan = in.plan();
        for (int i = 0; i < in.count(); i++) {
            int o = in.sourcePosition(i);
            boolean conjugate = o < 0;
            int pos = conjugate ? ~o : o;
            double w = plan.planeW(in.wc(i, in.inverseWavelength(i)));
            double turns = w * plan.nShift();
            double phase = -2 * Math.PI * (turns - Math.floor(turns));
            double cr = Math.cos(phase);
            double ci = Math.sin(phase);
            double re = accumulated[2 * i] * cr - accumulated[2 * i + 1] * ci;
            double im = accumulated[2 * i] * ci + accumulated[2 * i + 1] * cr;
            prediction[2 * pos] = re;
            prediction[2 * pos + 1] = conjugate ? -im : im;
        }
    }

    /** The single thread that owns the device session (CUDA contexts are per thread). */
    private static final class DeviceThread implements AutoCloseable {
        private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "gpu-gridder-device");
            t.setDaemon(true);
            return t;
        });
        private final List<Future<?>> submitted = new ArrayList<>();
        final PlaneDevice plane;

        DeviceThread(Supplier<PlaneDevice> devices) {
            plane = await(executor.submit(devices::get));
        }

        <T> Future<T> submit(Callable<T> task) {
            Future<T> f = executor.submit(task);
            submitted.add(f);
            return f;
        }

        Future<?> submit(Runnable task) {
            return submit(() -> {
                task.run();
                return null;
            });
        }

        /** Runs a task after everything submitted before and rethrows any earlier failure. */
        <T> T call(Callable<T> task) {
            T result = await(submit(task));
            for (Future<?> f : submitted) {
                await(f);
            }
            submitted.clear();
            return result;
        }

        static <T> T await(Future<T> f) {
            try {
                return f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the GPU", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException r) {
                    throw r;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(cause);
            }
        }

        @Override
        public void close() {
            try {
                await(executor.submit(() -> {
                    plane.close();
                    return null;
                }));
            } finally {
                executor.shutdown();
            }
        }
    }
}
