package org.tessera.imaging.deconvolution;

import org.tessera.imaging.Image;
import org.tessera.imaging.sequence.ImagingSequence;
import org.tessera.imaging.sequence.Stage;
import org.tessera.imaging.sequence.Step;

/**
 * The CLEAN part of {@link ImagingSequence} with the major cycle given as a function: check,
 * minor cycle, major cycle, until a stop code. For deconvolution on images alone (tests,
 * simulations); the imager and the pipeline step through the same sequence with their gridders.
 * No clean mask here; a multiscale run with {@code -auto-mask} still keeps its scales inside their
 * own masks from the auto-mask level on, as WSClean's per-scale masks stand in for the mask.
 */
public final class Deconvolver {
    private Deconvolver() {
    }

    public static DeconvolutionResult run(Image dirty, Image psf, ResidualPredictor predictor,
                                          IterationParameters parameters) {
        return run(dirty.copy(), psf, PsfInfo.of(psf), predictor, IterationState.start(parameters),
                new Image(dirty.width, dirty.height), ImagingSequence.newScaleMasks(parameters, dirty));
    }

    /**
     * Continues from a saved state: {@code residual} must be the residual of {@code model}
     * after {@code state.majorCyclesDone()} major cycles, and {@code scaleMasks} the run's per-scale auto-masks then
     * (null when it keeps none). Model and masks are updated in place.
     */
    public static DeconvolutionResult run(Image residual, Image psf, PsfInfo psfInfo, ResidualPredictor predictor,
                                          IterationState state, Image model, ScaleMasks scaleMasks) {
        ImagingSequence sequence = new ImagingSequence(state.parameters(), false);
        int k = state.majorCyclesDone();
        Step step = sequence.next(k == 0 ? Step.of(Stage.IMAGE) : new Step(Stage.RESIDUAL, k - 1), state, residual);
        Image current = residual;
        while (step.stage() == Stage.CLEAN) {
            // the minor cycle consumes the residual; the major cycle then recomputes it from the model
            ImagingSequence.clean(state, current, psf, psfInfo, model, null, scaleMasks);
            current = predictor.residual(model);
            step = sequence.next(sequence.next(step), state, current);
        }
        return new DeconvolutionResult(model, current, state);
    }
}
