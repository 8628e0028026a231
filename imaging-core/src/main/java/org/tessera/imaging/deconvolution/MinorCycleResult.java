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
 * @param scales           per scale, what a multiscale cycle cleaned; null for Högbom
 * @param placed           per scale, where a multiscale cycle centred its components (WSClean's per-scale auto-mask
 *                         grows by these); null for Högbom
 */
public record MinorCycleResult(int iterations, double peakBefore, double peakAfter, double fluxAdded,
                               double modelFlux, MinorCycleStopCode stopCode, double seconds,
                               java.util.List<ScaleTally> scales, ScaleMasks placed) {

    /** A cycle's result without component centres. */
    public MinorCycleResult(int iterations, double peakBefore, double peakAfter, double fluxAdded,
                            double modelFlux, MinorCycleStopCode stopCode, double seconds,
                            java.util.List<ScaleTally> scales) {
        this(iterations, peakBefore, peakAfter, fluxAdded, modelFlux, stopCode, seconds, scales, null);
    }

    /** A Högbom cycle's result: point components only. */
    public MinorCycleResult(int iterations, double peakBefore, double peakAfter, double fluxAdded,
                            double modelFlux, MinorCycleStopCode stopCode, double seconds) {
        this(iterations, peakBefore, peakAfter, fluxAdded, modelFlux, stopCode, seconds, null, null);
    }
}
