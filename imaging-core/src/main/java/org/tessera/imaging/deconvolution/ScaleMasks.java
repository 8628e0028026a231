package org.tessera.imaging.deconvolution;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.tessera.imaging.Image;

/**
 * WSClean's per-scale auto-masks of a multiscale run: for each scale (by its index in the minor cycle's scale list),
 * the pixels where components of that scale were centred. While cleaning down to the auto-mask level the minor cycles
 * add their components' centres; from that level on, each scale's sub-minor loops stay inside that scale's own mask.
 * One bit per pixel and scale in memory; stored as one image whose pixel value holds a bit per scale, so that the
 * services keep it as they keep a model.
 */
public final class ScaleMasks {
    /** A double holds integers exactly up to 2^53. */
    static final int MAX_SCALES = 53;

    private final int width;
    private final int height;
    /** Per scale, the pixels (y × width + x) where its components are centred; null while it has none. */
    private final List<BitSet> centres = new ArrayList<>();

    private ScaleMasks(int width, int height) {
        this.width = width;
        this.height = height;
    }

    /** No component centred anywhere yet. */
    public static ScaleMasks empty(int width, int height) {
        return new ScaleMasks(width, height);
    }

    /** The masks as {@link #image()} gave them. */
    public static ScaleMasks of(Image flags) {
        ScaleMasks masks = new ScaleMasks(flags.width, flags.height);
        for (int i = 0; i < flags.pixels.length; i++) {
            long bits = (long) flags.pixels[i];
            while (bits != 0) {
                int scale = Long.numberOfTrailingZeros(bits);
                masks.scale(scale).set(i);
                bits &= bits - 1;
            }
        }
        return masks;
    }

    /** The masks as an image of per-pixel scale bits (bit s: scale s has a component centred there). */
    public Image image() {
        Image flags = new Image(width, height);
        for (int s = 0; s < centres.size(); s++) {
            BitSet b = centres.get(s);
            if (b != null) {
                for (int i = b.nextSetBit(0); i >= 0; i = b.nextSetBit(i + 1)) {
                    flags.pixels[i] = (double) ((long) flags.pixels[i] | 1L << s);
                }
            }
        }
        return flags;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    private BitSet scale(int scale) {
        if (scale < 0 || scale >= MAX_SCALES) {
            throw new IllegalArgumentException("per-scale auto-masks hold at most " + MAX_SCALES + " scales");
        }
        while (centres.size() <= scale) {
            centres.add(null);
        }
        if (centres.get(scale) == null) {
            centres.set(scale, new BitSet());
        }
        return centres.get(scale);
    }

    /** A component of scale {@code scale} is centred on pixel (x, y). */
    void add(int scale, int x, int y) {
        scale(scale).set(y * width + x);
    }

    /** Adds every centre {@code other} holds. */
    public void addAll(ScaleMasks other) {
        if (other.width != width || other.height != height) {
            throw new IllegalArgumentException("per-scale auto-masks of " + other.width + "×" + other.height
                    + " pixels cannot join " + width + "×" + height);
        }
        for (int s = 0; s < other.centres.size(); s++) {
            if (other.centres.get(s) != null) {
                scale(s).or(other.centres.get(s));
            }
        }
    }

    /** Whether a component of scale {@code scale} is centred on pixel index {@code i}. */
    public boolean holds(int scale, int i) {
        return scale < centres.size() && centres.get(scale) != null && centres.get(scale).get(i);
    }

    /** Pixels where components of {@code scale} are centred. */
    public long count(int scale) {
        return scale < centres.size() && centres.get(scale) != null ? centres.get(scale).cardinality() : 0;
    }

    /** Scale {@code scale}'s mask: where its components are centred. */
    CleanMask mask(int scale) {
        boolean[] allowed = new boolean[width * height];
        if (scale < centres.size() && centres.get(scale) != null) {
            BitSet b = centres.get(scale);
            for (int i = b.nextSetBit(0); i >= 0; i = b.nextSetBit(i + 1)) {
                allowed[i] = true;
            }
        }
        return CleanMask.of(width, height, allowed);
    }
}
