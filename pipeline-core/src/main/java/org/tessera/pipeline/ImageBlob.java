package org.tessera.pipeline;

import org.tessera.imaging.Image;
import org.tessera.imaging.gridding.GriddedImage;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

/**
 * An image and its sum of weights as one small binary object: partial grids from gridders,
 * gathered images, models. Doubles are written as they are, so a round trip is exact; partial
 * images travel as float32 ({@link #toFloatBytes}: half the bytes, within the gridder's own float
 * rounding), and the gather adds them into a sum in double ({@link #addInto}).
 */
public final class ImageBlob {
    private static final int MAGIC = 0x54494d47; // "TIMG"
    private static final int MAGIC_FLOAT = 0x54494d46; // "TIMF"
    private static final int HEADER = 20;

    private ImageBlob() {
    }

    public static byte[] toBytes(Image image, double sumWeights) {
        ByteBuffer b = header(MAGIC, image, sumWeights, 8);
        b.asDoubleBuffer().put(image.pixels);
        return b.array();
    }

    public static byte[] toBytes(GriddedImage g) {
        return toBytes(g.image(), g.sumWeights());
    }

    /** A partial image as float32 pixels with its sum of weights in double. */
    public static byte[] toFloatBytes(GriddedImage g) {
        Image image = g.image();
        ByteBuffer b = header(MAGIC_FLOAT, image, g.sumWeights(), 4);
        FloatBuffer f = b.asFloatBuffer();
        for (double v : image.pixels) {
            f.put((float) v);
        }
        return b.array();
    }

    private static ByteBuffer header(int magic, Image image, double sumWeights, int bytesPerPixel) {
        ByteBuffer b = ByteBuffer.allocate(HEADER + bytesPerPixel * image.pixels.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(magic).putInt(image.width).putInt(image.height).putDouble(sumWeights);
        return b;
    }

    public static GriddedImage fromBytes(byte[] bytes) {
        ByteBuffer b = read(bytes);
        int w = b.getInt();
        int h = b.getInt();
        double sumWeights = b.getDouble();
        double[] pixels = new double[w * h];
        addPixels(bytes, b, pixels);
        return new GriddedImage(new Image(w, h, pixels), sumWeights);
    }

    /**
     * Adds the object's pixels (double or float32) into {@code sum}, of the same size, without a
     * decoded copy; returns the object's sum of weights.
     */
    public static double addInto(byte[] bytes, Image sum) {
        ByteBuffer b = read(bytes);
        int w = b.getInt();
        int h = b.getInt();
        if (w != sum.width || h != sum.height) {
            throw new IllegalArgumentException("image object is " + w + "x" + h + ", the sum " + sum.width + "x"
                    + sum.height);
        }
        double sumWeights = b.getDouble();
        addPixels(bytes, b, sum.pixels);
        return sumWeights;
    }

    /** Width and height of an image object. */
    public static int[] size(byte[] bytes) {
        ByteBuffer b = read(bytes);
        return new int[] {b.getInt(), b.getInt()};
    }

    private static ByteBuffer read(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int magic = bytes.length < HEADER ? 0 : b.getInt();
        if (magic != MAGIC && magic != MAGIC_FLOAT) {
            throw new IllegalArgumentException("not an image object");
        }
        return b;
    }

    private static void addPixels(byte[] bytes, ByteBuffer b, double[] sum) {
        boolean single = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt() == MAGIC_FLOAT;
        if (bytes.length != HEADER + (single ? 4L : 8L) * sum.length) {
            throw new IllegalArgumentException("image object has " + bytes.length + " bytes, not "
                    + (HEADER + (single ? 4L : 8L) * sum.length));
        }
        if (single) {
            FloatBuffer f = b.asFloatBuffer();
            for (int i = 0; i < sum.length; i++) {
                sum[i] += f.get(i);
            }
        } else {
            DoubleBuffer d = b.asDoubleBuffer();
            for (int i = 0; i < sum.length; i++) {
                sum[i] += d.get(i);
            }
        }
    }

    public static Image image(byte[] bytes) {
        return fromBytes(bytes).image();
    }
}
