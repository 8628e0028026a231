package org.tessera.imaging.gridding;

import org.tessera.imaging.HeapRoom;
import org.tessera.imaging.Image;
import org.tessera.imaging.ParkedArrays;
import org.tessera.imaging.VisibilitySource;
import org.tessera.imaging.weighting.ImagingWeights;

/**
 * The CPU gridder's major cycle: one read and w-sort of the source gives the samples that the
 * model is predicted at and the residual is gridded from, in the same order. The sorted samples
 * are kept for the next cycle when they take at most {@link #KEPT_HEAP_FRACTION} of the heap; else
 * they are dropped after each cycle and read again, so memory stays what one cycle needs. Between
 * cycles, while the minor cycle runs, large kept samples wait in a temporary file
 * ({@link ParkedArrays}) instead of the heap: WSClean too keeps its reordered visibilities on disk.
 */
final class SortedMajorCycle implements MajorCycle {
    /** Share of the maximum heap the kept samples may take (the minor cycle's PSF convolution needs the rest). */
    static final double KEPT_HEAP_FRACTION = 0.25;

    private final WGridder gridder;
    private final VisibilitySource source;
    private final ImagingWeights weights;
    /** Kept samples of at least this many bytes are parked between cycles. */
    private final long parkBytes;
    /** The kept samples, or their shell while {@link #parked} holds their arrays; null: read the source again. */
    private WSortedVisibilities kept;
    private ParkedArrays parked;
    private final long[] predictNanos = {0};

    SortedMajorCycle(WGridder gridder, VisibilitySource source, ImagingWeights weights) {
        this(gridder, source, weights, ParkedArrays.MIN_BYTES);
    }

    SortedMajorCycle(WGridder gridder, VisibilitySource source, ImagingWeights weights, long parkBytes) {
        this.gridder = gridder;
        this.source = source;
        this.weights = weights;
        this.parkBytes = parkBytes;
    }

    @Override
    public GriddedImage residual(Image model) {
        WSortedVisibilities data = kept != null ? unpark() : gridder.residualSamples(source, weights);
        long bytes = data.bytes();
        kept = null;
        GriddedImage residual = gridder.residual(model, data, predictNanos);
        if (bytes <= KEPT_HEAP_FRACTION * Runtime.getRuntime().maxMemory()) {
            kept = bytes >= parkBytes ? park(data) : data;
        }
        if (kept != data) {
            data = null;
            // the samples and the cycle's arrays are garbage now: the minor cycle needs their room
            HeapRoom.makeRoomFor(bytes);
        }
        return residual;
    }

    private WSortedVisibilities park(WSortedVisibilities data) {
        parked = new ParkedArrays();
        return data.parkIn(parked);
    }

    private WSortedVisibilities unpark() {
        if (parked == null) {
            return kept;
        }
        try {
            return kept.unparkFrom(parked);
        } finally {
            parked.close();
            parked = null;
        }
    }

    @Override
    public double predictSeconds() {
        return predictNanos[0] / 1e9;
    }
}
