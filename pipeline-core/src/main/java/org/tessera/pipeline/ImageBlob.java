package org.tessera.pipeline;

import org.tessera.imaging.Image;
import org.tessera.imaging.gridding.GriddedImage;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * An image and its sum of weights as one small binary object: partial grids from gridders,
 * gathered images, models. Doubles are written as they are, so a round trip is exact.
 */
public final class ImageBlob {
    private static final int MAGIC = 0x54494d47; // "TIMG"

    private ImageBlob() {
    }

    public static byte[] toBytes(Image image, double sumWeights) {
        ByteBuffer b = ByteBuffer.allocate(20 + 8 * image.pixels.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(MAGIC).putInt(image.width).putInt(image.height).putDouble(sumWeights);
        b.asDoubleBuffer().put(image.pixels);
        return b.array();
    }

    public static byte[] toBytes(GriddedImage g) {
        return toBytes(g.image(), g.sumWeights());
    }

    public static GriddedImage fromBytes(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 20 || b.getInt() != MAGIC) {
            throw new IllegalArgumentException("not an image object");
        }
        int w = b.getInt();
        int h = b.getInt();
        double sumWeights = b.getDouble();
        double[] pixels = new double[w * h];
        b.asDoubleBuffer().get(pixels);
        return new GriddedImage(new Image(w, h, pixels), sumWeights);
    }

    public static Image image(byte[] bytes) {
        return fromBytes(bytes).image();
    }
}
