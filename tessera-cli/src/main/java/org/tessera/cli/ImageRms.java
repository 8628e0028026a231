package org.tessera.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.tessera.imaging.Image;
import org.tessera.imaging.fits.FitsImageReader;

/**
 * The rms and peak of a FITS image, for the benchmarks' comparisons of residuals. Run as
 * {@code java -cp tessera.jar org.tessera.cli.ImageRms IMAGE.fits}.
 */
public final class ImageRms {
    private ImageRms() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ImageRms IMAGE.fits");
            System.exit(2);
        }
        Image image = FitsImageReader.read(Path.of(args[0])).image();
        double sum = 0;
        for (double v : image.pixels) {
            sum += v * v;
        }
        System.out.printf("rms %.5g, peak %.5g%n", Math.sqrt(sum / image.pixels.length), image.maxAbs());
    }
}
