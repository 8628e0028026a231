package org.tessera.gpu;

import static jcuda.driver.JCudaDriver.cuEventCreate;
import static jcuda.driver.JCudaDriver.cuEventElapsedTime;
import static jcuda.driver.JCudaDriver.cuEventRecord;
import static jcuda.driver.JCudaDriver.cuEventSynchronize;
import static jcuda.driver.JCudaDriver.cuLaunchKernel;
import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemFree;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoD;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoD;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUevent;
import org.jtransforms.fft.DoubleFFT_1D;
import org.tessera.casacore.ms.MeasurementSet;
import org.tessera.imaging.Image;
import org.tessera.imaging.ImageGeometry;
import org.tessera.imaging.VisibilityChunk;
import org.tessera.imaging.gridding.DirectFourierSum;
import org.tessera.imaging.gridding.GriddedImage;
import org.tessera.imaging.gridding.Gridder;
import org.tessera.imaging.gridding.GridderSettings;
import org.tessera.imaging.gridding.WGridPlan;
import org.tessera.imaging.gridding.WGridder;
import org.tessera.imaging.gridding.WRange;
import org.tessera.imaging.ms.MsVisibilitySource;
import org.tessera.imaging.simulation.MakeWideMs;

/**
 * The device checks of bench/gpu-bundle.sh's run-gpu-checks.sh, in one process: probe; GPU
 * against CPU against the exact direct sum (gridding, degridding, FFT) on a small MS made here;
 * kernel-only throughput of the tiled kernels on simulated samples; the dirty image of the
 * 47 M-visibility benchmark MS on the GPU and on the CPU path. Prints a table, writes results.tsv.
 * Exit 2 without a usable GPU (one line), 1 when a check fails.
 * Usage: GpuChecks --probe (exit 0 with a usable GPU, else the line and 2);
 * GpuChecks --emulate OUT_DIR TEMPLATE_MS (the small-MS checks with the kernels in Java); or
 * GpuChecks OUT_DIR TEMPLATE_MS [SIM_SAMPLES] [WIDE_STEPS]; the MSs are written under the system
 * property tessera.checks.work (default OUT_DIR), so that only logs and tables land in OUT_DIR.
 */
public final class GpuChecks {
    /** H200 datasheet leads (METHOD.md: measure the copy rate; it is measured below). */
    private static final double FP32_FLOPS = 67e12;
    private static final double FP64_FLOPS = 34e12;

    private final Path out;
    private final Path work;
    private final PrintStream log;
    private final List<String[]> rows = new ArrayList<>();
    private boolean failed;
    /** Java emulation of the kernels instead of CUDA (--emulate). */
    private boolean emulated;

    private GpuChecks(Path out) throws IOException {
        this.out = out;
        this.work = Path.of(System.getProperty("tessera.checks.work", out.toString()));
        Files.createDirectories(work);
        this.log = new PrintStream(Files.newOutputStream(out.resolve("checks.log")), true);
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            if (args.length != 1 || !args[0].equals("--probe")) {
                System.err.println("usage: GpuChecks --probe | OUT_DIR TEMPLATE_MS [SIM_SAMPLES] [WIDE_STEPS]");
                System.exit(2);
            }
        }
        if (args[0].equals("--emulate")) {
            // the small-MS checks with the kernels emulated in Java: checks the checks, without a GPU
            GpuChecks c = new GpuChecks(Files.createDirectories(Path.of(args[1])));
            c.emulated = true;
            c.run("small MS (emulated)", () -> c.smallMs(Path.of(args[2])));
            c.table();
            System.exit(c.failed ? 1 : 0);
        }
        GpuDevice d = GpuDevice.probe();
        if (args[0].equals("--probe")) {
            if (d.usable()) {
                System.exit(0);
            }
        }
        if (!d.usable()) {
            System.out.println("run-gpu-checks: no usable GPU here (" + d.reason() + "); nothing was run");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        long simSamples = args.length > 2 ? Long.parseLong(args[2]) : 120_000_000L;
        int steps = args.length > 3 ? Integer.parseInt(args[3]) : 60;
        GpuChecks c = new GpuChecks(out);
        c.row("probe", d.reason(), "", "");
        c.run("copy bandwidth", c::bandwidth);
        c.run("fft lines", c::fft);
        c.run("small MS", () -> c.smallMs(Path.of(args[1])));
        for (double eps : new double[] {1e-5, 1e-4}) {
            c.run("throughput eps " + eps, () -> c.throughput(simSamples, eps));
        }
        c.run("wide MS", () -> c.wideMs(Path.of(args[1]), steps));
        c.table();
        System.exit(c.failed ? 1 : 0);
    }

    private interface Check {
        void run() throws Exception;
    }

    private void run(String name, Check check) {
        long t0 = System.nanoTime();
        try {
            check.run();
        } catch (Throwable e) {
            failed = true;
            row(name, "ERROR " + e, "", "");
            e.printStackTrace(log);
        }
        log.printf("%s: %.1f s%n", name, (System.nanoTime() - t0) / 1e9);
    }

    private void row(String check, String result, String bound, String verdict) {
        rows.add(new String[] {check, result, bound, verdict});
        log.println(String.join("\t", check, result, bound, verdict));
        if (verdict.equals("FAIL")) {
            failed = true;
        }
    }

    private void compare(String check, double error, double bound) {
        row(check, String.format("%.3g", error), String.format("<= %.3g", bound), error <= bound ? "ok" : "FAIL");
    }

    private double bytesPerSecond = 4.8e12;

    /** Device-to-device copy of 4 GiB, bytes read plus written per second (METHOD.md's ceiling). */
    private void bandwidth() {
        CudaSession.shared();
        long n = 4L << 30;
        CUdeviceptr a = new CUdeviceptr();
        CUdeviceptr b = new CUdeviceptr();
        cuMemAlloc(a, n);
        cuMemAlloc(b, n);
        try {
            cuMemcpyDtoD(b, a, n);
            float best = Float.MAX_VALUE;
            for (int k = 0; k < 5; k++) {
                best = Math.min(best, timed(() -> cuMemcpyDtoD(b, a, n)));
            }
            bytesPerSecond = 2.0 * n / (best / 1e3);
            row("copy bandwidth", String.format("%.3g B/s", bytesPerSecond), "", "");
        } finally {
            cuMemFree(a);
            cuMemFree(b);
        }
    }

    private static float timed(Runnable work) {
        CUevent s = new CUevent();
        CUevent e = new CUevent();
        cuEventCreate(s, 0);
        cuEventCreate(e, 0);
        cuEventRecord(s, null);
        work.run();
        cuEventRecord(e, null);
        cuEventSynchronize(e);
        float[] ms = {0};
        cuEventElapsedTime(ms, s, e);
        return ms[0];
    }

    /** fft_lines_f64 and _f32 against JTransforms on 2^a 3^b 5^c lengths, random lines. */
    private void fft() {
        CudaSession cuda = CudaSession.shared();
        SplittableRandom rnd = new SplittableRandom(7);
        for (Precision precision : Precision.values()) {
            double worst = 0;
            for (int n : new int[] {60, 128, 1000, 1536, 4096, 6144, 7200}) {
                int lines = 8;
                double[] x = new double[2 * n * lines];
                for (int i = 0; i < x.length; i++) {
                    x[i] = rnd.nextDouble() - 0.5;
                }
                double[] ref = x.clone();
                DoubleFFT_1D f = new DoubleFFT_1D(n);
                for (int l = 0; l < lines; l++) {
                    f.complexForward(ref, 2 * n * l);
                }
                StockhamFft s = new StockhamFft(n);
                int bytes = precision.bytes();
                double[] got = new double[x.length];
                CUdeviceptr data = upload(x, bytes);
                CUdeviceptr radices = upload(s.radices());
                CUdeviceptr tw = upload(s.twiddles(), bytes);
                int shared = 2 * n * 2 * bytes;
                cuLaunchKernel(cuda.functionWithShared("fft", "fft_lines_" + precision.suffix(), shared), lines, 1, 1,
                        256, 1, 1, shared, null, Pointer.to(Pointer.to(data), Pointer.to(new int[] {n}),
                                Pointer.to(radices), Pointer.to(new int[] {s.radices().length}), Pointer.to(tw)), null);
                download(data, got, bytes);
                cuMemFree(data);
                cuMemFree(radices);
                cuMemFree(tw);
                worst = Math.max(worst, relativeError(got, ref));
            }
            compare("fft vs JTransforms " + precision.suffix() + " (rel. L2)", worst,
                    precision == Precision.SINGLE ? 1e-5 : 1e-12);
        }
    }

    private static CUdeviceptr upload(double[] v, int bytes) {
        CUdeviceptr p = new CUdeviceptr();
        cuMemAlloc(p, (long) v.length * bytes);
        if (bytes == Double.BYTES) {
            cuMemcpyHtoD(p, Pointer.to(v), (long) v.length * bytes);
        } else {
            float[] f = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                f[i] = (float) v[i];
            }
            cuMemcpyHtoD(p, Pointer.to(f), (long) v.length * bytes);
        }
        return p;
    }

    private static CUdeviceptr upload(int[] v) {
        CUdeviceptr p = new CUdeviceptr();
        cuMemAlloc(p, (long) v.length * Integer.BYTES);
        cuMemcpyHtoD(p, Pointer.to(v), (long) v.length * Integer.BYTES);
        return p;
    }

    private static void download(CUdeviceptr p, double[] v, int bytes) {
        if (bytes == Double.BYTES) {
            cuMemcpyDtoH(Pointer.to(v), p, (long) v.length * bytes);
        } else {
            float[] f = new float[v.length];
            cuMemcpyDtoH(Pointer.to(f), p, (long) v.length * bytes);
            for (int i = 0; i < v.length; i++) {
                v[i] = f[i];
            }
        }
    }

    /** A 2-step MWA MS: resident GPU and per-plane GPU gridders vs the CPU and the direct sum. */
    private void smallMs(Path template) throws Exception {
        Path ms = work.resolve("small.ms");
        MakeWideMs.main(new String[] {template.toString(), ms.toString(), "2"});
        ImageGeometry g = new ImageGeometry(512, 512, Math.toRadians(2.0 / 60), 0, 0);
        try (MeasurementSet set = MeasurementSet.open(ms)) {
            MsVisibilitySource source = new MsVisibilitySource(set, null, 0, 64L << 20);
            for (double eps : new double[] {1e-4, 1e-5, 1e-7}) {
                GridderSettings settings = new GridderSettings(g, eps, Runtime.getRuntime().availableProcessors());
                GriddedImage cpu = new WGridder(settings).grid(source, null, false);
                double peak = cpu.image().maxAbs();
                int[] xs = {256, 100, 400, 10, 500, 256};
                int[] ys = {256, 300, 120, 10, 500, 40};
                double[] exact = DirectFourierSum.dirtyPixels(source, g, xs, ys, null, false);
                List<Gridder> gpus = emulated
                        ? List.of(new ResidentCudaGridder(settings, null, EmulatedResidentPlanes::new),
                                new GpuWGridder(settings, () -> new EmulatedPlaneDevice(8L << 30)))
                        : List.of(new ResidentCudaGridder(settings, null), GpuWGridder.cuda(settings, 0));
                for (Gridder gpu : gpus) {
                    String name = gpu.getClass().getSimpleName() + " eps " + eps;
                    GriddedImage a = gpu.grid(source, null, false);
                    compare(name + " dirty vs CPU /peak", maxDiff(a.image().pixels, cpu.image().pixels) / peak, 3 * eps);
                    double d = 0;
                    for (int i = 0; i < xs.length; i++) {
                        d = Math.max(d, Math.abs(a.image().get(xs[i], ys[i]) - exact[i]));
                    }
                    compare(name + " dirty vs direct sum /peak", d / peak, 3 * eps);
                    if (gpu instanceof ResidentCudaGridder) {
                        GriddedImage[] both = gpu.gridPsfAndDirty(source, null);
                        GriddedImage cpuPsf = new WGridder(settings).grid(source, null, true);
                        compare(name + " PSF (one run with dirty) vs CPU /peak",
                                maxDiff(both[0].image().pixels, cpuPsf.image().pixels) / cpuPsf.image().maxAbs(), 3 * eps);
                        compare(name + " dirty (one run with PSF) vs CPU /peak",
                                maxDiff(both[1].image().pixels, cpu.image().pixels) / peak, 3 * eps);
                    }
                    Image model = new Image(g.width(), g.height());
                    model.set(256, 256, 1.0);
                    model.set(100, 300, -0.5);
                    model.set(400, 120, 0.8);
                    double[] pg = gpu.predict(model, source);
                    double[] pc = new WGridder(settings).predict(model, source);
                    compare(name + " predict vs CPU", maxDiff(pg, pc), 3 * eps * 2.3);
                    VisibilityChunk[] first = new VisibilityChunk[1];
                    source.forEach(ch -> {
                        if (first[0] == null) {
                            first[0] = ch;
                        }
                    });
                    double[] direct = DirectFourierSum.predict(model, g, first[0]);
                    double dd = 0;
                    for (int i = 0; i < direct.length; i++) {
                        if (first[0].weight[i / 2] > 0) {
                            dd = Math.max(dd, Math.abs(pg[i] - direct[i]));
                        }
                    }
                    compare(name + " predict vs direct sum (1st chunk)", dd, 3 * eps * 2.3);
                }
            }
        }
    }

    /** Kernel-only rates of the tiled kernels: simulated packed samples in a uv disk, all planes. */
    private void throughput(long count, double eps) {
        ImageGeometry g = new ImageGeometry(4096, 4096, Math.toRadians(0.5 / 60), 0, 0);
        GridderSettings settings = new GridderSettings(g, eps, 16);
        WGridPlan plan = WGridPlan.forRange(settings, new WRange(-400, 400, count));
        Precision precision = Precision.of(settings.singlePrecision());
        KernelCoefficients k = new KernelCoefficients(plan.kernel());
        int w = k.support();
        int nu = plan.gridWidth();
        int nv = plan.gridHeight();
        int planes = plan.planes();
        int n = (int) Math.min(count, Integer.MAX_VALUE - 8);
        PackedSamples s = PackedSamples.allocate(n, w, true, precision);
        double radius = 0.45 * Math.min(nu, nv) / 2;
        IntStream.range(0, PackedSamples.blocks(n)).parallel().forEach(b -> {
            SplittableRandom r = new SplittableRandom(b);
            for (int i = b * PackedSamples.BLOCK; i < Math.min(n, (b + 1) * PackedSamples.BLOCK); i++) {
                double rho = radius * Math.sqrt(r.nextDouble());
                double phi = 2 * Math.PI * r.nextDouble();
                s.put(i, (int) Math.floor(rho * Math.cos(phi)), (int) Math.floor(rho * Math.sin(phi)),
                        r.nextInt(planes - w + 1), 2 * r.nextDouble() - 1, 2 * r.nextDouble() - 1,
                        2 * r.nextDouble() - 1, r.nextDouble() - 0.5, r.nextDouble() - 0.5);
            }
        });
        PlaneLayout layout = PlaneLayout.of(g, nu, nv, new ScreenQuadrant(g, plan.nShift()), k, precision);
        CudaSession cuda = CudaSession.shared();
        synchronized (cuda) {
            try (DeviceRun run = new DeviceRun(cuda, layout, s, planes)) {
                for (int p = 0; p < planes; p++) {
                    run.accumulatePlane(p, plan.planeW(p));
                }
                // the dirty image as the model: non-zero data through the forward path
                run.loadModel(run.dirty());
                for (int p = 0; p < planes; p++) {
                    run.predictPlane(p, plan.planeW(p));
                }
                Map<DeviceRun.Phase, Float> ms = run.millis();
                String tag = String.format("eps %.0e W %d %s %dx%d %d planes, %d M samples", eps, w,
                        precision.suffix(), nu, nv, planes, n / 1_000_000);
                // floors: each sample read by W plane launches (its packed bytes); W^2 complex MACs + taps per plane
                double bytes = (double) n * w * PackedSamples.bytesPerSample(precision, true);
                double flops = (double) n * w * (8.0 * w * w + 2.0 * (2 * w + 1) * (w + 3));
                double rate = precision == Precision.SINGLE ? FP32_FLOPS : FP64_FLOPS;
                double floor = Math.max(bytes / bytesPerSecond, flops / rate);
                for (DeviceRun.Phase phase : new DeviceRun.Phase[] {DeviceRun.Phase.GRID, DeviceRun.Phase.DEGRID}) {
                    double seconds = ms.get(phase) / 1e3;
                    double visPerS = n / seconds;
                    row((phase == DeviceRun.Phase.GRID ? "gridding " : "degridding ") + tag,
                            String.format("%.3g vis/s (%.3f s; floor %.3f s = %.0f%%)", visPerS, seconds, floor,
                                    100 * floor / seconds),
                            eps == 1e-5 ? ">= 1e9 vis/s" : "", eps == 1e-5 ? (visPerS >= 1e9 ? "ok" : "FAIL") : "");
                }
                row("time split " + tag, ms.toString(), "", "");
            }
        }
    }

    /** The 47 M-visibility benchmark MS: dirty image on the GPU (resident) and on the CPU path. */
    private void wideMs(Path template, int steps) throws Exception {
        Path ms = work.resolve("wide.ms");
        long t0 = System.nanoTime();
        MakeWideMs.main(new String[] {template.toString(), ms.toString(), Integer.toString(steps)});
        log.printf("MakeWideMs: %.1f s%n", (System.nanoTime() - t0) / 1e9);
        ImageGeometry g = new ImageGeometry(4096, 4096, Math.toRadians(0.5 / 60), 0, 0);
        int threads = Runtime.getRuntime().availableProcessors();
        GridderSettings settings = new GridderSettings(g, GridderSettings.DEFAULT_EPSILON, threads);
        try (MeasurementSet set = MeasurementSet.open(ms)) {
            MsVisibilitySource source = new MsVisibilitySource(set, null, 0, 256L << 20);
            new WGridder(settings).grid(source, null, false);
            long c0 = System.nanoTime();
            GriddedImage cpu = new WGridder(settings).grid(source, null, false);
            double cpuS = (System.nanoTime() - c0) / 1e9;
            ResidentCudaGridder gpu = new ResidentCudaGridder(settings, null);
            gpu.grid(source, null, false);
            long g0 = System.nanoTime();
            GriddedImage a = gpu.grid(source, null, false);
            double gpuS = (System.nanoTime() - g0) / 1e9;
            double peak = cpu.image().maxAbs();
            compare("wide MS dirty GPU vs CPU /peak", maxDiff(a.image().pixels, cpu.image().pixels) / peak,
                    3 * GridderSettings.DEFAULT_EPSILON);
            row("wide MS dirty image, end to end", String.format("GPU %.2f s, CPU (%d threads) %.2f s: %.1fx",
                    gpuS, threads, cpuS, cpuS / gpuS), ">= 10x WSClean (not run here)", "");
            row("wide MS GPU time split (ms)", gpu.lastMillis().toString(), "", "");
        }
    }

    private void table() throws IOException {
        StringBuilder tsv = new StringBuilder();
        for (String[] r : rows) {
            tsv.append(String.join("\t", r)).append('\n');
            System.out.printf("%-62s %-58s %-16s %s%n", r[0], r[1], r[2], r[3]);
        }
        Files.writeString(out.resolve("results.tsv"), tsv);
        System.out.println(failed ? "run-gpu-checks: SOME CHECKS FAILED (see checks.log)" : "run-gpu-checks: all checks passed");
    }

    static double maxDiff(double[] a, double[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }

    /** Relative L2 error ||a - ref|| / ||ref||. */
    static double relativeError(double[] a, double[] ref) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < a.length; i++) {
            num += (a[i] - ref[i]) * (a[i] - ref[i]);
            den += ref[i] * ref[i];
        }
        return Math.sqrt(num / Math.max(den, 1e-300));
    }
}
