package org.tessera.pipeline;

import org.tessera.imaging.Image;
import org.tessera.imaging.deconvolution.IterationState;
import org.tessera.imaging.deconvolution.MinorCycleResult;
import org.tessera.imaging.deconvolution.PsfInfo;
import org.tessera.imaging.sequence.ImagingSequence;
import org.tessera.imaging.sequence.TaskFacts;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * CLEAN: the sequence's minor cycle on the gathered residual, starting from the previous model;
 * writes the new model and the iteration state after the minor cycle.
 */
public final class CleanTask implements Task {
    /** Input: 1 / (longest baseline in wavelengths) / pixel size. */
    static final String THEORETIC_BEAM_PIXELS = "theoreticBeamPixels";
    private final ObjectStore store;

    public CleanTask(ObjectStore store) {
        this.store = store;
    }

    @Override
    public Map<String, Object> execute(TaskMessage task) {
        String job = task.jobId();
        Image psf = ImageBlob.image(store.get(ObjectStore.WORK, task.input("psf")));
        Image residual = ImageBlob.image(store.get(ObjectStore.WORK, task.input("residual")));
        Image model = task.inputs().containsKey("model")
                ? ImageBlob.image(store.get(ObjectStore.WORK, task.input("model")))
                : new Image(residual.width, residual.height);
        IterationState state = IterationState.fromJson(
                new String(store.get(ObjectStore.WORK, task.input("iteration")), StandardCharsets.UTF_8));
        double beam = Double.parseDouble(task.inputs().getOrDefault(THEORETIC_BEAM_PIXELS, "NaN"));
        MinorCycleResult result = ImagingSequence.clean(state, residual, psf, PsfInfo.of(psf, beam), model,
                JobMasks.current(store, job, state));
        store.put(ObjectStore.WORK, Keys.model(job, task.cycle()), ImageBlob.toBytes(model, 0));
        store.put(ObjectStore.WORK, Keys.cleanState(job, task.cycle()), state.toJson().getBytes(StandardCharsets.UTF_8));
        return TaskFacts.clean(result);
    }
}
