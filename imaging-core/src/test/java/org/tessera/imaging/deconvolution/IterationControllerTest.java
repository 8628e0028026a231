package org.tessera.imaging.deconvolution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tessera.imaging.Image;
import org.tessera.imaging.restore.EllipticalGaussian;

class IterationControllerTest {
    private final IterationController controller = new IterationController();
    private static final PsfInfo PSF = new PsfInfo(0.2, new EllipticalGaussian(3, 3, 0));

    private static ResidualStats peak(double peak) {
        return new ResidualStats(peak, peak, 0.01, 1000);
    }

    /** Runs the checks for the given sequence of peak residuals, faking a minor and major cycle in between. */
    private StopCode sequence(IterationParameters p, double... peaks) {
        IterationState state = IterationState.start(p);
        StopCode code = StopCode.NONE;
        for (double pk : peaks) {
            ResidualStats stats = peak(pk);
            code = controller.checkStop(state, stats).stopCode();
            if (code != StopCode.NONE) {
                return code;
            }
            MinorCycleControls c = controller.controls(state, stats, PSF);
            state.recordMinorCycle(c, new MinorCycleResult(1, pk, pk * 0.5, 0.1, 0.1, MinorCycleStopCode.CYCLE_THRESHOLD, 0));
            state.recordMajorCycle();
        }
        return code;
    }

    private static IterationParameters.Builder many() {
        return IterationParameters.builder().niter(1000);
    }

    @Test
    void code1IterationLimit() {
        assertEquals(StopCode.ITERATION_LIMIT, sequence(IterationParameters.defaults(), 1.0));
        assertEquals(StopCode.ITERATION_LIMIT, sequence(many().niter(2).build(), 1.0, 0.9, 0.8));
    }

    @Test
    void code2ThresholdIncludingOnePercentMargin() {
        assertEquals(StopCode.THRESHOLD, sequence(many().threshold(0.5).build(), 1.0, 0.504));
        assertEquals(StopCode.THRESHOLD, sequence(many().threshold(0.5).build(), 1.0, 0.4));
        assertEquals(StopCode.NONE, sequence(many().threshold(0.5).build(), 1.0, 0.52));
        assertEquals(StopCode.NONE, sequence(many().build(), 1.0, 0.52), "threshold 0 never stops on a positive peak");
    }

    @Test
    void code8NsigmaOnlyWhenAskedFor() {
        // rms 0.01: nsigma 5 gives 0.05.
        assertEquals(StopCode.NSIGMA, sequence(many().nsigma(5).build(), 1.0, 0.0503));
        assertEquals(StopCode.NONE, sequence(many().nsigma(5).build(), 1.0, 0.06));
        IterationState state = IterationState.start(many().build());
        assertFalse(controller.checkStop(state, new ResidualStats(0.3, 0.3, 0.0, 10)).stop(),
                "nsigma 0 with a zero rms must not stop");
    }

    @Test
    void code3ForceStopAndCode7ZeroMask() {
        IterationState state = IterationState.start(many().build());
        state.requestStop();
        assertEquals(StopCode.FORCE_STOP, controller.checkStop(state, peak(1)).stopCode());
        IterationState empty = IterationState.start(many().build());
        assertEquals(StopCode.ZERO_MASK, controller.checkStop(empty, new ResidualStats(1, 1, 0.1, 0)).stopCode());
    }

    @Test
    void code4NoChangeAcrossMajorCycle() {
        assertEquals(StopCode.NO_CHANGE, sequence(many().build(), 1.0, 0.5, 0.5));
    }

    @Test
    void code5PeakMoreThanThreeTimesPrevious() {
        assertEquals(StopCode.DIVERGED_FROM_PREVIOUS, sequence(many().build(), 1.0, 0.2, 0.61));
        assertEquals(StopCode.NONE, sequence(many().build(), 1.0, 0.2, 0.59));
    }

    @Test
    void code6PeakMoreThanThreeTimesAboveMinimum() {
        // 0.29 < 3 × 0.1 and 0.5 < 3 × 0.29, but (0.5 − 0.1) / 0.1 = 4 > 3.
        assertEquals(StopCode.DIVERGED_FROM_MINIMUM, sequence(many().build(), 1.0, 0.1, 0.29, 0.5));
        assertEquals(StopCode.NONE, sequence(many().build(), 1.0, 0.1, 0.29, 0.39));
    }

    @Test
    void code9MajorCycleLimit() {
        assertEquals(StopCode.NMAJOR, sequence(many().nmajor(2).build(), 1.0, 0.5, 0.25));
        assertEquals(StopCode.NMAJOR, sequence(many().nmajor(0).build(), 1.0));
        assertEquals(StopCode.NONE, sequence(many().nmajor(3).build(), 1.0, 0.5, 0.25));
    }

    @Test
    void stopCodesCarryTcleanWords() {
        assertEquals("no change in peak residual across two major cycles", StopCode.ofCode(4).words);
        assertEquals(9, StopCode.NMAJOR.code);
        IterationState state = IterationState.start(IterationParameters.defaults());
        controller.checkStop(state, peak(1));
        assertEquals("iteration limit", state.stopWords());
    }

    @Test
    void cycleThresholdFormula() {
        IterationState state = IterationState.start(many().build());
        ResidualStats stats = peak(2.0);
        assertEquals(0.4, controller.controls(state, stats, PSF).cycleThreshold(), 1e-12);
        IterationState low = IterationState.start(many().cyclefactor(0.1).build());
        assertEquals(0.1, controller.controls(low, stats, PSF).cycleThreshold(), 1e-12, "clamped to minpsffraction");
        IterationState high = IterationState.start(many().cyclefactor(10).build());
        assertEquals(1.6, controller.controls(high, stats, PSF).cycleThreshold(), 1e-12, "clamped to maxpsffraction");
        IterationState thr = IterationState.start(many().threshold(0.5).build());
        assertEquals(0.5, controller.controls(thr, stats, PSF).cycleThreshold(), 1e-12, "global threshold wins");
        IterationState ns = IterationState.start(many().nsigma(100).build());
        MinorCycleControls c = controller.controls(ns, stats, PSF);
        assertEquals(1.0, c.nsigmaThreshold(), 1e-12);
        assertEquals(1.0, c.minorThreshold(), 1e-12);
    }

    @Test
    void cycleNiterEffective() {
        IterationState state = IterationState.start(IterationParameters.builder().niter(100).cycleniter(30).build());
        assertEquals(30, controller.controls(state, peak(1), PSF).cycleNiter());
        controller.checkStop(state, peak(1));
        state.recordMinorCycle(controller.controls(state, peak(1), PSF),
                new MinorCycleResult(80, 1, 0.5, 1, 1, MinorCycleStopCode.CYCLE_ITERATION_LIMIT, 0));
        state.recordMajorCycle();
        assertEquals(20, controller.controls(state, peak(0.5), PSF).cycleNiter());
        IterationState all = IterationState.start(IterationParameters.builder().niter(100).build());
        assertEquals(100, controller.controls(all, peak(1), PSF).cycleNiter());
    }

    @Test
    void mgainStopsMinorCycleWhenPeakHasDroppedByThatFraction() {
        IterationState state = IterationState.start(many().mgain(0.8).build());
        PsfInfo cleanPsf = new PsfInfo(0.01, new EllipticalGaussian(3, 3, 0));
        MinorCycleControls c = controller.controls(state, peak(2.0), cleanPsf);
        assertEquals(0.1, c.cycleThreshold(), 1e-12);
        assertEquals(0.4, c.mgainThreshold(), 1e-12);
        assertEquals(0.4, c.minorThreshold(), 1e-12);

        Image psf = SyntheticSky.uvCoveragePsf(64, 64, 11);
        Image dirty = new Image(64, 64);
        SyntheticSky.addShiftedPsf(dirty, psf, 32, 32, 1.0);
        SyntheticSky.addShiftedPsf(dirty, psf, 20, 40, 0.6);
        ResidualStats stats = ResidualStats.of(dirty);
        MinorCycleControls controls = controller.controls(IterationState.start(many().mgain(0.5).build()), stats,
                new PsfInfo(0.01, null));
        MinorCycleResult result = controller.runMinorCycle(dirty, psf, new Image(64, 64), controls);
        assertEquals(MinorCycleStopCode.CYCLE_THRESHOLD, result.stopCode());
        assertTrue(result.peakAfter() <= 0.5 * result.peakBefore());
        assertTrue(result.peakAfter() > 0.4 * result.peakBefore(), "stopped as soon as the peak halved");
    }

    @Test
    void duplicateMessagesDoNotCountTwice() {
        IterationState state = IterationState.start(many().build());
        controller.checkStop(state, peak(1.0));
        MinorCycleControls c = controller.controls(state, peak(1.0), PSF);
        MinorCycleResult r = new MinorCycleResult(5, 1.0, 0.5, 0.3, 0.3, MinorCycleStopCode.CYCLE_THRESHOLD, 0);
        state.recordMinorCycle(c, r);
        state.recordMinorCycle(c, r);
        state.recordMajorCycle();
        state.recordMajorCycle();
        assertEquals(5, state.iterationsDone());
        assertEquals(1, state.majorCyclesDone());
        assertNull(state.cycles().get(0).peakResidualAfterMajor());
        controller.checkStop(state, peak(0.6));
        assertFalse(controller.checkStop(state, peak(0.6)).stop(), "a repeated check is not 'no change'");
        assertEquals(0.6, state.cycles().get(0).peakResidualAfterMajor(), 0);
    }

    /**
     * WSClean's end of a {@code -local-rms} run: the major cycle after a minor cycle that reached the n-sigma level is
     * the last, although the recomputed (falling) local σ would let tclean's check go on; with an auto-mask that
     * minor cycle makes the mask instead, and a repeated check of the same residual does not stop the run.
     */
    @Test
    void aLocalRmsRunEndsAfterTheMinorCycleThatReachedNsigma() {
        IterationParameters local = many().nsigma(3).localRmsWindow(25).build();
        IterationState state = IterationState.start(local);
        assertEquals(StopCode.NONE, controller.checkStop(state, peak(1.0)).stopCode());
        fakeCycle(state, peak(1.0), MinorCycleStopCode.CYCLE_THRESHOLD);
        assertEquals(StopCode.NONE, controller.checkStop(state, peak(0.5)).stopCode(), "the mgain level bound");
        fakeCycle(state, peak(0.5), MinorCycleStopCode.NSIGMA_THRESHOLD);
        assertEquals(StopCode.NSIGMA, controller.checkStop(state, peak(0.2)).stopCode(),
                "peak 0.2 is far above 3σ = 0.03, but the minor cycle reached its final threshold");
        IterationState global = IterationState.start(many().nsigma(3).build());
        controller.checkStop(global, peak(1.0));
        fakeCycle(global, peak(1.0), MinorCycleStopCode.NSIGMA_THRESHOLD);
        assertEquals(StopCode.NONE, controller.checkStop(global, peak(0.2)).stopCode(), "tclean's rule without it");

        IterationState masked = IterationState.start(local.toBuilder().autoMask(5).build());
        controller.checkStop(masked, peak(1.0));
        fakeCycle(masked, peak(1.0), MinorCycleStopCode.NSIGMA_THRESHOLD);
        assertEquals(StopCode.NONE, controller.checkStop(masked, peak(0.2)).stopCode());
        assertEquals(1, masked.autoMaskCycles(), "the auto-mask level's minor cycle makes the mask");
        assertEquals(StopCode.NONE, controller.checkStop(masked, peak(0.2)).stopCode(), "a repeated check");
        fakeCycle(masked, peak(0.2), MinorCycleStopCode.NSIGMA_THRESHOLD);
        assertEquals(StopCode.NSIGMA, controller.checkStop(masked, peak(0.1)).stopCode());
    }

    /**
     * Inside a multiscale auto-mask the scales clean only within their own masks, so the run ends after the minor
     * cycle that reached the auto-threshold there, although the check's peak (in the whole support) is above it.
     */
    @Test
    void aMultiscaleRunEndsAfterItsMinorCycleReachedNsigmaInsideTheAutoMask() {
        IterationParameters p = many().nsigma(1).autoMask(5).multiscale(MultiscaleParameters.defaults()).build();
        IterationState state = IterationState.start(p);
        controller.checkStop(state, peak(1.0));
        fakeCycle(state, peak(1.0), MinorCycleStopCode.NSIGMA_THRESHOLD);
        assertEquals(StopCode.NONE, controller.checkStop(state, peak(0.2)).stopCode(),
                "before the auto-mask the check decides");
        fakeCycle(state, peak(0.2), MinorCycleStopCode.NSIGMA_THRESHOLD);
        assertEquals(StopCode.NONE, controller.checkStop(state, peak(0.04)).stopCode());
        assertEquals(2, state.autoMaskCycles(), "the peak reached 5σ");
        fakeCycle(state, peak(0.04), MinorCycleStopCode.NSIGMA_THRESHOLD);
        assertEquals(StopCode.NSIGMA, controller.checkStop(state, peak(0.03)).stopCode());
    }

    private void fakeCycle(IterationState state, ResidualStats stats, MinorCycleStopCode stop) {
        MinorCycleControls c = controller.controls(state, stats, PSF);
        state.recordMinorCycle(c, new MinorCycleResult(1, stats.peakResidual(), stats.peakResidual() * 0.5, 0.1, 0.1,
                stop, 0));
        state.recordMajorCycle();
    }
}
