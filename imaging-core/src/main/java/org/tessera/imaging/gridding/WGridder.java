package org.tessera.imaging.gridding;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.tessera.imaging.HeapRoom;
import org.tessera.imaging.Image;
import org.tessera.imaging.ImageGeometry;
import org.tessera.imaging.VisibilitySource;
import org.tessera.imaging.weighting.ImagingWeights;

/**
 * Wide-field gridder and degridder with the exponential-of-semicircle kernel and improved
 * w-stacking (ducc0's wgridder; Arras et al. 2021, Ye et al. 2022), in WSClean's convention
 * (no 1/n factor):
 * <pre>
 *   grid:   D(l, m) = sum_k w_k Re[V_k exp(-2 pi i (u l + v m + w (n - 1)))]
 *   degrid: V_k     = sum_pixels I(l, m) exp(+2 pi i (u l + v m + w (n - 1)))
 * </pre>
 * with u, v, w in wavelengths, l = -(x - width/2) cell, m = (y - height/2) cell. Pixels beyond the
 * horizon (l^2 + m^2 >= 1) are 0 in the dirty image and ignored in the model.
 *
 * <p>Per w-plane: grid the samples within W/2 planes onto one oversampled uv grid (threads own
 * alternate row bands, so the sums are reproducible for any thread count), FFT, multiply by the
 * w-screen and accumulate; the grid and FFT are float for epsilon >= 1e-5, double below; the kernel's taper in l, m and in n is
 * divided out at the end.
 */
public final class WGridder implements Gridder {
    private final GridderSettings settings;
    /** The data extent every run plans for; null: each run plans for its own source. */
    private final WRange range;

    public WGridder(ImageGeometry g, double epsilon, int threads) {
        this(new GridderSettings(g, epsilon, threads));
    }

    /** A gridder that plans each run from the w range of the source it is given. */
    public WGridder(GridderSettings settings) {
        this(settings, null);
    }

    /**
     * A gridder whose every run (grid and predict) uses the plan of {@code range}: give it the merged
     * range of all the data, and partial images of any split of the data sum to the whole's image.
     */
    public WGridder(GridderSettings settings, WRange range) {
        this.settings = settings;
        this.range = range;
    }

    @Override
    public GridderSettings settings() {
        return settings;
    }

    /** The plan a run on {@code source} uses. */
    WGridPlan plan(VisibilitySource source) {
        return WGridPlan.forRange(settings, range != null ? range : WRange.of(source));
    }

    @Override
    public GriddedImage grid(VisibilitySource source, ImagingWeights weights, boolean psf) {
        WSortedVisibilities data = WSortedVisibilities.build(source, plan(source), settings, weights,
                psf ? WSortedVisibilities.Purpose.PSF : WSortedVisibilities.Purpose.DIRTY);
        if (data.count > 0 && data.visFloat != null && data.plan.reduced != null) {
            PlaneSums sums = sumPlanes(data, data.visFloat, false);
            data = null; // the samples are garbage once the planes are summed: the pixels need the room
            return sums.toPixels()[0];
        }
        return adjoint(data, data.visFloat, data.visDouble);
    }

    /**
     * The PSF and the dirty image of the same samples, from one pass of sorting (single precision)
     * or two (double): {@code [psf, dirty]}, both unnormalised.
     */
    @Override
    public GriddedImage[] gridPsfAndDirty(VisibilitySource source, ImagingWeights weights) {
        if (!settings.singlePrecision()) {
            return new GriddedImage[] {grid(source, weights, true), grid(source, weights, false)};
        }
        WSortedVisibilities data = WSortedVisibilities.build(source, plan(source), settings, weights,
                WSortedVisibilities.Purpose.PSF_AND_DIRTY);
        if (data.count > 0 && data.plan.reduced != null) {
            PlaneSums sums = sumPlanes(data, data.visFloat, true);
            data = null; // as in grid: the pixels of both images need the samples' room
            return sums.toPixels();
        }
        return compactAdjoint(data, data.visFloat, true);
    }

    /**
     * Full-size single-precision adjoint on compact grids (data columns only): {@code [psf, dirty]} of the samples
     * when {@code pair} (their taps evaluated once for both), else {@code [dirty]} of {@code visFloat}.
     */
    private GriddedImage[] compactAdjoint(WSortedVisibilities data, float[] visFloat, boolean pair) {
        ImageGeometry g = settings.geometry();
        Image[] out = new Image[pair ? 2 : 1];
        for (int k = 0; k < out.length; k++) {
            out[k] = new Image(g.width(), g.height());
        }
        if (data.count == 0) {
            return Arrays.stream(out).map(image -> new GriddedImage(image, 0)).toArray(GriddedImage[]::new);
        }
        WGridPlan plan = data.plan;
        int support = plan.kernel.support();
        try (ParallelRunner runner = new ParallelRunner(settings.threads())) {
            WScreen screen = new WScreen(g, plan);
            PlaneFft fft = PlaneFft.forRun(g, data, true, false, runner.threads());
            int gridLength = 2 * fft.compactWidth() * plan.nv;
            float[][] grids = new float[out.length][gridLength];
            double[][] images = Arrays.stream(out).map(image -> image.pixels).toArray(double[][]::new);
            long[] timing = new long[4];
            PlaneGridding gridding = new PlaneGridding(plan, data);
            for (int p = 0; p < plan.planes; p++) {
                int plane = p;
                long t0 = System.nanoTime();
                if (!gridOntoPlane(runner, data, p, support, plan.planes, (lo, hi) -> {
                    if (pair) {
                        gridding.gridPair(plane, lo, hi, visFloat, data.psfFloat, grids[1], grids[0], fft);
                    } else {
                        gridding.gridCompact(plane, lo, hi, visFloat, grids[0], fft);
                    }
                })) {
                    continue;
                }
                long t1 = System.nanoTime();
                screen.moveTo(p);
                long t2 = System.nanoTime();
                fft.transformCompactForImage(runner, grids, g, screen, images);
                long t3 = System.nanoTime();
                timing[0] += t1 - t0;
                timing[1] += t3 - t2;
                timing[2] += t2 - t1;
            }
            long t4 = System.nanoTime();
            GridCorrection correction = new GridCorrection(runner, g, plan, screen.t);
            for (double[] image : images) {
                correction.apply(runner, image);
            }
            timing[3] += System.nanoTime() - t4;
            if (Boolean.getBoolean("tessera.gridder.verbose")) {
                System.err.printf("grid %dx%d (%d data columns) x %d planes, W=%d sigma=%.2f, %d vis, float%s:"
                        + " gridding %.2f s, fft+accumulation %.2f s, screen %.2f s, corrections %.2f s%n",
                        plan.nu, plan.nv, fft.compactWidth(), plan.planes, plan.kernel.support(),
                        plan.kernel.oversampling(), data.count, pair ? ", PSF and dirty in one pass" : "",
                        timing[0] / 1e9, timing[1] / 1e9, timing[2] / 1e9, timing[3] / 1e9);
            }
        }
        return Arrays.stream(out).map(image -> new GriddedImage(image, data.sumWeights)).toArray(GriddedImage[]::new);
    }

    /** Grids {@code visFloat} (single precision, compact float grids) or else {@code visDouble} into an image. */
    private GriddedImage adjoint(WSortedVisibilities data, float[] visFloat, double[] visDouble) {
        ImageGeometry g = settings.geometry();
        if (data.count > 0 && visFloat != null && data.plan.reduced != null) {
            return sumPlanes(data, visFloat, false).toPixels()[0];
        }
        if (visFloat != null) {
            return compactAdjoint(data, visFloat, false)[0];
        }
        Image dirty = new Image(g.width(), g.height());
        if (data.count == 0) {
            return new GriddedImage(dirty, 0);
        }
        WGridPlan plan = data.plan;
        int support = plan.kernel.support();
        try (ParallelRunner runner = new ParallelRunner(settings.threads())) {
            WScreen screen = new WScreen(g, plan);
            PlaneFft fft = PlaneFft.forRun(g, data, true, false, runner.threads());
            double[] grid = new double[2 * plan.nu * plan.nv];
            long[] timing = new long[4];
            PlaneGridding gridding = new PlaneGridding(plan, data);
            for (int p = 0; p < plan.planes; p++) {
                int plane = p;
                long t0 = System.nanoTime();
                if (!gridOntoPlane(runner, data, p, support, plan.planes,
                        (lo, hi) -> gridding.grid(plane, lo, hi, visDouble, grid))) {
                    continue;
                }
                long t1 = System.nanoTime();
                fft.transformForImage(runner, grid);
                long t2 = System.nanoTime();
                screen.moveTo(p);
                PlaneAccumulation.accumulate(runner, g, plan, screen, grid, dirty.pixels);
                long t3 = System.nanoTime();
                timing[0] += t1 - t0;
                timing[1] += t2 - t1;
                timing[2] += t3 - t2;
            }
            long t4 = System.nanoTime();
            new GridCorrection(runner, g, plan, screen.t).apply(runner, dirty.pixels);
            timing[3] += System.nanoTime() - t4;
            if (Boolean.getBoolean("tessera.gridder.verbose")) {
                System.err.printf("grid %dx%d x %d planes, W=%d sigma=%.2f, %d vis, double: gridding %.2f s, fft %.2f s,"
                        + " screen %.2f s, corrections %.2f s%n", plan.nu, plan.nv, plan.planes,
                        plan.kernel.support(), plan.kernel.oversampling(), data.count,
                        timing[0] / 1e9, timing[1] / 1e9, timing[2] / 1e9, timing[3] / 1e9);
            }
        }
        return new GriddedImage(dirty, data.sumWeights);
    }

    /**
     * Single-precision adjoint through the {@link ReducedInversion}, first half: every plane gridded,
     * transformed and summed into coarse images ({@code [psf, dirty]} when {@code pair}, else
     * {@code [dirty]} of {@code visFloat}, the samples' weighted visibilities). The sums no longer need
     * the samples.
     */
    private PlaneSums sumPlanes(WSortedVisibilities data, float[] visFloat, boolean pair) {
        try (ParallelRunner runner = new ParallelRunner(settings.threads())) {
            ReducedInversion inversion = new ReducedInversion(settings.geometry(), data.plan, runner.threads());
            long[] timing = new long[3];
            float[][] coarse = accumulatePlanes(runner, inversion, data, visFloat, pair, timing);
            // the grids and the screen are garbage once the planes are summed: the pixels need the room
            inversion.releaseScreen();
            return new PlaneSums(inversion, data.plan, coarse, data.sumWeights, data.count, pair, timing);
        }
    }

    /** The coarse sums of a reduced adjoint; {@link #toPixels} is its second half. */
    private final class PlaneSums {
        private final ReducedInversion inversion;
        private final WGridPlan plan;
        private final float[][] coarse;
        private final double sumWeights;
        private final int count;
        private final boolean pair;
        private final long[] timing;

        PlaneSums(ReducedInversion inversion, WGridPlan plan, float[][] coarse, double sumWeights, int count,
                  boolean pair, long[] timing) {
            this.inversion = inversion;
            this.plan = plan;
            this.coarse = coarse;
            this.sumWeights = sumWeights;
            this.count = count;
            this.pair = pair;
            this.timing = timing;
        }

        /** Each coarse image resampled to the pixels (and dropped), grid-corrected. */
        GriddedImage[] toPixels() {
            ImageGeometry g = settings.geometry();
            GriddedImage[] out = new GriddedImage[coarse.length];
            try (ParallelRunner runner = new ParallelRunner(settings.threads())) {
                long t2 = System.nanoTime();
                GridCorrection correction = new GridCorrection(runner, g, plan, fineT(g, plan));
                for (int k = 0; k < out.length; k++) {
                    Image image = new Image(g.width(), g.height());
                    inversion.toPixels(runner, coarse[k], image.pixels);
                    coarse[k] = null;
                    correction.apply(runner, image.pixels);
                    out[k] = new GriddedImage(image, sumWeights);
                }
                timing[2] = System.nanoTime() - t2;
            }
            if (Boolean.getBoolean("tessera.gridder.verbose")) {
                String loops = VectorSupport.AVAILABLE && plan.kernel.support() <= VectorPlaneGridding.MAX_SUPPORT
                        ? "SIMD " + VectorSupport.LANES + "-lane" : "scalar";
                System.err.printf("grid %dx%d reduced to %dx%d (%d data columns) x %d planes, W=%d sigma=%.2f,"
                        + " %d vis, float%s, %s gridding, %s FFT: gridding %.2f s, fft+accumulation %.2f s,"
                        + " to pixels %.2f s%n",
                        plan.nu, plan.nv, plan.reduced.mu(), plan.reduced.mv(), 2 * plan.reduced.reachU() + 1,
                        plan.planes, plan.kernel.support(), plan.kernel.oversampling(), count,
                        pair ? ", PSF and dirty in one pass" : "", loops, VectorSupport.BLOCK_FFT ? "SIMD" : "scalar",
                        timing[0] / 1e9, timing[1] / 1e9, timing[2] / 1e9);
            }
            return out;
        }
    }

    /**
     * Grids every plane ({@code [psf, dirty]} when {@code pair}, else the dirty image of
     * {@code visFloat}) and sums the screened transforms into coarse images, one per grid.
     */
    private static float[][] accumulatePlanes(ParallelRunner runner, ReducedInversion inversion,
                                              WSortedVisibilities data, float[] visFloat, boolean pair,
                                              long[] timing) {
        WGridPlan plan = data.plan;
        int support = plan.kernel.support();
        float[] gridVis = new float[inversion.gridLength()];
        float[] gridPsf = pair ? new float[inversion.gridLength()] : null;
        float[][] grids = pair ? new float[][] {gridPsf, gridVis} : new float[][] {gridVis};
        float[][] coarse = new float[grids.length][inversion.imageLength()];
        PlaneGridding gridding = new PlaneGridding(plan, data);
        VectorPlaneGridding simd = VectorSupport.AVAILABLE && support <= VectorPlaneGridding.MAX_SUPPORT
                ? new VectorPlaneGridding(plan, data, inversion) : null;
        for (int p = 0; p < plan.planes; p++) {
            int plane = p;
            long t0 = System.nanoTime();
            if (!gridOntoPlane(runner, data, p, support, plan.planes, (lo, hi) -> {
                if (simd != null && pair) {
                    simd.gridPair(plane, lo, hi, visFloat, data.psfFloat, gridVis, gridPsf);
                } else if (simd != null) {
                    simd.gridSingle(plane, lo, hi, visFloat, gridVis);
                } else if (pair) {
                    gridding.gridPair(plane, lo, hi, visFloat, data.psfFloat, gridVis, gridPsf, inversion);
                } else {
                    gridding.gridCompact(plane, lo, hi, visFloat, gridVis, inversion);
                }
            })) {
                continue;
            }
            long t1 = System.nanoTime();
            inversion.screen().moveTo(p);
            inversion.transformAndAccumulate(runner, grids, coarse);
            timing[0] += t1 - t0;
            timing[1] += System.nanoTime() - t1;
        }
        return coarse;
    }

    /** A run of w-sorted samples [lo, hi) to grid onto the current plane. */
    private interface SampleRun {
        void grid(int lo, int hi);
    }

    /**
     * Grids, band by band, every sample whose w-kernel reaches plane {@code p} (those whose first
     * plane lies in [p - W + 1, p]); returns false, doing nothing, when there are none. Threads take
     * even bands first, then odd ones: a sample writes at most into its own band and the next, so
     * bands of one parity never touch.
     */
    private static boolean gridOntoPlane(ParallelRunner runner, WSortedVisibilities data, int p, int support,
                                         int planes, SampleRun run) {
        return byBands(runner, data, p, support, planes, 2, run);
    }

    /**
     * Degrids from plane {@code p}, band by band, every sample whose w-kernel reaches it. Threads take
     * any band (a sample writes only its own prediction); all of a band's samples run together, so its
     * grid rows stay in cache across their W first planes.
     */
    private static boolean degridFromPlane(ParallelRunner runner, WSortedVisibilities data, int p, int support,
                                           int planes, SampleRun run) {
        return byBands(runner, data, p, support, planes, 1, run);
    }

    /** Runs the samples reaching plane p band by band, threads taking bands {@code stride} apart in turn. */
    private static boolean byBands(ParallelRunner runner, WSortedVisibilities data, int p, int support,
                                   int planes, int stride, SampleRun run) {
        int firstLo = Math.max(0, p - support + 1);
        int firstHi = Math.min(p, planes - support);
        if (data.planeStart[firstLo] >= data.planeStart[firstHi + 1]) {
            return false;
        }
        for (int start = 0; start < stride; start++) {
            AtomicInteger next = new AtomicInteger(start);
            runner.forRange(0, runner.threads(), (thread, a, b) -> {
                for (int band = next.getAndAdd(stride); band < data.bands; band = next.getAndAdd(stride)) {
                    for (int p0 = firstLo; p0 <= firstHi; p0++) {
                        run.grid(data.bandStart[p0 * data.bands + band], data.bandStart[p0 * data.bands + band + 1]);
                    }
                }
            });
        }
        return true;
    }

    /** One read and sort of the source per major cycle, or one for all of them when the samples fit (see {@link SortedMajorCycle}). */
    @Override
    public MajorCycle majorCycle(VisibilitySource source, ImagingWeights weights) {
        return new SortedMajorCycle(this, source, weights);
    }

    /** The samples a major cycle predicts and grids: those of the dirty image, with their weights. */
    WSortedVisibilities residualSamples(VisibilitySource source, ImagingWeights weights) {
        return WSortedVisibilities.build(source, plan(source), settings, weights, WSortedVisibilities.Purpose.RESIDUAL);
    }

    /**
     * The unnormalised residual image of {@code data} (from {@link #residualSamples}) with {@code model}
     * predicted: each sample grids weight * (V - M) exp(+2 pi i w nShift), which is its stored weighted
     * visibility minus weight times the prediction's plane sum (the n shift cancels). Adds the
     * prediction's nanoseconds to {@code predictNanos[0]}.
     */
    GriddedImage residual(Image model, WSortedVisibilities data, long[] predictNanos) {
        settings.geometry().requireSameSize(model);
        if (data.count == 0) {
            return adjoint(data, data.visFloat, data.visDouble);
        }
        if (data.visFloat != null && data.plan.reduced != null) {
            // no frame here holds the differences (nor, in differences, the prediction) once they are used up:
            // the image's pixels need their room
            PlaneSums sums = sumPlanes(data, (float[]) differences(model, data, predictNanos), false);
            return sums.toPixels()[0];
        }
        Object differences = differences(model, data, predictNanos);
        return differences instanceof float[] f ? adjoint(data, f, null) : adjoint(data, null, (double[]) differences);
    }

    /**
     * weight * (V - M) exp(+2 pi i w nShift) of every sample, interleaved: a float[] or a double[] as the stored
     * visibilities.
     */
    private Object differences(Image model, WSortedVisibilities data, long[] predictNanos) {
        long t0 = System.nanoTime();
        double[] accumulated = data.plan.reduced != null ? predictReduced(model, data) : predictFull(model, data);
        predictNanos[0] += System.nanoTime() - t0;
        float[] residualFloat = data.visFloat != null ? new float[2 * data.count] : null;
        double[] residualDouble = data.visFloat != null ? null : new double[2 * data.count];
        try (ParallelRunner runner = new ParallelRunner(settings.threads())) {
            runner.forRange(0, data.count, (thread, a, b) -> {
                for (int i = a; i < b; i++) {
                    if (residualFloat != null) {
                        double w = data.weightFloat[i];
                        residualFloat[2 * i] = (float) (data.visFloat[2 * i] - w * accumulated[2 * i]);
                        residualFloat[2 * i + 1] = (float) (data.visFloat[2 * i + 1] - w * accumulated[2 * i + 1]);
                    } else {
                        double w = data.weightDouble[i];
                        residualDouble[2 * i] = data.visDouble[2 * i] - w * accumulated[2 * i];
                        residualDouble[2 * i + 1] = data.visDouble[2 * i + 1] - w * accumulated[2 * i + 1];
                    }
                }
            });
        }
        return residualFloat != null ? residualFloat : residualDouble;
    }

    @Override
    public double[] predict(Image model, VisibilitySource source) {
        ImageGeometry g = settings.geometry();
        g.requireSameSize(model);
        WSortedVisibilities data = WSortedVisibilities.build(source, plan(source), settings, null,
                WSortedVisibilities.Purpose.PREDICT);
        double[] prediction = new double[2 * (int) data.totalSamples];
        if (data.count > 0) {
            predictInto(model, data, prediction);
        }
        return prediction;
    }

    private void predictInto(Image model, WSortedVisibilities data, double[] prediction) {
        WGridPlan plan = data.plan;
        double[] accumulated = plan.reduced != null ? predictReduced(model, data) : predictFull(model, data);
        // undo the n shift and the conjugation of w < 0 samples, back in source order
        for (int i = 0; i < data.count; i++) {
            int r = data.row[i];
            int pos = data.rows.position(r, data.channel[i]);
            double phase = -2 * Math.PI * WSortedVisibilities.fractionalTurns(
                    data.w(i, data.inverseWavelength(i)) * plan.nShift);
            double cr = Math.cos(phase);
            double ci = Math.sin(phase);
            double re = accumulated[2 * i] * cr - accumulated[2 * i + 1] * ci;
            double im = accumulated[2 * i] * ci + accumulated[2 * i + 1] * cr;
            prediction[2 * pos] = re;
            prediction[2 * pos + 1] = data.rows.conjugated(r) ? -im : im;
        }
    }

    /** Per-sample sums of the full-size prediction, in w-sorted order (before the n shift is undone). */
    private double[] predictFull(Image model, WSortedVisibilities data) {
        ImageGeometry g = settings.geometry();
        WGridPlan plan = data.plan;
        double[] accumulated = new double[2 * data.count];
        try (ParallelRunner runner = new ParallelRunner(settings.threads())) {
            WScreen screen = new WScreen(g, plan);
            double[] corrected = model.pixels.clone();
            new GridCorrection(runner, g, plan, screen.t).apply(runner, corrected);
            PlaneFft fft = PlaneFft.forRun(g, data, false, true, runner.threads());
            double[] grid = new double[2 * plan.nu * plan.nv];
            PlaneGridding gridding = new PlaneGridding(plan, data);
            for (int p = 0; p < plan.planes; p++) {
                if (data.planeStart[Math.max(0, p - plan.kernel.support() + 1)]
                        >= data.planeStart[Math.min(p, plan.planes - plan.kernel.support()) + 1]) {
                    continue;
                }
                screen.moveTo(p);
                fillPlane(runner, g, plan, screen, corrected, grid);
                fft.transformForVisibilities(runner, grid);
                int plane = p;
                degridFromPlane(runner, data, p, plan.kernel.support(), plan.planes,
                        (a, b) -> gridding.degrid(plane, a, b, grid, accumulated));
            }
        }
        return accumulated;
    }

    /** Per-sample sums of the prediction through the {@link ReducedInversion}, single precision. */
    private double[] predictReduced(Image model, WSortedVisibilities data) {
        ImageGeometry g = settings.geometry();
        WGridPlan plan = data.plan;
        try (ParallelRunner runner = new ParallelRunner(settings.threads())) {
            ReducedInversion inversion = new ReducedInversion(g, plan, runner.threads());
            long t0 = System.nanoTime();
            float[] coarse = coarseModel(runner, inversion, plan, model);
            long[] timing = new long[3];
            timing[0] = System.nanoTime() - t0;
            // made after the coarse model, once its full-size temporaries are collected: they never share the heap
            HeapRoom.makeRoomFor(2L * Double.BYTES * data.count);
            double[] accumulated = new double[2 * data.count];
            float[] grid = new float[inversion.gridLength()];
            CompactLayout layout = inversion.predictionLayout();
            PlaneGridding gridding = new PlaneGridding(plan, data);
            VectorPlaneGridding simd = VectorSupport.AVAILABLE && plan.kernel.support() <= VectorPlaneGridding.MAX_SUPPORT
                    ? new VectorPlaneGridding(plan, data, inversion) : null;
            for (int p = 0; p < plan.planes; p++) {
                if (data.planeStart[Math.max(0, p - plan.kernel.support() + 1)]
                        >= data.planeStart[Math.min(p, plan.planes - plan.kernel.support()) + 1]) {
                    continue;
                }
                long t1 = System.nanoTime();
                inversion.screen().moveTo(p);
                inversion.transformForPrediction(runner, coarse, grid);
                long t2 = System.nanoTime();
                int plane = p;
                degridFromPlane(runner, data, p, plan.kernel.support(), plan.planes, (a, b) -> {
                    if (simd != null) {
                        simd.degrid(plane, a, b, grid, accumulated);
                    } else {
                        gridding.degrid(plane, a, b, grid, layout, accumulated);
                    }
                });
                timing[1] += t2 - t1;
                timing[2] += System.nanoTime() - t2;
            }
            if (Boolean.getBoolean("tessera.gridder.verbose")) {
                System.err.printf("predict %dx%d reduced to %dx%d x %d planes, %d vis: model to coarse %.2f s,"
                        + " transforms %.2f s, degridding %.2f s%n", plan.nu, plan.nv, plan.reduced.mu(),
                        plan.reduced.mv(), plan.planes, data.count, timing[0] / 1e9, timing[1] / 1e9, timing[2] / 1e9);
            }
            return accumulated;
        }
    }

    /** The model, grid-corrected, on the inversion's coarse samples. */
    private float[] coarseModel(ParallelRunner runner, ReducedInversion inversion, WGridPlan plan, Image model) {
        ImageGeometry g = settings.geometry();
        float[] coarse = new float[inversion.imageLength()];
        inversion.fromPixels(runner, model.pixels, new GridCorrection(runner, g, plan, fineT(g, plan)), coarse);
        return coarse;
    }

    /**
     * Writes the plane's input grid: H(x, y) = I'(x, y) exp(+2 pi i w_p t) at FFT index
     * (x - width/2) mod nu, (height/2 - y) mod nv, zero elsewhere.
     */
    private static void fillPlane(ParallelRunner runner, ImageGeometry g, WGridPlan plan,
                                  WScreen screen, double[] image, double[] grid) {
        int width = g.width();
        int height = g.height();
        int nu = plan.nu;
        int nv = plan.nv;
        runner.forRange(0, grid.length, (thread, a, b) -> Arrays.fill(grid, a, b, 0));
        runner.forRange(0, height, (thread, y0, y1) -> {
            for (int y = y0; y < y1; y++) {
                int dy = Math.abs(y - height / 2);
                int kv = Math.floorMod(height / 2 - y, nv);
                int rowBase = 2 * kv * nu;
                int screenRow = dy * screen.qx;
                for (int x = 0; x < width; x++) {
                    double value = image[y * width + x];
                    if (value == 0) {
                        continue;
                    }
                    int dx = Math.abs(x - width / 2);
                    int ku = Math.floorMod(x - width / 2, nu);
                    int k = rowBase + 2 * ku;
                    int s = 2 * (screenRow + dx);
                    grid[k] = value * screen.screen[s];
                    grid[k + 1] = -value * screen.screen[s + 1];
                }
            }
        });
    }

    /** t = n - 1 + nShift on the image's quadrant of pixel offsets. */
    private static double[] fineT(ImageGeometry g, WGridPlan plan) {
        return WScreen.quadrant(g.width() / 2 + 1, g.height() / 2 + 1, g.cellRad(), g.cellRad(), plan.nShift);
    }
}
