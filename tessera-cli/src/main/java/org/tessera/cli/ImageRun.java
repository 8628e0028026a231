package org.tessera.cli;

import org.tessera.imaging.Imager;
import org.tessera.imaging.RunParameters;
import org.tessera.imaging.sequence.RunSummary;
import org.tessera.imaging.gridding.GridderFactory;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs the in-process imager for {@code tessera image} and reports where the products went. */
final class ImageRun {
    private ImageRun() {
    }

    static int run(Path ms, String prefix, RunParameters parameters, GridderFactory gridders, PrintWriter out) {
        try {
            Path parent = Path.of(prefix).toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            RunSummary summary = new Imager(parameters, line -> {
                out.println(line);
                out.flush();
            }, gridders).run(ms, prefix);
            int groups = parameters.spectral().channelsOut();
            if (groups > 1) {
                out.printf("wrote %s-{0000..%04d,MFS}-{psf,dirty,model,residual,image}.fits, %s-cube-image.fits%s and"
                        + " %s-summary.json%n", prefix, groups - 1, prefix,
                        Files.exists(Path.of(prefix + "-MFS-alpha.fits")) ? ", " + prefix + "-MFS-alpha.fits" : "",
                        prefix);
            } else {
                out.printf("wrote %s-{psf,dirty,model,residual,image}.fits and %s-summary.json%n", prefix, prefix);
            }
            out.printf("time per stage (s): %s%n", summary.stageSeconds);
            out.flush();
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(prefix + ": cannot write images: " + e.getMessage(), e);
        }
    }
}
