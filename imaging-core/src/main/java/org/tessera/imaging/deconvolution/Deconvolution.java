package org.tessera.imaging.deconvolution;

import org.tessera.imaging.Image;

/**
 * The minor cycle's algorithm, chosen once from the parameters: Högbom (point components) or WSClean's
 * multiscale. Both update residual and model in place, place components only inside the mask, and with an rms
 * factor ({@link LocalRms#factor()}, null: none) look for peaks in |residual| × factor.
 */
public interface Deconvolution {
    MinorCycleResult run(Image residual, Image psf, PsfInfo psfInfo, Image model, MinorCycleControls controls,
                         CleanMask mask, double[] rmsFactor);

    static Deconvolution of(IterationParameters parameters) {
        if (parameters.multiscale() == null) {
            return (residual, psf, psfInfo, model, controls, mask, rmsFactor) ->
                    HogbomClean.run(residual, psf, model, controls, model.sum(), mask, rmsFactor);
        }
        MultiscaleClean multiscale = new MultiscaleClean(parameters.multiscale());
        return multiscale::run;
    }
}
