package org.tessera.imaging.preview;

import org.junit.jupiter.api.Test;
import org.tessera.imaging.Image;
import org.tessera.imaging.ImageGeometry;
import org.tessera.imaging.restore.Beam;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The preview puts east on the left and north up, with a colour bar beside the image and the beam drawn. */
class PngPreviewTest {
    @Test
    void eastIsLeftNorthIsUpAndTheColourBarSpansTheMap() throws Exception {
        Image image = new Image(64, 64);
        // pixel x below the centre is east of it (l > 0), y above is north
        image.set(16, 48, 2.0);
        ImageGeometry g = new ImageGeometry(64, 64, Math.toRadians(1.0 / 3600), Math.toRadians(150), Math.toRadians(-40));
        byte[] png = PngPreview.bytes(image, g, Beam.ofDegrees(4.0 / 3600, 2.0 / 3600, 30), "test", "Jy/beam");
        Path out = Files.createDirectories(Path.of("target", "previews")).resolve("preview-test.png");
        Files.write(out, png);
        BufferedImage b = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(640, b.getWidth());
        assertEquals(560, b.getHeight());
        int yellow = 0xfde725;
        int brightX = -1;
        int brightY = -1;
        int barColumns = 0;
        for (int x = 0; x < b.getWidth(); x++) {
            int yellowInColumn = 0;
            for (int y = 0; y < b.getHeight(); y++) {
                if (near(b.getRGB(x, y), yellow)) {
                    yellowInColumn++;
                    if (brightX < 0) {
                        brightX = x;
                        brightY = y;
                    }
                }
            }
            barColumns += x > 0.8 * b.getWidth() && yellowInColumn > 0 ? 1 : 0;
        }
        assertTrue(brightX > 0 && brightX < 0.4 * b.getWidth(), "the eastern source is not on the left: x=" + brightX);
        assertTrue(brightY < 0.4 * b.getHeight(), "the northern source is not at the top: y=" + brightY);
        assertTrue(barColumns >= 10, "no colour bar on the right: " + barColumns + " columns");
    }

    private static boolean near(int rgb, int target) {
        int d = 0;
        for (int shift = 0; shift < 24; shift += 8) {
            d += Math.abs(((rgb >> shift) & 0xff) - ((target >> shift) & 0xff));
        }
        return d < 40;
    }
}
