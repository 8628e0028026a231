package org.tessera.pipeline;

import org.tessera.imaging.Image;
import org.tessera.imaging.ImageGeometry;
import org.tessera.imaging.ImagingParameters;
import org.tessera.imaging.RunParameters;
import org.tessera.imaging.fits.RunImages;
import org.tessera.imaging.preview.PngPreview;
import org.tessera.imaging.restore.Restoration;
import org.tessera.imaging.sequence.TaskFacts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * RESTORE: fits the beam to the PSF, convolves the model and adds the residual, and writes the
 * WSClean-named FITS images and a PNG preview to {@code results/<job>/}.
 */
public final class RestoreTask implements Task {
    private final JobContext jobs;
    private final Path scratch;

    public RestoreTask(JobContext jobs, Path scratch) {
        this.jobs = jobs;
        this.scratch = scratch;
    }

    @Override
    public Map<String, Object> execute(TaskMessage task) throws IOException {
        ObjectStore store = jobs.store();
        String job = task.jobId();
        RunParameters params = jobs.parameters(job);
        ImagingParameters p = params.imaging();
        JobSetup setup = jobs.setup(job);
        ImageGeometry g = setup.geometry(p);
        Image psf = load(task, "psf");
        Image dirty = load(task, "dirty");
        Image residual = load(task, "residual");
        Image model = task.inputs().containsKey("model") ? load(task, "model") : new Image(g.width(), g.height());
        double maxBaseline = Double.parseDouble(task.inputs().getOrDefault(TaskFacts.MAX_BASELINE, "0"));
        Restoration restoration = Restoration.of(psf, model, residual, p.cellRad(), maxBaseline);
        Path dir = Files.createDirectories(scratch).resolve("restore-" + job + "-" + System.nanoTime());
        Files.createDirectories(dir);
        try {
            String name = params.name();
            for (Path file : RunImages.write(dir.resolve(name).toString(), g, setup.band(), psf, dirty, model, residual,
                    restoration, p.threads())) {
                store.putFile(ObjectStore.RESULTS, Keys.result(job, file.getFileName().toString()), file);
            }
            store.put(ObjectStore.RESULTS, Keys.result(job, name + "-image.png"), PngPreview.bytes(restoration.restored(),
                    g, restoration.beam(), name + ": restored image", "Jy/beam"));
            store.put(ObjectStore.RESULTS, Keys.result(job, name + "-residual.png"), PngPreview.bytes(residual, g,
                    restoration.beam(), name + ": residual", "Jy/beam"));
        } finally {
            SubMsCache.deleteTree(dir);
        }
        return TaskFacts.restore(restoration);
    }

    private Image load(TaskMessage task, String role) {
        return ImageBlob.image(jobs.store().get(ObjectStore.WORK, task.input(role)));
    }
}
