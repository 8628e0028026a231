package org.tessera.imaging.gridding;

import java.util.function.Consumer;
import org.tessera.imaging.Image;
import org.tessera.imaging.VisibilityChunk;
import org.tessera.imaging.VisibilitySource;
import org.tessera.imaging.weighting.ImagingWeights;

/**
 * Gridding and degridding as the imager and the pipeline use them, whatever runs it (the CPU
 * {@link WGridder} or a GPU one): every implementation grids the same samples with the same plan
 * and kernel, so the images agree to the accuracy epsilon.
 */
public interface Gridder {
    GridderSettings settings();

    /**
     * Adjoint: the weighted sum of visibilities (weights = chunk weight x imaging weight) into an
     * unnormalised image, with the sum of those weights.
     *
     * @param weights imaging weights, null for natural weighting
     * @param psf     treat every visibility as 1 + 0i (point spread function)
     */
    GriddedImage grid(VisibilitySource source, ImagingWeights weights, boolean psf);

    /** The PSF and the dirty image of the same samples: {@code [psf, dirty]}, both unnormalised. */
    default GriddedImage[] gridPsfAndDirty(VisibilitySource source, ImagingWeights weights) {
        return new GriddedImage[] {grid(source, weights, true), grid(source, weights, false)};
    }

    /**
     * Forward, into an array: the model visibilities of every (row, channel) sample of the source,
     * in source order, interleaved (re, im), in double precision. Samples with non-finite uvw or
     * zero weight (never gridded) are predicted as 0.
     */
    double[] predict(Image model, VisibilitySource source);

    /**
     * The major cycles' residual images of {@code source} gridded with {@code weights}: by default the
     * prediction in source order, then the difference gridded ({@link MajorCycle#streaming}).
     */
    default MajorCycle majorCycle(VisibilitySource source, ImagingWeights weights) {
        return MajorCycle.streaming(this, source, weights);
    }

    /**
     * Forward: predicts model visibilities for every chunk of the source and hands each chunk, its
     * {@code vis} overwritten by the prediction, to {@code predicted}.
     */
    default void degrid(Image model, VisibilitySource source, Consumer<VisibilityChunk> predicted) {
        double[] prediction = predict(model, source);
        long[] offset = {0};
        source.forEach(ch -> {
            int n = ch.rows * ch.channels;
            int base = (int) offset[0];
            for (int i = 0; i < n; i++) {
                ch.vis[2 * i] = (float) prediction[2 * (base + i)];
                ch.vis[2 * i + 1] = (float) prediction[2 * (base + i) + 1];
            }
            offset[0] += n;
            predicted.accept(ch);
        });
    }
}
