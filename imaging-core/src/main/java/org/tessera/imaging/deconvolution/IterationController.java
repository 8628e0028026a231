package org.tessera.imaging.deconvolution;

import java.util.List;
import org.tessera.imaging.Image;

/**
 * tclean's iteration control ({@code ../shared/docs/tclean-iteration-control.md}): the global
 * stop check before each minor cycle, the minor-cycle controls, and the minor cycle itself.
 * The controller holds no state of its own; everything lives in {@link IterationState}.
 */
public final class IterationController {
    /** Peak residuals closer than this across a major cycle count as unchanged (stop code 4). */
    static final double NO_CHANGE_TOLERANCE = 1e-10;
    /** A threshold counts as reached when the peak is within this fraction above it. */
    static final double THRESHOLD_TOLERANCE = 0.01;
    /**
     * Divergence factor of stop codes 5 and 6. The tclean documentation speaks of "a 50%
     * increase", but CASA's code uses a factor 3, and so do we: code 5 when the peak without
     * mask exceeds 3 × the previous check's, code 6 when (peak − minimum so far) / minimum
     * so far exceeds 3.
     */
    static final double DIVERGENCE_FACTOR = 3.0;

    /**
     * Global stop check with the residual of the latest major cycle (the dirty image at first).
     * Records the residual's peaks in the state (idempotently for the same major cycle) and, when
     * a condition holds, the stop code. Conditions are tried in tclean's order; the first wins.
     */
    public StopDecision checkStop(IterationState state, ResidualStats stats) {
        state.recordResidual(stats);
        StopCode code = evaluate(state, stats);
        state.setStopCode(code);
        return new StopDecision(code);
    }

    private static StopCode evaluate(IterationState state, ResidualStats stats) {
        IterationParameters p = state.parameters();
        int k = state.majorCyclesDone();
        double peak = stats.peakResidual();
        double peakNoMask = stats.peakResidualNoMask();
        boolean reachedNsigma = lastCycleReachedNsigma(state);
        if (p.autoMaskActive() && state.autoMaskCycles() == null && Double.isFinite(stats.robustRms())
                && (reached(peak, p.autoMask() * stats.robustRms()) || (p.localRmsActive() && reachedNsigma))) {
            // WSClean: down to the auto-mask level unmasked; from here on inside the components found so far
            state.makeAutoMask();
        }
        // with an auto-mask, only a minor cycle inside it can be the final one (a repeated check stays idempotent)
        boolean insideAutoMask = state.autoMaskCycles() != null && state.cycles().size() > state.autoMaskCycles();
        boolean finalMinorCycle = reachedNsigma && (p.localRmsActive() && (!p.autoMaskActive() || insideAutoMask)
                || (p.multiscale() != null && insideAutoMask));
        double nsigmaThreshold = nsigmaThreshold(state, stats);
        if (k == 0 && state.iterationsDone() == 0 && stats.maskSum() == 0) {
            return StopCode.ZERO_MASK;
        }
        if (state.iterationsDone() >= p.niter()) {
            return StopCode.ITERATION_LIMIT;
        }
        if (reached(peak, p.threshold())) {
            return StopCode.THRESHOLD;
        }
        // Guarded on the user's nsigma: with nsigma = 0 the computed threshold is 0 and must not stop.
        if (sigmas(state) > 0 && reached(peak, nsigmaThreshold)) {
            return StopCode.NSIGMA;
        }
        if (finalMinorCycle) {
            return StopCode.NSIGMA;
        }
        if (state.stopRequested()) {
            return StopCode.FORCE_STOP;
        }
        if (stats.maskSum() == 0) {
            return StopCode.ZERO_MASK;
        }
        if (k > 0) {
            double previous = state.peakResiduals().get(k - 1);
            double previousNoMask = state.peakResidualsNoMask().get(k - 1);
            double minimumNoMask = state.minPeakResidualNoMask();
            if (Math.abs(peak - previous) < NO_CHANGE_TOLERANCE) {
                return StopCode.NO_CHANGE;
            }
            if (previousNoMask > 0 && peakNoMask > DIVERGENCE_FACTOR * previousNoMask) {
                return StopCode.DIVERGED_FROM_PREVIOUS;
            }
            if (minimumNoMask > 0 && (peakNoMask - minimumNoMask) / minimumNoMask > DIVERGENCE_FACTOR) {
                return StopCode.DIVERGED_FROM_MINIMUM;
            }
        }
        if (p.nmajor() >= 0 && k >= p.nmajor()) {
            return StopCode.NMAJOR;
        }
        return StopCode.NONE;
    }

    /**
     * Whether the last minor cycle cleaned down to the n-sigma level (the auto-mask level before the auto-mask is
     * made). WSClean ends at the major cycle whose minor cycle reached its final threshold (and there switches to
     * the auto-mask instead); tclean's check on the recomputed residual takes that rule's place except where it
     * cannot see the minor cycle's end: with {@code -local-rms} the local σ is a plain windowed rms that falls with
     * every cycle as the sources' sidelobes go, so the check would go on; inside a multiscale auto-mask the scales
     * clean only at their own masks' centres, while the check's peak lies anywhere in the components' support.
     */
    private static boolean lastCycleReachedNsigma(IterationState state) {
        List<CycleRecord> cycles = state.cycles();
        if (cycles.isEmpty() || cycles.size() != state.majorCyclesDone()) {
            return false;
        }
        return cycles.get(cycles.size() - 1).minorStopCode() == MinorCycleStopCode.NSIGMA_THRESHOLD.code;
    }

    /** peak ≤ threshold, or within 1% above it (only meaningful for a positive threshold). */
    private static boolean reached(double peak, double threshold) {
        return peak <= threshold || (threshold > 0 && (peak - threshold) / threshold < THRESHOLD_TOLERANCE);
    }

    private static double nsigmaThreshold(IterationState state, ResidualStats stats) {
        double sigmas = sigmas(state);
        return sigmas > 0 ? sigmas * stats.robustRms() : 0.0;
    }

    /** The n-sigma level in force: the auto-mask level until the auto-mask is made, then the auto-threshold. */
    private static double sigmas(IterationState state) {
        IterationParameters p = state.parameters();
        return p.autoMaskActive() && state.autoMaskCycles() == null ? Math.max(p.autoMask(), p.nsigma()) : p.nsigma();
    }

    /** Limits for the next minor cycle, from tclean's formulas plus WSClean's mgain. */
    public MinorCycleControls controls(IterationState state, ResidualStats stats, PsfInfo psf) {
        IterationParameters p = state.parameters();
        double peak = stats.peakResidual();
        double psfFraction = Math.min(Math.max(psf.maxPsfSidelobe() * p.cyclefactor(), p.minpsffraction()),
                p.maxpsffraction());
        double cycleThreshold = Math.max(peak * psfFraction, p.threshold());
        int perCycle = p.cycleniter() <= 0 ? p.niter() : p.cycleniter();
        int cycleNiter = Math.max(0, Math.min(perCycle, p.niter() - state.iterationsDone()));
        double nsigmaThreshold = nsigmaThreshold(state, stats);
        double mgainThreshold = p.mgainActive() ? peak * (1 - p.mgain()) : 0.0;
        double minorThreshold = Math.max(cycleThreshold, Math.max(nsigmaThreshold, mgainThreshold));
        return new MinorCycleControls(cycleNiter, cycleThreshold, nsigmaThreshold, mgainThreshold,
                minorThreshold, p.gain(), psfFraction, psf.maxPsfSidelobe(), peak);
    }

    /**
     * Runs a Högbom minor cycle, updating {@code model} and {@code residual} in place. The
     * residual copy is only good for the minor cycle: the major cycle recomputes it.
     */
    public MinorCycleResult runMinorCycle(Image residual, Image psf, Image model, MinorCycleControls controls) {
        return HogbomClean.run(residual, psf, model, controls, model.sum());
    }
}
