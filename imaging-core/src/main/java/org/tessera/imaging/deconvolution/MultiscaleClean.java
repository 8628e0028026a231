package org.tessera.imaging.deconvolution;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.stream.IntStream;
import org.tessera.imaging.Image;

/**
 * WSClean's multiscale minor cycle (Offringa &amp; Smirnov 2017). Each round convolves the residual with every
 * active scale's kernel, picks the scale whose peak × bias is largest, runs a sub-minor loop on that scale's
 * convolved residual with the twice-convolved PSF (components of flux gain × peak / (PSF ⊛ kernel)(0)), then
 * subtracts the components' PSF ⊛ kernel from the whole residual by one FFT convolution and adds their kernels
 * to the model. The minor cycle stops at tclean's cycle threshold, nsigma, WSClean's mgain threshold on the
 * biased peak, the iteration limit, or divergence of the whole residual's peak.
 */
final class MultiscaleClean {
    /**
     * The scales prepared for a PSF (its convolutions cost a few FFTs per scale), kept while that PSF lives: the
     * in-process imager's minor cycles share one PSF object, a clean service reads a new one for every cycle.
     */
    private static final Map<Image, Prepared> PREPARED = Collections.synchronizedMap(new WeakHashMap<>());

    private record Prepared(MultiscaleParameters parameters, PsfInfo psfInfo, List<Scale> scales) {
    }

    private final MultiscaleParameters parameters;

    MultiscaleClean(MultiscaleParameters parameters) {
        this.parameters = parameters;
    }

    /**
     * What a multiscale minor cycle cleans: one residual and model, or the channel groups of a joined-channel run
     * ({@link JoinedMultiscaleClean}).
     */
    interface Targets {
        /** The residual whose scale-convolved peaks choose scales and pixels: the residual, or the MFS residual. */
        Image integrated();

        /**
         * The sub-minor loop of {@code chosen} on the {@code active} pixels of {@link #integrated()} ⊛ its kernel,
         * components of {@code gain} × value / (twice-convolved PSF peak); then the residuals (and so
         * {@link #integrated()}) and models brought up to date.
         */
        SubMinorLoop.Outcome clean(Scale chosen, ActiveSet active, double gain, int maxIterations, double threshold,
                                   double activeThreshold);
    }

    /** One residual and model. */
    private record OneImage(Image residual, Image model) implements Targets {
        @Override
        public Image integrated() {
            return residual;
        }

        @Override
        public SubMinorLoop.Outcome clean(Scale chosen, ActiveSet active, double gain, int maxIterations,
                                          double threshold, double activeThreshold) {
            SubMinorLoop.Outcome outcome = new SubMinorLoop(active, chosen.twiceConvolvedPsf).run(gain, maxIterations,
                    threshold, activeThreshold);
            for (int i = 0; i < active.size(); i++) {
                if (active.modelChange[i] != 0) {
                    chosen.addComponent(model, active.x[i], active.y[i], active.modelChange[i]);
                }
            }
            chosen.subtractComponents(residual, active);
            return outcome;
        }
    }

    MinorCycleResult run(Image residual, Image psf, PsfInfo psfInfo, Image model, MinorCycleControls controls,
                         CleanMask mask, double[] rmsFactor, ScaleMasks scaleMasks) {
        return run(new OneImage(residual, model), psf, psfInfo, controls, mask, rmsFactor, scaleMasks, model.sum());
    }

    /**
     * The minor cycle on {@code targets}, whose scales come from {@code psf} (the MFS PSF of a joined run). Every
     * scale's components stay inside {@code mask}, and with {@code scaleMasks} (null: none) each scale's also inside
     * its own per-scale mask. The result says where each scale's components were centred.
     */
    MinorCycleResult run(Targets targets, Image psf, PsfInfo psfInfo, MinorCycleControls controls, CleanMask mask,
                         double[] rmsFactor, ScaleMasks scaleMasks, double modelFluxBefore) {
        long start = System.nanoTime();
        Image residual = targets.integrated();
        List<Scale> scales = scales(psf, psfInfo);
        if (scaleMasks != null && (scaleMasks.width() != residual.width || scaleMasks.height() != residual.height)) {
            throw new IllegalArgumentException("per-scale auto-masks of " + scaleMasks.width() + "×"
                    + scaleMasks.height() + " pixels for a " + residual.width + "×" + residual.height + " image");
        }
        for (int k = 0; k < scales.size(); k++) {
            Scale s = scales.get(k);
            s.reset();
            s.allowed = CleanMask.both(CleanMask.both(mask, s.border > 0 ? borderMask(residual, s.border) : null),
                    scaleMasks == null ? null : scaleMasks.mask(k));
        }
        ScaleMasks placed = ScaleMasks.empty(residual.width, residual.height);
        double peakBefore = residual.maxAbs();
        int iterations = 0;
        double fluxAdded = 0;
        measurePeaks(scales, residual, rmsFactor);
        Scale chosen = strongest(scales);
        // WSClean's mgain acts on the biased peak of the strongest scale: (1 − mgain) × that peak
        double mgainThreshold = controls.mgainThreshold() > 0 && chosen != null && controls.peakResidual() > 0
                ? chosen.biasedPeak() * controls.mgainThreshold() / controls.peakResidual() : 0;
        double firstThreshold = Math.max(Math.max(controls.cycleThreshold(), controls.nsigmaThreshold()),
                mgainThreshold);
        int countdown = Math.max(8, scales.size() * 3 / 2);
        MinorCycleStopCode stop;
        while (true) {
            if (iterations >= controls.cycleNiter()) {
                stop = MinorCycleStopCode.CYCLE_ITERATION_LIMIT;
                break;
            }
            if (chosen == null || !Double.isFinite(chosen.peakValue) || !(chosen.psfPeak > 0)) {
                stop = MinorCycleStopCode.NO_ITERATION_POSSIBLE;
                break;
            }
            double biased = chosen.biasedPeak();
            if (!(biased > firstThreshold) || countdown == 0) {
                stop = controls.nsigmaThreshold() >= Math.max(controls.cycleThreshold(), mgainThreshold)
                        && controls.nsigmaThreshold() > 0
                        ? MinorCycleStopCode.NSIGMA_THRESHOLD : MinorCycleStopCode.CYCLE_THRESHOLD;
                break;
            }
            double subThreshold = biased * (1 - parameters.gain());
            if (firstThreshold > subThreshold) {
                subThreshold = firstThreshold;
                countdown--;
            }
            double threshold = subThreshold / chosen.bias;
            Image convolved = chosen.convolvedResidual;
            double activeThreshold = ActiveSet.threshold(convolved, rmsFactor, Math.abs(chosen.peakValue), threshold,
                    ActiveSet.MAX_PIXELS);
            ActiveSet active = ActiveSet.select(convolved, activeThreshold, chosen.allowed, rmsFactor);
            if (active.size() == 0) {
                stop = MinorCycleStopCode.NO_ITERATION_POSSIBLE;
                break;
            }
            Image twice = chosen.twiceConvolvedPsf;
            double twicePeak = twice.get(twice.width / 2, twice.height / 2);
            double loopGain = controls.gain() * twicePeak / chosen.psfPeak;
            SubMinorLoop.Outcome outcome = targets.clean(chosen, active, Math.min(1, loopGain),
                    controls.cycleNiter() - iterations, threshold, activeThreshold);
            int scaleIndex = scales.indexOf(chosen);
            for (int i = 0; i < active.size(); i++) {
                if (active.modelChange[i] != 0) {
                    placed.add(scaleIndex, active.x[i], active.y[i]);
                }
            }
            iterations += outcome.iterations();
            fluxAdded += outcome.fluxAdded();
            chosen.components += outcome.iterations();
            chosen.flux += outcome.fluxAdded();
            double peak = residual.maxAbs();
            // Judged against the cycle's start: a large-scale component leaves small-scale ripples that may lift
            // the whole residual's peak a little above its lowest value; a diverging model lifts it past the start.
            if (outcome.diverged() || !Double.isFinite(peak)
                    || (peak - peakBefore) / peakBefore > HogbomClean.DIVERGENCE_FRACTION) {
                stop = MinorCycleStopCode.DIVERGENCE;
                break;
            }
            if (outcome.iterations() == 0) {
                stop = MinorCycleStopCode.NO_ITERATION_POSSIBLE;
                break;
            }
            activate(scales, chosen, controls.gain());
            measurePeaks(scales, residual, rmsFactor);
            chosen = strongest(scales);
        }
        double seconds = (System.nanoTime() - start) * 1e-9;
        List<ScaleTally> tallies = new ArrayList<>();
        for (Scale s : scales) {
            tallies.add(new ScaleTally(s.size, s.components, s.flux));
        }
        return new MinorCycleResult(iterations, peakBefore, residual.maxAbs(), fluxAdded,
                modelFluxBefore + fluxAdded, stop, seconds, tallies, placed);
    }

    private List<Scale> scales(Image psf, PsfInfo psfInfo) {
        Prepared kept = PREPARED.get(psf);
        if (kept == null || !kept.parameters().equals(parameters) || !kept.psfInfo().equals(psfInfo)) {
            kept = new Prepared(parameters, psfInfo, Scale.prepare(parameters, psf, psfInfo));
            PREPARED.put(psf, kept);
        }
        return kept.scales();
    }

    /**
     * The residual convolved with each active scale (one forward FFT shared), and each one's peak of |convolved| ×
     * rms factor (null: 1).
     */
    private static void measurePeaks(List<Scale> scales, Image residual, double[] rmsFactor) {
        double[] spectrum = null;
        for (Scale s : scales) {
            if (!s.active) {
                continue;
            }
            if (s.search == null) {
                s.convolvedResidual = residual;
            } else {
                if (spectrum == null) {
                    spectrum = s.search.spectrum(residual);
                }
                s.convolvedResidual = s.search.convolve(spectrum, s.border);
            }
            findPeak(s, rmsFactor);
        }
    }

    /**
     * Largest |value| × rms factor of the scale's convolved residual inside the mask and away from the edge; the peak
     * value is weighted too, as the thresholds are.
     */
    private static void findPeak(Scale s, double[] factor) {
        Image r = s.convolvedResidual;
        CleanMask mask = s.allowed;
        int b = s.border;
        long[] best = IntStream.range(b, r.height - b).parallel().mapToObj(y -> {
            int bestX = -1;
            double bestAbs = -1;
            for (int x = b; x < r.width - b; x++) {
                int i = y * r.width + x;
                double a = factor == null ? Math.abs(r.pixels[i]) : Math.abs(r.pixels[i]) * factor[i];
                if (Double.isNaN(a)) {
                    return new long[] {x, y, 1};
                }
                if (a > bestAbs && (mask == null || mask.allows(x, y))) {
                    bestAbs = a;
                    bestX = x;
                }
            }
            return new long[] {bestX, y, 0};
        }).filter(c -> c[0] >= 0).reduce((p, q) -> {
            if (p[2] == 1) {
                return p;
            }
            if (q[2] == 1) {
                return q;
            }
            double ap = Math.abs(weighted(r, factor, (int) p[0], (int) p[1]));
            double aq = Math.abs(weighted(r, factor, (int) q[0], (int) q[1]));
            return aq > ap ? q : p;
        }).orElse(null);
        if (best == null) {
            s.peakValue = 0;
            s.peakX = -1;
            s.peakY = -1;
        } else {
            s.peakX = (int) best[0];
            s.peakY = (int) best[1];
            s.peakValue = weighted(r, factor, s.peakX, s.peakY);
        }
    }

    private static double weighted(Image r, double[] factor, int x, int y) {
        double v = r.get(x, y);
        return factor == null ? v : v * factor[y * r.width + x];
    }

    private static Scale strongest(List<Scale> scales) {
        Scale best = null;
        for (Scale s : scales) {
            if (s.active && s.peakX >= 0 && (best == null || s.biasedPeak() > best.biasedPeak()
                    || Double.isNaN(s.peakValue))) {
                best = s;
            }
        }
        return best;
    }

    /**
     * WSClean's activation: after a scale's sub-minor loop, a scale stays (or becomes) active when its last
     * biased peak exceeds (1 − gain) × that scale's; inactive scales are not convolved until then.
     */
    private static void activate(List<Scale> scales, Scale last, double gain) {
        double level = last.biasedPeak() * (1 - gain);
        for (Scale s : scales) {
            s.active = s == last || s.biasedPeak() > level;
        }
    }

    /** Pixels at least {@code border} from every edge. */
    private static CleanMask borderMask(Image like, int border) {
        Image m = new Image(like.width, like.height);
        for (int y = border; y < like.height - border; y++) {
            for (int x = border; x < like.width - border; x++) {
                m.pixels[y * like.width + x] = 1;
            }
        }
        return CleanMask.of(m);
    }
}
