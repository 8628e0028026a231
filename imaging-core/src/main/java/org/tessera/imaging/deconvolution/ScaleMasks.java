package org.tessera.imaging.deconvolution;

import org.tessera.imaging.Image;

/**
 * WSClean's per-scale auto-masks of a multiscale run: for each scale (by its index in the minor cycle's scale list),
 * the pixels where components of that scale were centred. While cleaning down to the auto-mask level the minor cycles
 * add their components' centres; from that level on, each scale's sub-minor loops stay inside that scale's own mask.
 * Kept as one image whose pixel value holds one bit per scale, so that the services store it as they store a model.
 */
public final class ScaleMasks {
    /** A double holds integers exactly up to 2^53. */
    static final int MAX_SCALES = 53;

    private final Image flags;

    private ScaleMasks(Image flags) {
        this.flags = flags;
    }

    /** No component centred anywhere yet. */
    public static ScaleMasks empty(int width, int height) {
        return new ScaleMasks(new Image(width, height));
    }

    /** The masks as {@link #image()} gave them. */
    public static ScaleMasks of(Image flags) {
        return new ScaleMasks(flags.copy());
    }

    /** The masks as an image of per-pixel scale bits (bit s: scale s has a component centred there). */
    public Image image() {
        return flags.copy();
    }

    public int width() {
        return flags.width;
    }

    public int height() {
        return flags.height;
    }

    /** A component of scale {@code scale} is centred on pixel (x, y). */
    void add(int scale, int x, int y) {
        if (scale < 0 || scale >= MAX_SCALES) {
            throw new IllegalArgumentException("per-scale auto-masks hold at most " + MAX_SCALES + " scales");
        }
        int i = y * flags.width + x;
        flags.pixels[i] = (double) ((long) flags.pixels[i] | 1L << scale);
    }

    /** Adds every centre {@code other} holds. */
    public void addAll(ScaleMasks other) {
        if (other.flags.width != flags.width || other.flags.height != flags.height) {
            throw new IllegalArgumentException("per-scale auto-masks of " + other.flags.width + "×"
                    + other.flags.height + " pixels cannot join " + flags.width + "×" + flags.height);
        }
        for (int i = 0; i < flags.pixels.length; i++) {
            flags.pixels[i] = (double) ((long) flags.pixels[i] | (long) other.flags.pixels[i]);
        }
    }

    /** Whether a component of scale {@code scale} is centred on pixel index {@code i}. */
    public boolean holds(int scale, int i) {
        return ((long) flags.pixels[i] >>> scale & 1L) != 0;
    }

    /** Pixels where components of {@code scale} are centred. */
    public long count(int scale) {
        long n = 0;
        for (int i = 0; i < flags.pixels.length; i++) {
            n += holds(scale, i) ? 1 : 0;
        }
        return n;
    }

    /** Scale {@code scale}'s mask: where its components are centred. */
    CleanMask mask(int scale) {
        Image m = new Image(flags.width, flags.height);
        for (int i = 0; i < m.pixels.length; i++) {
            m.pixels[i] = holds(scale, i) ? 1 : 0;
        }
        return CleanMask.of(m);
    }
}
