package org.tessera.imaging.deconvolution;

import org.tessera.imaging.Image;

/** The major cycle: predicts the model's visibilities, subtracts them and images the residual. */
@FunctionalInterface
public interface ResidualPredictor {
    /** Residual image (same size and normalisation as the dirty image) for the given model in Jy/pixel. */
    Image residual(Image model);
}
