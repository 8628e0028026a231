package org.tessera.pipeline;

import org.junit.jupiter.api.Test;
import org.tessera.imaging.Image;
import org.tessera.imaging.gridding.GriddedImage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Partial images as float32 take half the bytes and add into a double sum within float rounding. */
class ImageBlobTest {
    private static GriddedImage image(double scale) {
        Image image = new Image(33, 17);
        for (int i = 0; i < image.pixels.length; i++) {
            image.pixels[i] = scale * Math.sin(0.37 * i) * 1e3;
        }
        return new GriddedImage(image, 12345.678901234 * scale);
    }

    @Test
    void floatObjectsAreHalfTheBytesAndSumInDouble() {
        GriddedImage a = image(1);
        GriddedImage b = image(-0.3);
        byte[] fa = ImageBlob.toFloatBytes(a);
        byte[] fb = ImageBlob.toFloatBytes(b);
        assertEquals(20 + 4 * 33 * 17, fa.length);
        assertEquals(20 + 8 * 33 * 17, ImageBlob.toBytes(a).length);
        Image sum = new Image(33, 17);
        double weights = ImageBlob.addInto(fa, sum) + ImageBlob.addInto(fb, sum);
        // the sums of weights travel in double: exact
        assertEquals(a.sumWeights() + b.sumWeights(), weights, 0);
        for (int i = 0; i < sum.pixels.length; i++) {
            double exact = a.image().pixels[i] + b.image().pixels[i];
            assertEquals(exact, sum.pixels[i], 1e3 * 2 * Math.ulp(1f), "pixel " + i);
            assertEquals((double) (float) a.image().pixels[i] + (float) b.image().pixels[i], sum.pixels[i], 0);
        }
        assertEquals((float) a.image().pixels[5], ImageBlob.fromBytes(fa).image().pixels[5], 0);
    }

    @Test
    void anObjectOfAnotherSizeIsRefused() {
        byte[] blob = ImageBlob.toFloatBytes(image(1));
        assertThrows(IllegalArgumentException.class, () -> ImageBlob.addInto(blob, new Image(32, 17)));
        assertThrows(IllegalArgumentException.class, () -> ImageBlob.addInto(new byte[] {1, 2, 3}, new Image(1, 1)));
    }
}
