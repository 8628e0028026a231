package org.tessera.imaging.deconvolution;

import java.util.stream.IntStream;
import org.tessera.imaging.Image;

/**
 * Högbom CLEAN minor cycle with WSClean's sub-minor optimisation (Clark-like). Repeat until a
 * minor-cycle stop condition holds: pick the active set (pixels with |residual| at or above the
 * sub-minor threshold), run Högbom iterations on it alone ({@link SubMinorLoop}), add its
 * components to the model and subtract PSF ⊛ those components from the whole residual with one
 * FFT convolution ({@link PsfConvolution}), then measure the peak of the whole residual again.
 *
 * <p>An iteration costs the active set's size instead of the image's, and the whole residual is
 * exact after every sub-minor loop, so the stop conditions (tclean's: cycleniter, cycle
 * threshold, mgain, nsigma, divergence) are judged on the true peak, as a plain Högbom would.
 */
public final class HogbomClean {
    /** A minor cycle stops when |peak| rises this fraction above the lowest |peak| reached in it. */
    static final double DIVERGENCE_FRACTION = 0.1;

    private HogbomClean() {
    }

    /**
     * Runs one minor cycle. Residual and model are updated in place.
     *
     * @param modelFluxBefore total flux of the model before the cycle (reported back as a running total)
     */
    public static MinorCycleResult run(Image residual, Image psf, Image model, MinorCycleControls controls,
                                       double modelFluxBefore) {
        return run(residual, psf, model, controls, modelFluxBefore, ActiveSet.MAX_PIXELS, null, null);
    }

    /** As the public {@code run}, with components only where {@code mask} allows (null: anywhere). */
    public static MinorCycleResult run(Image residual, Image psf, Image model, MinorCycleControls controls,
                                       double modelFluxBefore, CleanMask mask) {
        return run(residual, psf, model, controls, modelFluxBefore, ActiveSet.MAX_PIXELS, mask, null);
    }

    /**
     * As the public {@code run} with a mask, the peaks searched in |residual| × {@code rmsFactor} (null: 1), as
     * WSClean's {@code -local-rms}; the thresholds in the controls count in the same units.
     */
    public static MinorCycleResult run(Image residual, Image psf, Image model, MinorCycleControls controls,
                                       double modelFluxBefore, CleanMask mask, double[] rmsFactor) {
        return run(residual, psf, model, controls, modelFluxBefore, ActiveSet.MAX_PIXELS, mask, rmsFactor);
    }

    /** As the public {@code run}, with at most {@code maxActive} pixels in each sub-minor loop. */
    static MinorCycleResult run(Image residual, Image psf, Image model, MinorCycleControls controls,
                                double modelFluxBefore, int maxActive) {
        return run(residual, psf, model, controls, modelFluxBefore, maxActive, null, null);
    }

    private static MinorCycleResult run(Image residual, Image psf, Image model, MinorCycleControls controls,
                                        double modelFluxBefore, int maxActive, CleanMask mask, double[] factor) {
        if (residual.width != psf.width || residual.height != psf.height) {
            throw new IllegalArgumentException("PSF must have the residual's size");
        }
        if (model.width != residual.width || model.height != residual.height) {
            throw new IllegalArgumentException("model must have the residual's size");
        }
        long start = System.nanoTime();
        double psfPeak = psf.get(psf.width / 2, psf.height / 2);
        PsfConvolution convolution = null;
        int iterations = 0;
        double fluxAdded = 0;
        double peak = peak(residual, mask, factor);
        double peakBefore = Math.abs(peak);
        double minPeak = peakBefore;
        MinorCycleStopCode stop;
        while (true) {
            double absPeak = Math.abs(peak);
            if (iterations >= controls.cycleNiter()) {
                stop = MinorCycleStopCode.CYCLE_ITERATION_LIMIT;
                break;
            }
            if (absPeak <= controls.minorThreshold()) {
                stop = controls.nsigmaThreshold() > Math.max(controls.cycleThreshold(), controls.mgainThreshold())
                        ? MinorCycleStopCode.NSIGMA_THRESHOLD : MinorCycleStopCode.CYCLE_THRESHOLD;
                break;
            }
            if (!Double.isFinite(peak) || !(psfPeak > 0)) {
                stop = MinorCycleStopCode.NO_ITERATION_POSSIBLE;
                break;
            }
            if ((absPeak - minPeak) / minPeak > DIVERGENCE_FRACTION) {
                stop = MinorCycleStopCode.DIVERGENCE;
                break;
            }
            double activeThreshold = ActiveSet.threshold(residual, factor, absPeak, controls.minorThreshold(),
                    maxActive);
            ActiveSet active = ActiveSet.select(residual, activeThreshold, mask, factor);
            SubMinorLoop.Outcome outcome = new SubMinorLoop(active, psf).run(controls.gain(),
                    controls.cycleNiter() - iterations, controls.minorThreshold(), activeThreshold);
            iterations += outcome.iterations();
            fluxAdded += outcome.fluxAdded();
            for (int i = 0; i < active.size(); i++) {
                model.pixels[active.y[i] * model.width + active.x[i]] += active.modelChange[i];
            }
            if (convolution == null) {
                convolution = PsfConvolution.of(psf);
            }
            convolution.subtract(residual, active.x, active.y, active.modelChange);
            peak = peak(residual, mask, factor);
            if (outcome.diverged()) {
                stop = MinorCycleStopCode.DIVERGENCE;
                break;
            }
            // Judged on whole-residual peaks only: pixels outside the active set that grew during
            // the sub-minor loop are not divergence; the next sub-minor loop cleans them.
            minPeak = Math.min(minPeak, Math.abs(peak));
        }
        if (convolution != null) {
            convolution.park();
        }
        double seconds = (System.nanoTime() - start) * 1e-9;
        return new MinorCycleResult(iterations, peakBefore, Math.abs(peak), fluxAdded,
                modelFluxBefore + fluxAdded, stop, seconds);
    }

    /** The residual value of largest magnitude (the first in scan order on ties); NaN when any pixel is NaN. */
    static double peak(Image residual) {
        return peak(residual, null);
    }

    /** As {@link #peak(Image)}, among the pixels the mask allows (null: all). */
    static double peak(Image residual, CleanMask mask) {
        return peak(residual, mask, null);
    }

    /** As {@link #peak(Image, CleanMask)}, of residual × factor (null: 1). */
    static double peak(Image residual, CleanMask mask, double[] factor) {
        int w = residual.width;
        double[] r = residual.pixels;
        double[] rowPeaks = IntStream.range(0, residual.height).parallel().mapToDouble(y -> {
            double best = 0;
            for (int i = y * w; i < (y + 1) * w; i++) {
                double v = factor == null ? r[i] : r[i] * factor[i];
                if (Double.isNaN(v)) {
                    return v;
                }
                if (Math.abs(v) > Math.abs(best) && (mask == null || mask.allows(i))) {
                    best = v;
                }
            }
            return best;
        }).toArray();
        double peak = 0;
        for (double v : rowPeaks) {
            if (Double.isNaN(v)) {
                return v;
            }
            if (Math.abs(v) > Math.abs(peak)) {
                peak = v;
            }
        }
        return peak;
    }
}
