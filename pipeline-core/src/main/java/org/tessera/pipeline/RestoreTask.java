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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tessera.imaging.fits.FitsImage;
import org.tessera.imaging.fits.FitsImageReader;
import org.tessera.imaging.spectral.SpectralFit;
import org.tessera.imaging.spectral.WidebandImages;

/**
 * RESTORE: fits the beam to the PSF, convolves the model and adds the residual, and writes the
 * WSClean-named FITS images and a PNG preview to {@code results/<job>/}.
 */
public final class RestoreTask implements Task {
    /** Input of a joined job's RESTORE: each channel group's longest baseline, comma-separated, in group order. */
    static final String GROUP_MAX_BASELINES = "groupMaxBaselines";
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
        if (task.inputs().containsKey("groups")) {
            return cube(task, params, setup, g);
        }
        if (task.inputs().containsKey(CleanTask.JOINED_GROUPS)) {
            return joined(task, params, setup, g);
        }
        // a channel group's images are the cube's: PREFIX-0000-image.fits ... among its results
        String name = setup.group() == null ? params.name() : params.name() + "-" + setup.group().tag();
        String resultsJob = setup.partsJob(job);
        Image psf = load(task, "psf");
        Image dirty = load(task, "dirty");
        Image residual = load(task, "residual");
        Image model = task.inputs().containsKey("model") ? load(task, "model") : new Image(g.width(), g.height());
        double maxBaseline = Double.parseDouble(task.inputs().getOrDefault(TaskFacts.MAX_BASELINE, "0"));
        Restoration restoration = Restoration.of(psf, model, residual, p.cellRad(), maxBaseline);
        Path dir = Files.createDirectories(scratch).resolve("restore-" + job + "-" + System.nanoTime());
        Files.createDirectories(dir);
        try {
            for (Path file : RunImages.write(dir.resolve(name).toString(), g, setup.band(), psf, dirty, model, residual,
                    restoration, p.threads())) {
                store.putFile(ObjectStore.RESULTS, Keys.result(resultsJob, file.getFileName().toString()), file);
            }
            store.put(ObjectStore.RESULTS, Keys.result(resultsJob, name + "-image.png"),
                    PngPreview.bytes(restoration.restored(), g, restoration.beam(), name + ": restored image", "Jy/beam"));
            store.put(ObjectStore.RESULTS, Keys.result(resultsJob, name + "-residual.png"), PngPreview.bytes(residual,
                    g, restoration.beam(), name + ": residual", "Jy/beam"));
        } finally {
            SubMsCache.deleteTree(dir);
        }
        return TaskFacts.restore(restoration);
    }

    /**
     * The cube's RESTORE, after every channel group's job: the MFS images and {@code PREFIX-cube-image.fits} from the
     * groups' images among the results, each group weighted with its sum of imaging weights.
     */
    private Map<String, Object> cube(TaskMessage task, RunParameters params, JobSetup setup, ImageGeometry g)
            throws IOException {
        ObjectStore store = jobs.store();
        String job = task.jobId();
        String name = params.name();
        Path dir = Files.createDirectories(scratch.resolve("restore-" + job + "-" + System.nanoTime()));
        try {
            List<String> groupJobs = List.of(task.input("groups").split(","));
            WidebandImages.Accumulator sums = new WidebandImages.Accumulator(g.width(), g.height(), false);
            List<Path> groupImages = new ArrayList<>();
            // one group's images at a time: the task's memory is bounded by a group's images and the sums
            for (int k = 0; k < groupJobs.size(); k++) {
                String prefix = name + "-" + setup.groups().get(k).tag();
                Map<String, FitsImage> images = new java.util.HashMap<>();
                for (String kind : List.of("psf", "dirty", "model", "residual", "image")) {
                    Path file = dir.resolve(prefix + "-" + kind + ".fits");
                    Files.write(file, store.get(ObjectStore.RESULTS, Keys.result(job, file.getFileName().toString())));
                    images.put(kind, FitsImageReader.read(file));
                    if (!kind.equals("image")) {
                        Files.delete(file);
                    }
                }
                groupImages.add(dir.resolve(prefix + "-image.fits"));
                JobState state = store.getJson(ObjectStore.RESULTS, Keys.finalState(groupJobs.get(k)), JobState.class);
                sums.add(new WidebandImages.Products(images.get("psf").image(), images.get("dirty").image(),
                        images.get("model").image(), images.get("residual").image(),
                        new Restoration(images.get("image").beam(), images.get("image").image()), state.sumOfWeights));
            }
            double maxBaseline = Double.parseDouble(task.inputs().getOrDefault(TaskFacts.MAX_BASELINE, "0"));
            Path out = Files.createDirectories(dir.resolve("out"));
            WidebandImages.write(out.resolve(name).toString(), g, setup.groups(), sums, groupImages, maxBaseline,
                    SpectralFit.NONE, params.imaging().threads(), line -> { });
            try (var files = Files.list(out)) {
                for (Path file : files.toList()) {
                    store.putFile(ObjectStore.RESULTS, Keys.result(job, file.getFileName().toString()), file);
                }
            }
            FitsImage mfs = FitsImageReader.read(out.resolve(name + "-MFS-image.fits"));
            store.put(ObjectStore.RESULTS, Keys.result(job, name + "-MFS-image.png"), PngPreview.bytes(mfs.image(), g,
                    mfs.beam(), name + ": MFS restored image", "Jy/beam"));
            return TaskFacts.restore(new Restoration(mfs.beam(), mfs.image()));
        } finally {
            SubMsCache.deleteTree(dir);
        }
    }

    /**
     * A joined job's RESTORE: every group restored with its own beam and written as {@code PREFIX-000k-*.fits}, then
     * the MFS images, the cube and MFS-alpha, as the in-process run writes them.
     */
    private Map<String, Object> joined(TaskMessage task, RunParameters params, JobSetup setup, ImageGeometry g)
            throws IOException {
        ObjectStore store = jobs.store();
        String job = task.jobId();
        String name = params.name();
        CleanTask.Groups groups = CleanTask.Groups.read(store, task);
        String[] maxBaselines = task.input(GROUP_MAX_BASELINES).split(",");
        Path dir = Files.createDirectories(scratch.resolve("restore-" + job + "-" + System.nanoTime()));
        try {
            WidebandImages.Accumulator sums = new WidebandImages.Accumulator(g.width(), g.height(), true);
            List<Path> groupImages = new ArrayList<>();
            List<Restoration> restorations = new ArrayList<>();
            for (int k = 0; k < groups.ids.size(); k++) {
                String id = groups.ids.get(k);
                String prefix = dir.resolve(name + "-" + setup.groups().get(k).tag()).toString();
                Image psf = groups.psfs.get(k);
                Image dirty = ImageBlob.image(store.get(ObjectStore.WORK, Keys.gathered(id, "dirty")));
                Image model = groups.models.get(k);
                Image residual = groups.residuals.get(k);
                Restoration restoration = Restoration.of(psf, model, residual, params.imaging().cellRad(),
                        Double.parseDouble(maxBaselines[k]));
                RunImages.write(prefix, g, setup.groups().get(k).band(), psf, dirty, model, residual, restoration,
                        params.imaging().threads());
                groupImages.add(Path.of(prefix + "-image.fits"));
                restorations.add(restoration);
                sums.add(new WidebandImages.Products(psf, dirty, model, residual, restoration,
                        groups.sumsOfWeights[k]));
            }
            double maxBaseline = Double.parseDouble(task.inputs().getOrDefault(TaskFacts.MAX_BASELINE, "0"));
            WidebandImages.write(dir.resolve(name).toString(), g, setup.groups(), sums, groupImages, maxBaseline,
                    params.spectral().fit(), params.imaging().threads(), line -> { });
            try (var files = Files.list(dir)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    store.putFile(ObjectStore.RESULTS, Keys.result(job, file.getFileName().toString()), file);
                }
            }
            FitsImage mfs = FitsImageReader.read(dir.resolve(name + "-MFS-image.fits"));
            store.put(ObjectStore.RESULTS, Keys.result(job, name + "-MFS-image.png"), PngPreview.bytes(mfs.image(), g,
                    mfs.beam(), name + ": MFS restored image", "Jy/beam"));
            return TaskFacts.restore(new Restoration(mfs.beam(), mfs.image()), restorations, groups.sumsOfWeights);
        } finally {
            SubMsCache.deleteTree(dir);
        }
    }

    private Image load(TaskMessage task, String role) {
        return ImageBlob.image(jobs.store().get(ObjectStore.WORK, task.input(role)));
    }
}
