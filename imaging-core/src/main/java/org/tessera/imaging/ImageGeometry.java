package org.tessera.imaging;

/**
 * Size, pixel scale and phase centre of an image, with the pixel-to-direction-cosine
 * convention of {@code ../shared/docs/imaging-conventions.md}: for 0-based pixel (x, y),
 * {@code l = -(x - width/2) * cell}, {@code m = (y - height/2) * cell} (SIN projection),
 * so l grows toward east (left in the FITS image) and m toward north (up).
 *
 * @param width       pixels along RA (FITS axis 1)
 * @param height      pixels along Dec (FITS axis 2)
 * @param cellRad     pixel size in radians (same on both axes)
 * @param raRad       phase-centre right ascension, radians
 * @param decRad      phase-centre declination, radians
 */
public record ImageGeometry(int width, int height, double cellRad, double raRad, double decRad) {

    /** Refuses a model image of another size than this geometry (a gridder predicts only on its own grid). */
    public void requireSameSize(Image model) {
        if (model.width != width || model.height != height) {
            throw new IllegalArgumentException("model image is " + model.width + "x" + model.height
                    + " but the gridder geometry is " + width + "x" + height);
        }
    }

    public ImageGeometry {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + " x " + height);
        }
        if (!(cellRad > 0) || Double.isInfinite(cellRad)) {
            throw new IllegalArgumentException("pixel scale must be positive, got " + cellRad + " rad");
        }
    }

    /** Direction cosine l of pixel column x. */
    public double l(int x) {
        return -(x - width / 2) * cellRad;
    }

    /** Direction cosine m of pixel row y. */
    public double m(int y) {
        return (y - height / 2) * cellRad;
    }
}
