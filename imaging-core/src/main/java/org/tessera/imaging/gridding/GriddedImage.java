package org.tessera.imaging.gridding;

import org.tessera.imaging.Image;

/**
 * An unnormalised dirty image (or PSF) and the sum of the imaging weights that made it, so that
 * partial images of data partitions can be summed and normalised once.
 */
public record GriddedImage(Image image, double sumWeights) {
    /** This image divided by its sum of weights (a copy). */
    public Image normalised() {
        Image out = image.copy();
        if (sumWeights != 0) {
            out.scale(1 / sumWeights);
        }
        return out;
    }

    /**
     * This image divided by its sum of weights in place, for a caller that drops this record: a
     * 4096² image is 134 MB, and a copy of each of the PSF and dirty image would double that.
     */
    public Image normalisedInPlace() {
        if (sumWeights != 0) {
            image.scale(1 / sumWeights);
        }
        return image;
    }

    /** Sum of two partial results of the same geometry. */
    public GriddedImage plus(GriddedImage other) {
        Image sum = image.copy();
        sum.add(other.image);
        return new GriddedImage(sum, sumWeights + other.sumWeights);
    }
}
