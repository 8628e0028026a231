package org.tessera.imaging.gridding;

import org.tessera.imaging.Image;
import org.tessera.imaging.VisibilitySource;
import org.tessera.imaging.weighting.ImagingWeights;

/**
 * The CPU gridder's major cycle: one read and w-sort of the source gives the samples that the
 * model is predicted at and the residual is gridded from, in the same order. The sorted samples
 * are kept for the next cycle when they take at most {@link #KEPT_HEAP_FRACTION} of the heap; else
 * they are dropped after each cycle and read again, so memory stays what one cycle needs.
 */
final class SortedMajorCycle implements MajorCycle {
    /** Share of the maximum heap the kept samples may take (the minor cycle's PSF convolution needs the rest). */
    static final double KEPT_HEAP_FRACTION = 0.25;

    private final WGridder gridder;
    private final VisibilitySource source;
    private final ImagingWeights weights;
    private WSortedVisibilities kept;
    private final long[] predictNanos = {0};

    SortedMajorCycle(WGridder gridder, VisibilitySource source, ImagingWeights weights) {
        this.gridder = gridder;
        this.source = source;
        this.weights = weights;
    }

    @Override
    public GriddedImage residual(Image model) {
        WSortedVisibilities data = kept != null ? kept : gridder.residualSamples(source, weights);
        kept = data.bytes() <= KEPT_HEAP_FRACTION * Runtime.getRuntime().maxMemory() ? data : null;
        return gridder.residual(model, data, predictNanos);
    }

    @Override
    public double predictSeconds() {
        return predictNanos[0] / 1e9;
    }
}
