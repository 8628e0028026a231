package org.tessera.imaging.deconvolution;

import org.tessera.imaging.Image;

/**
 * Outcome of an in-process deconvolution.
 *
 * @param model    CLEAN components, Jy/pixel
 * @param residual residual of the last major cycle, Jy/beam
 * @param state    iteration state with the cycle records and the stop code
 */
public record DeconvolutionResult(Image model, Image residual, IterationState state) {
}
