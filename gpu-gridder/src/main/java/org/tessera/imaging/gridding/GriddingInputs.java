package org.tessera.imaging.gridding;

import org.tessera.imaging.VisibilitySource;
import org.tessera.imaging.weighting.ImagingWeights;

/**
 * Read-only view, for the GPU gridder (module gpu-gridder, same package on the classpath), of the
 * w-sorted samples and the plan that {@link WGridder} builds: the GPU path grids exactly the samples,
 * planes and kernel of the CPU path. The CPU path keeps a sample as (row, channel); the grid
 * coordinates, which the GPU packs, are computed here once.
 */
public final class GriddingInputs {
    private final WSortedVisibilities data;
    private final double[] uc;
    private final double[] vc;
    private final double[] wc;

    private GriddingInputs(WSortedVisibilities data) {
        this.data = data;
        uc = new double[data.count];
        vc = new double[data.count];
        wc = new double[data.count];
        for (int i = 0; i < data.count; i++) {
            double f = data.inverseWavelength(i);
            uc[i] = data.uc(i, f);
            vc[i] = data.vc(i, f);
            wc[i] = data.wc(i, f);
        }
    }

    /**
     * Samples for a dirty image (psf = false) or PSF, weighted as {@link WGridder#grid}, on the plan of
     * {@code range} (null: the source's own range), as {@link WGridder#WGridder(GridderSettings, WRange)}.
     */
    public static GriddingInputs forImage(VisibilitySource source, GridderSettings settings,
                                          ImagingWeights weights, boolean psf, WRange range) {
        return new GriddingInputs(WSortedVisibilities.build(source, plan(source, settings, range),
                settings, weights, psf ? WSortedVisibilities.Purpose.PSF : WSortedVisibilities.Purpose.DIRTY));
    }

    /** Samples to predict, as {@link WGridder#predict}, on the plan of {@code range} (null: the source's own). */
    public static GriddingInputs forPrediction(VisibilitySource source, GridderSettings settings, WRange range) {
        return new GriddingInputs(WSortedVisibilities.build(source, plan(source, settings, range),
                settings, null, WSortedVisibilities.Purpose.PREDICT));
    }

    private static WGridPlan plan(VisibilitySource source, GridderSettings settings, WRange range) {
        return WGridPlan.forRange(settings, range != null ? range : WRange.of(source));
    }

    public EsKernel kernel() {
        return data.plan.kernel;
    }

    public int nu() {
        return data.plan.nu;
    }

    public int nv() {
        return data.plan.nv;
    }

    public int planes() {
        return data.plan.planes;
    }

    public double w0() {
        return data.plan.w0;
    }

    public double dw() {
        return data.plan.dw;
    }

    public double nShift() {
        return data.plan.nShift;
    }

    public int count() {
        return data.count;
    }

    /** Sample coordinates in grid cells (u, v) and planes (w); do not modify. */
    public double[] uc() {
        return uc;
    }

    public double[] vc() {
        return vc;
    }

    public double[] wc() {
        return wc;
    }

    /** Weighted, shift-corrected visibility of sample i (real part). */
    public double visRe(int i) {
        return data.visDouble != null ? data.visDouble[2 * i] : data.visFloat[2 * i];
    }

    public double visIm(int i) {
        return data.visDouble != null ? data.visDouble[2 * i + 1] : data.visFloat[2 * i + 1];
    }

    /** First sample of each first-plane bucket; {@code planeStart()[planes]} = count. */
    public int[] planeStart() {
        return data.planeStart;
    }

    /** Position in source order of a PREDICT sample, ~pos if it was conjugated. */
    public int origin(int i) {
        int r = data.row[i];
        int pos = data.rows.position(r, data.channel[i]);
        return data.rows.conjugated(r) ? ~pos : pos;
    }

    public long totalSamples() {
        return data.totalSamples;
    }

    public double sumWeights() {
        return data.sumWeights;
    }

    public double maxUDistance() {
        return data.maxUDistance;
    }

    /** First plane touched by a sample at plane coordinate wc, as the CPU gridder computes it. */
    public int firstPlane(double wc) {
        return WSortedVisibilities.firstPlaneOf(data.plan, wc, data.plan.kernel.support());
    }

    /** First u or v tap of a sample at grid coordinate c, as the CPU gridder computes it. */
    public static int firstTap(double c, int support) {
        return EsKernel.firstTap(c, support);
    }

    /** The CPU kernel's W tap values at local position of c (for comparisons in tests). */
    public static void taps(EsKernel kernel, double c, int first, double[] out) {
        kernel.taps(c, first, out);
    }
}
