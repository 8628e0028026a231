package org.tessera.imaging.fits;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.tessera.imaging.Band;
import org.tessera.imaging.Image;
import org.tessera.imaging.ImageGeometry;
import org.tessera.imaging.restore.Restoration;

/**
 * The five images of a run with WSClean's names, {@code PREFIX-psf.fits}, {@code -dirty},
 * {@code -model}, {@code -residual} and {@code -image}, written in parallel (each image is
 * converted and written on its own thread).
 */
public final class RunImages {
    private RunImages() {
    }

    private record Output(Path path, Image image, boolean withBeam, String unit) {
    }

    /** Writes the images and returns their paths. */
    public static List<Path> write(String prefix, ImageGeometry g, Band band, Image psf, Image dirty, Image model,
                                   Image residual, Restoration restoration, int threads) throws IOException {
        List<Output> outputs = List.of(
                new Output(Path.of(prefix + "-psf.fits"), psf, false, FitsImageWriter.UNIT_RESTORED),
                new Output(Path.of(prefix + "-dirty.fits"), dirty, false, FitsImageWriter.UNIT_RESTORED),
                new Output(Path.of(prefix + "-model.fits"), model, false, FitsImageWriter.UNIT_MODEL),
                new Output(Path.of(prefix + "-residual.fits"), residual, true, FitsImageWriter.UNIT_RESTORED),
                new Output(Path.of(prefix + "-image.fits"), restoration.restored(), true, FitsImageWriter.UNIT_RESTORED));
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, outputs.size())));
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (Output o : outputs) {
                writes.add(pool.submit(() -> {
                    FitsImageWriter.write(o.path(), o.image(), g, band.centreHz(), band.widthHz(),
                            o.withBeam() ? restoration.beam() : null, o.unit(), Map.of());
                    return null;
                }));
            }
            for (Future<?> w : writes) {
                w.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing FITS images", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return outputs.stream().map(Output::path).toList();
    }
}
