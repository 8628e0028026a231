package org.tessera.imaging;

import java.util.Arrays;

/**
 * A single-plane image in double precision. Pixel (x, y) is at {@code pixels[y*width + x]},
 * x along RA (FITS axis 1), y along Dec (FITS axis 2), as in FITS storage order.
 */
public final class Image {
    public final int width;
    public final int height;
    public final double[] pixels;

    public Image(int width, int height) {
        this(width, height, new double[Math.multiplyExact(width, height)]);
    }

    public Image(int width, int height, double[] pixels) {
        if (pixels.length != (long) width * height) {
            throw new IllegalArgumentException("pixel array does not match " + width + " x " + height);
        }
        this.width = width;
        this.height = height;
        this.pixels = pixels;
    }

    public double get(int x, int y) {
        return pixels[y * width + x];
    }

    public void set(int x, int y, double value) {
        pixels[y * width + x] = value;
    }

    public Image copy() {
        return new Image(width, height, pixels.clone());
    }

    /** Largest absolute pixel value. */
    public double maxAbs() {
        double m = 0;
        for (double p : pixels) {
            m = Math.max(m, Math.abs(p));
        }
        return m;
    }

    /** Adds {@code other} pixel by pixel (used to merge partial images from partitions). */
    /** Sum of the pixels (a model's total flux, Jy). */
    public double sum() {
        double s = 0;
        for (double p : pixels) {
            s += p;
        }
        return s;
    }

    public void add(Image other) {
        if (other.width != width || other.height != height) {
            throw new IllegalArgumentException("cannot add images of different sizes");
        }
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] += other.pixels[i];
        }
    }

    public void scale(double factor) {
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] *= factor;
        }
    }

    public void fill(double value) {
        Arrays.fill(pixels, value);
    }
}
