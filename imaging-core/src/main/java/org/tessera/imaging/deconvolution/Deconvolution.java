package org.tessera.imaging.deconvolution;

import org.tessera.imaging.Image;

/**
 * The minor cycle's algorithm, chosen once from the parameters: Högbom (point components) or WSClean's
 * multiscale. Both update residual and model in place, place components only inside the mask, and with an rms
 * factor ({@link LocalRms#factor()}, null: none) look for peaks in |residual| × factor. Multiscale also keeps each
 * scale's components inside that scale's own auto-mask when {@code scaleMasks} is given (Högbom has one scale and
 * takes none).
 */
public interface Deconvolution {
    MinorCycleResult run(Image residual, Image psf, PsfInfo psfInfo, Image model, MinorCycleControls controls,
                         CleanMask mask, double[] rmsFactor, ScaleMasks scaleMasks);

    static Deconvolution of(IterationParameters parameters) {
        if (parameters.multiscale() == null) {
            return (residual, psf, psfInfo, model, controls, mask, rmsFactor, scaleMasks) ->
                    HogbomClean.run(residual, psf, model, controls, model.sum(), mask, rmsFactor);
        }
        MultiscaleClean multiscale = new MultiscaleClean(parameters.multiscale());
        return multiscale::run;
    }
}
