package org.tessera.imaging.deconvolution;

/**
 * One minor cycle and the major cycle that followed it, as reported in the run summary.
 *
 * @param majorCycle             number of the major cycle that follows this minor cycle (1, 2, ...)
 * @param peakResidualBefore     |peak residual| at the start of the minor cycle, Jy/beam
 * @param peakResidualAfter      |peak residual| at its end, in the minor cycle's residual
 * @param peakResidualAfterMajor |peak residual| of the residual recomputed by the major cycle;
 *                               null until that major cycle has been checked
 * @param iterations             iterations in this minor cycle
 * @param cumulativeIterations   iterations done in all cycles so far
 * @param modelFlux              total model flux after the cycle, Jy
 * @param cycleThreshold         the threshold the minor cycle cleaned down to, Jy/beam
 * @param minorStopCode          why the minor cycle ended (tclean minor-cycle code)
 * @param minorStopWords         the same in words
 */
public record CycleRecord(int majorCycle, double peakResidualBefore, double peakResidualAfter,
                          Double peakResidualAfterMajor, int iterations, int cumulativeIterations,
                          double modelFlux, double cycleThreshold, int minorStopCode, String minorStopWords) {

    CycleRecord withPeakAfterMajor(double peak) {
        return new CycleRecord(majorCycle, peakResidualBefore, peakResidualAfter, peak, iterations,
                cumulativeIterations, modelFlux, cycleThreshold, minorStopCode, minorStopWords);
    }
}
