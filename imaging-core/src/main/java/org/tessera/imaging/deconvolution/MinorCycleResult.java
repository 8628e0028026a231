package org.tessera.imaging.deconvolution;

/**
 * What a minor cycle did.
 *
 * @param iterations       CLEAN components subtracted
 * @param peakBefore       |peak residual| when the cycle started
 * @param peakAfter        |peak residual| when it ended (in the minor cycle's own residual)
 * @param fluxAdded        flux added to the model, Jy
 * @param modelFlux        total model flux afterwards, Jy
 * @param stopCode         why it ended
 * @param seconds          wall-clock time spent
 */
public record MinorCycleResult(int iterations, double peakBefore, double peakAfter, double fluxAdded,
                               double modelFlux, MinorCycleStopCode stopCode, double seconds) {
}
