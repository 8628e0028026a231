package org.tessera.pipeline;

import org.tessera.imaging.Image;
import org.tessera.imaging.ImageGeometry;
import org.tessera.imaging.ImagingParameters;
import org.tessera.imaging.RunParameters;
import org.tessera.imaging.WscleanRules;
import org.tessera.imaging.preview.PngPreview;
import org.tessera.imaging.fits.FitsImageWriter;
import org.tessera.imaging.restore.Beam;
import org.tessera.imaging.restore.Restorer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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
        double maxBaseline = Double.parseDouble(task.inputs().getOrDefault("maxBaselineWavelengths", "0"));
        Beam beam = WscleanRules.fitBeam(psf, p.cellRad(), maxBaseline);
        Image restored = Restorer.restore(model, residual, beam, p.cellRad());
        Path dir = Files.createDirectories(scratch).resolve("restore-" + job + "-" + System.nanoTime());
        Files.createDirectories(dir);
        try {
            String name = params.name();
            write(store, job, dir, name + "-psf.fits", psf, g, setup, null, FitsImageWriter.UNIT_RESTORED);
            write(store, job, dir, name + "-dirty.fits", dirty, g, setup, null, FitsImageWriter.UNIT_RESTORED);
            write(store, job, dir, name + "-model.fits", model, g, setup, null, FitsImageWriter.UNIT_MODEL);
            write(store, job, dir, name + "-residual.fits", residual, g, setup, beam, FitsImageWriter.UNIT_RESTORED);
            write(store, job, dir, name + "-image.fits", restored, g, setup, beam, FitsImageWriter.UNIT_RESTORED);
            store.put(ObjectStore.RESULTS, Keys.result(job, name + "-image.png"), PngPreview.bytes(restored));
        } finally {
            SubMsCache.deleteTree(dir);
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("beamMajorArcsec", beam.majorDeg() * 3600);
        facts.put("beamMinorArcsec", beam.minorDeg() * 3600);
        facts.put("beamPaDeg", beam.positionAngleDeg());
        facts.put("restoredPeak", restored.maxAbs());
        return facts;
    }

    private Image load(TaskMessage task, String role) {
        return ImageBlob.image(jobs.store().get(ObjectStore.WORK, task.input(role)));
    }

    private static void write(ObjectStore store, String job, Path dir, String file, Image image, ImageGeometry g,
                              JobSetup setup, Beam beam, String unit) throws IOException {
        Path path = dir.resolve(file);
        FitsImageWriter.write(path, image, g, setup.freqHz(), setup.bandwidthHz(), beam, unit, Map.of());
        store.putFile(ObjectStore.RESULTS, Keys.result(job, file), path);
    }
}
