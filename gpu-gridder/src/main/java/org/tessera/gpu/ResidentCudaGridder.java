package org.tessera.gpu;

import java.util.List;
import java.util.Map;
import org.tessera.imaging.Image;
import org.tessera.imaging.ImageGeometry;
import org.tessera.imaging.VisibilitySource;
import org.tessera.imaging.gridding.GriddedImage;
import org.tessera.imaging.gridding.Gridder;
import org.tessera.imaging.gridding.GridderSettings;
import org.tessera.imaging.gridding.WGridPlan;
import org.tessera.imaging.gridding.WRange;
import org.tessera.imaging.gridding.WSortedVisibilities;
import org.tessera.imaging.weighting.ImagingWeights;

/**
 * The w-stacking gridder of WGridder (same samples, plan, kernel, epsilon) with everything on the
 * device ({@link DeviceRun}): samples up once, sorted there, per plane tiled gridding, the pruned
 * Stockham FFT and the w-screen, the dirty image accumulated there. The CUDA context and modules
 * are the process's ({@link CudaSession}). Grid lines must fit in a block's shared memory (the
 * device says how much; about 14 000 points in float on Hopper), else the call fails (and
 * {@link CpuFallbackGridder} reruns it on the CPU).
 */
public final class ResidentCudaGridder implements Gridder {
    private final GridderSettings settings;
    private final WRange range;
    private final ResidentPlanes.Factory device;
    private volatile Map<DeviceRun.Phase, Float> lastMillis = Map.of();

    /** On the process's CUDA device. */
    public ResidentCudaGridder(GridderSettings settings, WRange range) {
        this(settings, range, (layout, samples, planes) -> new DeviceRun(CudaSession.shared(), layout, samples, planes));
    }

    /** On the given device (the Java emulation in tests). */
    ResidentCudaGridder(GridderSettings settings, WRange range, ResidentPlanes.Factory device) {
        this.settings = settings;
        this.range = range;
        this.device = device;
    }

    @Override
    public GridderSettings settings() {
        return settings;
    }

    /** Device milliseconds per phase of the last call (kernels, uploads and downloads timed by events). */
    public Map<DeviceRun.Phase, Float> lastMillis() {
        return lastMillis;
    }

    @Override
    public GriddedImage grid(VisibilitySource source, ImagingWeights weights, boolean psf) {
        ImageGeometry g = settings.geometry();
        WGridPlan plan = plan(source);
        WSortedVisibilities in = WSortedVisibilities.forImage(source, plan, settings, weights, psf);
        Image dirty = new Image(g.width(), g.height());
        if (in.count() == 0) {
            return new GriddedImage(dirty, 0);
        }
        PlaneLayout layout = layout(plan);
        PackedSamples samples = PackedSamples.pack(in, layout.precision(), true);
        synchronized (ResidentCudaGridder.class) {
            try (ResidentPlanes run = device.open(layout, samples, plan.planes())) {
                for (int p : GpuWGridder.activePlanes(in)) {
                    run.accumulatePlane(p, plan.planeW(p));
                }
                System.arraycopy(run.dirty(), 0, dirty.pixels, 0, dirty.pixels.length);
                lastMillis = run.millis();
            }
        }
        layout.quadrant().correct(g, plan, dirty.pixels);
        return new GriddedImage(dirty, in.sumWeights());
    }

    /**
     * PSF and dirty image of the same samples in one device run: the samples are uploaded and
     * sorted once; only the visibilities are replaced between the two plane loops.
     */
    @Override
    public GriddedImage[] gridPsfAndDirty(VisibilitySource source, ImagingWeights weights) {
        ImageGeometry g = settings.geometry();
        WGridPlan plan = plan(source);
        WSortedVisibilities dirtyIn = WSortedVisibilities.forImage(source, plan, settings, weights, false);
        WSortedVisibilities psfIn = WSortedVisibilities.forImage(source, plan, settings, weights, true);
        PlaneLayout layout = layout(plan);
        PackedSamples dirtySamples = PackedSamples.pack(dirtyIn, layout.precision(), true);
        PackedSamples psfSamples = PackedSamples.pack(psfIn, layout.precision(), true);
        if (dirtyIn.count() == 0 || !sameTaps(dirtySamples, psfSamples)) {
            return Gridder.super.gridPsfAndDirty(source, weights);
        }
        Image psf = new Image(g.width(), g.height());
        Image dirty = new Image(g.width(), g.height());
        synchronized (ResidentCudaGridder.class) {
            try (ResidentPlanes run = device.open(layout, psfSamples, plan.planes())) {
                List<Integer> planes = GpuWGridder.activePlanes(psfIn);
                for (int p : planes) {
                    run.accumulatePlane(p, plan.planeW(p));
                }
                System.arraycopy(run.dirty(), 0, psf.pixels, 0, psf.pixels.length);
                run.replaceVisibilities(dirtySamples);
                for (int p : planes) {
                    run.accumulatePlane(p, plan.planeW(p));
                }
                System.arraycopy(run.dirty(), 0, dirty.pixels, 0, dirty.pixels.length);
                lastMillis = run.millis();
            }
        }
        layout.quadrant().correct(g, plan, psf.pixels);
        layout.quadrant().correct(g, plan, dirty.pixels);
        return new GriddedImage[] {new GriddedImage(psf, psfIn.sumWeights()), new GriddedImage(dirty, dirtyIn.sumWeights())};
    }

    /** Whether two packings hold the same samples in the same order (taps and local coordinates). */
    static boolean sameTaps(PackedSamples a, PackedSamples b) {
        if (a.count != b.count) {
            return false;
        }
        for (int i = 0; i < a.count; i++) {
            for (int k = 0; k < 3; k++) {
                if (a.idx(i, k) != b.idx(i, k) || a.val(i, k) != b.val(i, k)) {
                    return false;
                }
            }
        }
        return true;
    }

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
        PlaneLayout layout = layout(plan);
        PackedSamples samples = PackedSamples.pack(in, layout.precision(), false);
        double[] corrected = model.pixels.clone();
        layout.quadrant().correct(g, plan, corrected);
        double[] accumulated;
        synchronized (ResidentCudaGridder.class) {
            try (ResidentPlanes run = device.open(layout, samples, plan.planes())) {
                run.loadModel(corrected);
                for (int p : GpuWGridder.activePlanes(in)) {
                    run.predictPlane(p, plan.planeW(p));
                }
                accumulated = run.predictions();
                lastMillis = run.millis();
            }
        }
        GpuWGridder.undoShift(in, accumulated, prediction);
        return prediction;
    }

    private WGridPlan plan(VisibilitySource source) {
        return WGridPlan.forRange(settings, range != null ? range : WRange.of(source));
    }

    private PlaneLayout layout(WGridPlan plan) {
        ImageGeometry g = settings.geometry();
        return PlaneLayout.of(g, plan.gridWidth(), plan.gridHeight(), new ScreenQuadrant(g, plan.nShift()),
                new KernelCoefficients(plan.kernel()), Precision.of(settings.singlePrecision()));
    }
}
