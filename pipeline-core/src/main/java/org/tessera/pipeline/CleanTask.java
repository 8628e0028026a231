package org.tessera.pipeline;

import org.tessera.imaging.Image;
import org.tessera.imaging.deconvolution.IterationState;
import org.tessera.imaging.gridding.GriddedImage;
import org.tessera.imaging.deconvolution.MinorCycleResult;
import org.tessera.imaging.deconvolution.PsfInfo;
import org.tessera.imaging.deconvolution.ScaleMasks;
import org.tessera.imaging.sequence.ImagingSequence;
import org.tessera.imaging.sequence.TaskFacts;
import org.tessera.imaging.spectral.JoinedGroups;
import org.tessera.imaging.spectral.Mfs;
import org.tessera.imaging.spectral.SpectralFitter;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * CLEAN: the sequence's minor cycle on the gathered residual, starting from the previous model;
 * writes the new model and the iteration state after the minor cycle. For a {@code -join-channels} job, the same
 * joined minor cycle as in process on every channel group's residual, PSF and model at once.
 */
public final class CleanTask implements Task {
    /** Input: 1 / (longest baseline in wavelengths) / pixel size. */
    static final String THEORETIC_BEAM_PIXELS = "theoreticBeamPixels";
    /** Input of a joined job's CLEAN and RESTORE: its channel groups' namespaces, comma-separated, in group order. */
    static final String JOINED_GROUPS = "joinedGroups";
    /** Input of a joined job's CLEAN and RESTORE: the major cycles done, whose residuals they read. */
    static final String MAJOR_CYCLES = "majorCycles";
    private final ObjectStore store;

    public CleanTask(ObjectStore store) {
        this.store = store;
    }

    @Override
    public Map<String, Object> execute(TaskMessage task) {
        String job = task.jobId();
        IterationState state = IterationState.fromJson(
                new String(store.get(ObjectStore.WORK, task.input("iteration")), StandardCharsets.UTF_8));
        double beam = Double.parseDouble(task.inputs().getOrDefault(THEORETIC_BEAM_PIXELS, "NaN"));
        if (task.inputs().containsKey(JOINED_GROUPS)) {
            return joined(task, state, beam);
        }
        Image psf = ImageBlob.image(store.get(ObjectStore.WORK, task.input("psf")));
        Image residual = ImageBlob.image(store.get(ObjectStore.WORK, task.input("residual")));
        Image model = task.inputs().containsKey("model")
                ? ImageBlob.image(store.get(ObjectStore.WORK, task.input("model")))
                : new Image(residual.width, residual.height);
        ScaleMasks scaleMasks = JobMasks.scaleMasks(store, job, state, task.cycle(), model);
        MinorCycleResult result = ImagingSequence.clean(state, residual, psf, PsfInfo.of(psf, beam), model,
                JobMasks.current(store, job, state), scaleMasks);
        store.put(ObjectStore.WORK, Keys.model(job, task.cycle()), ImageBlob.toBytes(model, 0));
        JobMasks.storeScaleMasks(store, job, task.cycle(), scaleMasks);
        store.put(ObjectStore.WORK, Keys.cleanState(job, task.cycle()), state.toJson().getBytes(StandardCharsets.UTF_8));
        return TaskFacts.clean(result);
    }

    /**
     * Every group's models after this minor cycle in its namespace, and the MFS model and per-scale masks in the
     * job's (the auto-masks' source, as in process).
     */
    private Map<String, Object> joined(TaskMessage task, IterationState state, double beam) {
        String job = task.jobId();
        Groups groups = Groups.read(store, task);
        JoinedGroups joined = JoinedGroups.of(groups.residuals, groups.psfs, groups.models, groups.weights(),
                groups.fitter(store, job), beam);
        ScaleMasks scaleMasks = JobMasks.scaleMasks(store, job, state, task.cycle(), joined.mfsResidual());
        MinorCycleResult result = ImagingSequence.clean(state, joined, JobMasks.current(store, job, state),
                scaleMasks);
        JobMasks.storeScaleMasks(store, job, task.cycle(), scaleMasks);
        for (int k = 0; k < groups.ids.size(); k++) {
            store.put(ObjectStore.WORK, Keys.model(groups.ids.get(k), task.cycle()),
                    ImageBlob.toBytes(groups.models.get(k), 0));
        }
        store.put(ObjectStore.WORK, Keys.model(job, task.cycle()),
                ImageBlob.toBytes(Mfs.mean(groups.models, groups.weights()), 0));
        store.put(ObjectStore.WORK, Keys.cleanState(job, task.cycle()), state.toJson().getBytes(StandardCharsets.UTF_8));
        return TaskFacts.clean(result);
    }

    /** A joined job's channel groups as its CLEAN and RESTORE tasks read them from their namespaces. */
    static final class Groups {
        final List<String> ids;
        final List<Image> psfs = new ArrayList<>();
        final List<Image> residuals = new ArrayList<>();
        final List<Image> models = new ArrayList<>();
        final double[] sumsOfWeights;

        private Groups(List<String> ids) {
            this.ids = ids;
            this.sumsOfWeights = new double[ids.size()];
        }

        static Groups read(ObjectStore store, TaskMessage task) {
            Groups g = new Groups(List.of(task.input(JOINED_GROUPS).split(",")));
            int k = Integer.parseInt(task.input(MAJOR_CYCLES));
            for (int i = 0; i < g.ids.size(); i++) {
                String id = g.ids.get(i);
                GriddedImage psf = ImageBlob.fromBytes(store.get(ObjectStore.WORK, Keys.gathered(id, "psf")));
                g.sumsOfWeights[i] = psf.sumWeights();
                g.psfs.add(psf.image());
                g.residuals.add(ImageBlob.image(store.get(ObjectStore.WORK, Keys.residual(id, k))));
                g.models.add(k > 0 ? ImageBlob.image(store.get(ObjectStore.WORK, Keys.model(id, k - 1)))
                        : new Image(psf.image().width, psf.image().height));
            }
            return g;
        }

        double[] weights() {
            return Mfs.normalised(sumsOfWeights);
        }

        /** The job's spectral fit over the groups' centre frequencies, weighted as the MFS images. */
        SpectralFitter fitter(ObjectStore store, String job) {
            var fit = JobContext.parse(store.getJson(ObjectStore.WORK, Keys.request(job), JobRequest.class)
                    .parameters(), 1).spectral().fit();
            double[] centres = ids.stream().mapToDouble(id -> store.getJson(ObjectStore.WORK, Keys.setup(id),
                    JobSetup.class).band().centreHz()).toArray();
            return new SpectralFitter(fit, centres, weights());
        }
    }
}
