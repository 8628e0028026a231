package org.tessera.imaging.gridding;

import org.tessera.imaging.Image;
import org.tessera.imaging.VisibilitySource;
import org.tessera.imaging.weighting.ImagingWeights;

/**
 * Normalised dirty image and PSF: divided by the sum of the imaging weights, so that under
 * natural weighting a 1 Jy point source at the phase centre peaks at 1.0, as does the PSF.
 */
public final class DirtyImaging {
    private DirtyImaging() {
    }

    /** Dirty image divided by the sum of weights (null weights = natural). */
    public static Image dirty(WGridder gridder, VisibilitySource source, ImagingWeights weights) {
        return gridder.grid(source, weights, false).normalised();
    }

    /** Point spread function (every visibility 1 + 0i) divided by the sum of weights. */
    public static Image psf(WGridder gridder, VisibilitySource source, ImagingWeights weights) {
        return gridder.grid(source, weights, true).normalised();
    }
}
