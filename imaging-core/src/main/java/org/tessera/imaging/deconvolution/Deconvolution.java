package org.tessera.imaging.deconvolution;

import org.tessera.imaging.Image;

/**
 * The minor cycle's algorithm, chosen once from the parameters: Högbom (point components) or WSClean's
 * multiscale. Both update residual and model in place and place components only inside the mask.
 */
public interface Deconvolution {
    MinorCycleResult run(Image residual, Image psf, PsfInfo psfInfo, Image model, MinorCycleControls controls,
                         CleanMask mask);

    static Deconvolution of(IterationParameters parameters) {
        if (parameters.multiscale() == null) {
            return (residual, psf, psfInfo, model, controls, mask) ->
                    HogbomClean.run(residual, psf, model, controls, model.sum(), mask);
        }
        MultiscaleClean multiscale = new MultiscaleClean(parameters.multiscale());
        return multiscale::run;
    }
}
