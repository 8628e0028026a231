package org.tessera.imaging.spectral;

import java.util.List;
import org.tessera.imaging.Image;
import org.tessera.imaging.deconvolution.CleanMask;
import org.tessera.imaging.deconvolution.IterationParameters;
import org.tessera.imaging.deconvolution.JoinedMultiscaleClean;
import org.tessera.imaging.deconvolution.MinorCycleControls;
import org.tessera.imaging.deconvolution.MinorCycleResult;
import org.tessera.imaging.deconvolution.PsfInfo;
import org.tessera.imaging.deconvolution.ScaleMasks;

/**
 * What a {@code -join-channels} minor cycle works on, in process or in a clean task: every group's residual, PSF and
 * model, their MFS weights, the MFS residual (kept equal to Σ weight × residual), the MFS PSF and its properties,
 * and the spectral fit.
 */
public record JoinedGroups(List<Image> residuals, List<Image> psfs, List<Image> models, double[] weights,
                           Image mfsResidual, Image mfsPsf, PsfInfo mfsPsfInfo, SpectralFitter fitter) {

    /**
     * The groups with their MFS residual and PSF computed here.
     *
     * @param theoreticBeamPixels 1 / (longest baseline in wavelengths) / pixel size, as {@link PsfInfo#of(Image, double)}
     */
    public static JoinedGroups of(List<Image> residuals, List<Image> psfs, List<Image> models, double[] weights,
                                  SpectralFitter fitter, double theoreticBeamPixels) {
        Image mfsPsf = Mfs.mean(psfs, weights);
        return new JoinedGroups(residuals, psfs, models, weights, Mfs.mean(residuals, weights), mfsPsf,
                PsfInfo.of(mfsPsf, theoreticBeamPixels), fitter);
    }

    /** The MFS model's flux. */
    public double modelFlux() {
        return Mfs.mean(models, weights).sum();
    }

    /**
     * One minor cycle by the parameters' algorithm: joined Högbom, or joined multiscale (each scale inside its own
     * mask of {@code scaleMasks}, when given).
     */
    public MinorCycleResult clean(IterationParameters parameters, MinorCycleControls controls, CleanMask mask,
                                  ScaleMasks scaleMasks) {
        if (parameters.multiscale() == null) {
            return JoinedClean.run(residuals, psfs, models, weights, mfsResidual, fitter, controls, mask, modelFlux());
        }
        return JoinedMultiscaleClean.run(parameters.multiscale(), residuals, psfs, models, weights, mfsResidual,
                mfsPsf, mfsPsfInfo, fitter::fitAndEvaluate, controls, mask, scaleMasks, modelFlux());
    }
}
