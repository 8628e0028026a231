package org.tessera.imaging.preview;

import org.tessera.imaging.Image;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A greyscale PNG quick-look of an image, north up and east left as in a FITS viewer. */
public final class PngPreview {
    private PngPreview() {
    }

    public static byte[] bytes(Image image) throws IOException {
        double max = image.maxAbs();
        double min = -0.05 * max;
        double range = max - min == 0 ? 1 : max - min;
        BufferedImage png = new BufferedImage(image.width, image.height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < image.height; y++) {
            for (int x = 0; x < image.width; x++) {
                // A square-root stretch shows faint sources next to bright ones.
                double t = Math.max(0, (image.get(x, y) - min) / range);
                png.getRaster().setSample(x, image.height - 1 - y, 0, (int) Math.round(255 * Math.sqrt(Math.min(1, t))));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(png, "png", out);
        return out.toByteArray();
    }

    public static void write(Image image, Path path) throws IOException {
        Files.write(path, bytes(image));
    }
}
