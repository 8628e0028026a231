package org.tessera.imaging.sequence;

import org.tessera.imaging.Image;
import org.tessera.imaging.ImagingParameters;
import org.tessera.imaging.WscleanRules;
import java.util.function.Supplier;
import org.tessera.imaging.deconvolution.CleanMask;
import org.tessera.imaging.deconvolution.Deconvolution;
import org.tessera.imaging.deconvolution.IterationController;
import org.tessera.imaging.deconvolution.IterationParameters;
import org.tessera.imaging.deconvolution.IterationState;
import org.tessera.imaging.deconvolution.LocalRms;
import org.tessera.imaging.deconvolution.MinorCycleControls;
import org.tessera.imaging.deconvolution.MinorCycleResult;
import org.tessera.imaging.deconvolution.PsfInfo;
import org.tessera.imaging.deconvolution.ResidualStats;
import org.tessera.imaging.deconvolution.ScaleMasks;
import org.tessera.imaging.spectral.JoinedGroups;

/**
 * The one description of an imaging run: PARTITION → WEIGHTS (uniform and Briggs only) → IMAGE
 * (PSF + dirty) → [CLEAN → RESIDUAL]* → RESTORE → DONE, with tclean's stop decisions and the
 * per-cycle records. The in-process imager and the pipeline's controller both ask it what comes
 * next; they differ only in how a stage's tasks execute and where their products live.
 */
public final class ImagingSequence {
    private final IterationParameters iteration;
    private final boolean densityWeights;
    private static final IterationController CONTROL = new IterationController();

    /** @param densityWeights whether the WEIGHTS stage runs (a density gathered over all the data) */
    public ImagingSequence(IterationParameters iteration, boolean densityWeights) {
        this.iteration = iteration;
        this.densityWeights = densityWeights;
    }

    /** The sequence of a run with these parameters: uniform and Briggs weighting need the WEIGHTS stage. */
    public static ImagingSequence of(ImagingParameters p) {
        return new ImagingSequence(p.iteration(), WscleanRules.needsDensity(p.weighting()));
    }

    public Step first() {
        return Step.of(Stage.PARTITION);
    }

    /** The iteration state before the stop check on the dirty image. */
    public IterationState startIteration() {
        return IterationState.start(iteration);
    }

    /** The step after PARTITION, WEIGHTS, CLEAN or RESTORE, none of which needs a decision. */
    public Step next(Step done) {
        return switch (done.stage()) {
            case PARTITION -> Step.of(densityWeights ? Stage.WEIGHTS : Stage.IMAGE);
            case WEIGHTS -> Step.of(Stage.IMAGE);
            case CLEAN -> new Step(Stage.RESIDUAL, done.cycle());
            case RESTORE -> Step.of(Stage.DONE);
            case IMAGE, RESIDUAL -> throw new IllegalArgumentException(done.stage().key()
                    + " is followed by a stop check on its residual");
            case DONE, FAILED, CANCELLED -> throw new IllegalArgumentException("the run has ended");
        };
    }

    /**
     * After IMAGE (the dirty image) or RESIDUAL of cycle k (the residual of major cycle k + 1):
     * records the major cycle, runs tclean's stop check on {@code residual} (in the state), and
     * returns the next minor cycle or RESTORE. Idempotent for the same cycle.
     */
    public Step next(Step done, IterationState state, Image residual) {
        return next(done, state, residual, null);
    }

    /** As {@link #next(Step, IterationState, Image)}, with the peak measured inside {@code mask} (null: none). */
    public Step next(Step done, IterationState state, Image residual, CleanMask mask) {
        int majorCycles = switch (done.stage()) {
            case IMAGE -> 0;
            case RESIDUAL -> done.cycle() + 1;
            default -> throw new IllegalArgumentException(done.stage().key() + " makes no residual to check");
        };
        if (done.stage() == Stage.RESIDUAL) {
            state.recordMajorCycle();
        }
        boolean stop = CONTROL.checkStop(state, ResidualStats.of(residual, state.parameters(), mask,
                localRms(state, residual))).stop();
        return stop ? Step.of(Stage.RESTORE) : new Step(Stage.CLEAN, majorCycles);
    }

    /**
     * The CLEAN stage's work: one minor cycle on {@code residual} (consumed) with tclean's controls, adding
     * components to {@code model}, only inside {@code mask} (null: anywhere), by the algorithm the parameters choose
     * (Högbom or multiscale); recorded in the state. {@code scaleMasks} are the run's per-scale auto-masks
     * ({@link #newScaleMasks}; null when the run keeps none), updated in place.
     */
    public static MinorCycleResult clean(IterationState state, Image residual, Image psf, PsfInfo psfInfo, Image model,
                                         CleanMask mask, ScaleMasks scaleMasks) {
        if (state.parameters().localRmsActive() && state.localRmsBeamPixels() == null) {
            state.rememberLocalRmsBeam(psfInfo.scaleBeamPixels());
        }
        LocalRms local = localRms(state, residual);
        MinorCycleControls controls = CONTROL.controls(state, ResidualStats.of(residual, state.parameters(), mask,
                local), psfInfo);
        MinorCycleResult result = Deconvolution.of(state.parameters()).run(residual, psf, psfInfo, model, controls,
                mask, local == null ? null : local.factor(), scaleMasksInForce(state, scaleMasks));
        keepScaleMasks(state, scaleMasks, result);
        state.recordMinorCycle(controls, result);
        return result;
    }

    /**
     * WSClean's per-scale auto-masks for a multiscale run with {@code -auto-mask}, empty, for images like
     * {@code like}; null for other runs, which keep none.
     */
    public static ScaleMasks newScaleMasks(IterationParameters p, Image like) {
        return p.multiscale() != null && p.autoMaskActive() ? ScaleMasks.empty(like.width, like.height) : null;
    }

    /** The per-scale masks the minor cycle stays inside: from the auto-mask level on (WSClean's "use" mode). */
    private static ScaleMasks scaleMasksInForce(IterationState state, ScaleMasks scaleMasks) {
        return scaleMasks != null && state.autoMaskCycles() != null ? scaleMasks : null;
    }

    /** Down to the auto-mask level (WSClean's "track" mode), each scale's mask gains the cycle's component centres. */
    private static void keepScaleMasks(IterationState state, ScaleMasks scaleMasks, MinorCycleResult result) {
        if (scaleMasks != null && state.autoMaskCycles() == null && result.placed() != null) {
            scaleMasks.addAll(result.placed());
        }
    }

    /**
     * WSClean's {@code -local-rms} for this residual: none without the option, after the auto-mask is made (WSClean
     * cleans inside the mask against the whole image's σ), or before the first minor cycle has given the beam (the
     * dirty image's check then uses the whole image's σ).
     */
    static LocalRms localRms(IterationState state, Image residual) {
        IterationParameters p = state.parameters();
        if (!p.localRmsActive() || state.localRmsBeamPixels() == null
                || (p.autoMaskActive() && state.autoMaskCycles() != null)) {
            return null;
        }
        return LocalRms.of(residual, state.localRmsBeamPixels(), p.localRmsWindow());
    }

    /**
     * The CLEAN stage of a {@code -join-channels} run: tclean's controls from the MFS residual (on which the stop
     * check also judges), and one minor cycle across the groups (Högbom or multiscale, as the parameters say), with
     * the run's per-scale auto-masks as for one image.
     */
    public static MinorCycleResult clean(IterationState state, JoinedGroups groups, CleanMask mask,
                                         ScaleMasks scaleMasks) {
        MinorCycleControls controls = CONTROL.controls(state, ResidualStats.of(groups.mfsResidual(), state.parameters(),
                mask), groups.mfsPsfInfo());
        MinorCycleResult result = groups.clean(state.parameters(), controls, mask, scaleMasksInForce(state,
                scaleMasks));
        keepScaleMasks(state, scaleMasks, result);
        state.recordMinorCycle(controls, result);
        return result;
    }

    /**
     * The mask a minor cycle and its stop check use: the user's (null: none), and once the auto-mask level is
     * reached, also the support of the model after {@link IterationState#autoMaskCycles()} minor cycles, which
     * {@code autoMaskModel} gives. A multiscale run's scales then also keep to their own masks ({@link ScaleMasks},
     * whose components' kernels make this support).
     */
    public static CleanMask mask(IterationState state, CleanMask user, Supplier<Image> autoMaskModel) {
        if (state == null || state.autoMaskCycles() == null) {
            return user;
        }
        return CleanMask.both(user, CleanMask.of(autoMaskModel.get()));
    }
}
