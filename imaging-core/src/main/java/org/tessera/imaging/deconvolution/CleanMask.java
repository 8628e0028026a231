package org.tessera.imaging.deconvolution;

import org.tessera.imaging.Image;

/**
 * Where the minor cycle may place components: a user's mask ({@code -fits-mask}, nonzero means "clean here"),
 * the auto-mask of the components found so far, or both. Immutable.
 */
public final class CleanMask {
    public final int width;
    public final int height;
    private final boolean[] allowed;
    private final long count;

    private CleanMask(int width, int height, boolean[] allowed) {
        this.width = width;
        this.height = height;
        this.allowed = allowed;
        long n = 0;
        for (boolean a : allowed) {
            n += a ? 1 : 0;
        }
        this.count = n;
    }

    /** Nonzero (and not NaN) pixels are inside. */
    public static CleanMask of(Image image) {
        boolean[] a = new boolean[image.pixels.length];
        for (int i = 0; i < a.length; i++) {
            double v = image.pixels[i];
            a[i] = v != 0 && !Double.isNaN(v);
        }
        return new CleanMask(image.width, image.height, a);
    }

    /** The pixels whose entry (y × width + x) is true; the array is kept. */
    static CleanMask of(int width, int height, boolean[] allowed) {
        if (allowed.length != width * height) {
            throw new IllegalArgumentException(allowed.length + " pixels for a " + width + "×" + height + " mask");
        }
        return new CleanMask(width, height, allowed);
    }

    /** Pixels inside both masks; either may be null (no restriction). */
    public static CleanMask both(CleanMask a, CleanMask b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        boolean[] and = new boolean[a.allowed.length];
        for (int i = 0; i < and.length; i++) {
            and[i] = a.allowed[i] && b.allowed[i];
        }
        return new CleanMask(a.width, a.height, and);
    }

    public boolean allows(int index) {
        return allowed[index];
    }

    public boolean allows(int x, int y) {
        return allowed[y * width + x];
    }

    /** Pixels inside. */
    public long count() {
        return count;
    }

    /** The mask as an image of ones and zeros (for the services' object store). */
    public Image toImage() {
        Image m = new Image(width, height);
        for (int i = 0; i < allowed.length; i++) {
            m.pixels[i] = allowed[i] ? 1 : 0;
        }
        return m;
    }
}
