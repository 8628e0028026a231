package org.tessera.imaging.gridding;

import org.tessera.imaging.Image;
import org.tessera.imaging.ResidualVisibilities;
import org.tessera.imaging.VisibilitySource;
import org.tessera.imaging.weighting.ImagingWeights;

/**
 * The major cycle's gridding of one source with fixed imaging weights: the residual image of the
 * observed visibilities minus a model's prediction, cycle after cycle.
 */
public interface MajorCycle {
    /** The unnormalised residual image with {@code model}'s visibilities predicted and subtracted. */
    GriddedImage residual(Image model);

    /** Seconds all residuals so far spent predicting the model's visibilities. */
    double predictSeconds();

    /** Predict into an array in source order, then grid the difference: two reads of the source per cycle. */
    static MajorCycle streaming(Gridder gridder, VisibilitySource source, ImagingWeights weights) {
        return new MajorCycle() {
            private long predictNanos;

            @Override
            public GriddedImage residual(Image model) {
                long t0 = System.nanoTime();
                double[] predicted = gridder.predict(model, source);
                predictNanos += System.nanoTime() - t0;
                return gridder.grid(new ResidualVisibilities(source, predicted), weights, false);
            }

            @Override
            public double predictSeconds() {
                return predictNanos / 1e9;
            }
        };
    }
}
