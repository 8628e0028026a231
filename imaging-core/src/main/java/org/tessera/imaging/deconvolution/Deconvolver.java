package org.tessera.imaging.deconvolution;

import org.tessera.imaging.Image;

/**
 * In-process driver of the tclean loop: check, minor cycle, major cycle, until a stop code.
 * The distributed pipeline runs the same steps through {@link IterationController} and
 * {@link IterationState}, with the images in object storage.
 */
public final class Deconvolver {
    private Deconvolver() {
    }

    public static DeconvolutionResult run(Image dirty, Image psf, ResidualPredictor predictor,
                                          IterationParameters parameters) {
        return run(dirty.copy(), psf, PsfInfo.of(psf), predictor, IterationState.start(parameters),
                new Image(dirty.width, dirty.height));
    }

    /**
     * Continues from a saved state: {@code residual} must be the residual of {@code model}
     * after {@code state.majorCyclesDone()} major cycles. The model is updated in place.
     */
    public static DeconvolutionResult run(Image residual, Image psf, PsfInfo psfInfo, ResidualPredictor predictor,
                                          IterationState state, Image model) {
        IterationController controller = new IterationController();
        Image current = residual;
        while (true) {
            ResidualStats stats = ResidualStats.of(current, state.parameters());
            if (controller.checkStop(state, stats).stop()) {
                return new DeconvolutionResult(model, current, state);
            }
            MinorCycleControls controls = controller.controls(state, stats, psfInfo);
            // The minor cycle consumes the residual; the major cycle then recomputes it from the model.
            MinorCycleResult result = controller.runMinorCycle(current, psf, model, controls);
            state.recordMinorCycle(controls, result);
            current = predictor.residual(model);
            state.recordMajorCycle();
        }
    }
}
