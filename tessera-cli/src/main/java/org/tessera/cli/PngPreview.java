package org.tessera.cli;

import org.tessera.imaging.Image;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/** A greyscale PNG quick-look of an image, north up and east left as in a FITS viewer. */
final class PngPreview {
    private PngPreview() {
    }

    static void write(Image image, Path path) throws IOException {
        double max = image.maxAbs();
        double min = -0.05 * max;
        BufferedImage png = new BufferedImage(image.width, image.height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < image.height; y++) {
            for (int x = 0; x < image.width; x++) {
                // A square-root stretch shows faint sources next to bright ones.
                double t = Math.max(0, (image.get(x, y) - min) / (max - min));
                int grey = (int) Math.round(255 * Math.sqrt(Math.min(1, t)));
                png.getRaster().setSample(x, image.height - 1 - y, 0, grey);
            }
        }
        ImageIO.write(png, "png", path.toFile());
    }
}
