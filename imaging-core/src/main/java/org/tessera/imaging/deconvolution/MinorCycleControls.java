package org.tessera.imaging.deconvolution;

/**
 * Limits for one minor cycle, computed by {@link IterationController#controls}.
 *
 * @param cycleNiter       iterations allowed in this cycle (cycleniter_eff)
 * @param cycleThreshold   max(peak × psfFraction, threshold), Jy/beam
 * @param nsigmaThreshold  nsigma × robust rms, or 0 when nsigma is off
 * @param mgainThreshold   peak × (1 − mgain), or 0 when mgain is off
 * @param minorThreshold   the largest of the three: the minor cycle stops at |peak| ≤ this
 * @param gain             loop gain
 * @param psfFraction      clamp(maxPsfSidelobe × cyclefactor, minpsffraction, maxpsffraction)
 * @param maxPsfSidelobe   as measured on the PSF
 * @param peakResidual     peak residual the controls were computed from
 */
public record MinorCycleControls(int cycleNiter, double cycleThreshold, double nsigmaThreshold,
                                 double mgainThreshold, double minorThreshold, double gain,
                                 double psfFraction, double maxPsfSidelobe, double peakResidual) {
}
