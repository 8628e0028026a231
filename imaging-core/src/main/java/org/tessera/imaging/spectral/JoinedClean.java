package org.tessera.imaging.spectral;

import java.util.List;
import org.tessera.imaging.Image;
import org.tessera.imaging.deconvolution.CleanMask;
import org.tessera.imaging.deconvolution.MinorCycleControls;
import org.tessera.imaging.deconvolution.MinorCycleResult;
import org.tessera.imaging.deconvolution.MinorCycleStopCode;

/**
 * One minor cycle of joined-channel Högbom CLEAN (WSClean's {@code -join-channels}): each iteration finds the peak
 * on the MFS residual (the groups' residuals, weighted), takes every group's residual at that pixel, smooths those
 * values with the spectral fit, and subtracts gain × its value × its own PSF from each group's residual. The minor
 * cycle's stop rules are Högbom's, judged on the MFS residual.
 */
public final class JoinedClean {
    /** As {@code HogbomClean}: a cycle stops when |peak| rises this fraction above its lowest. */
    private static final double DIVERGENCE_FRACTION = 0.1;

    private JoinedClean() {
    }

    /**
     * @param residuals the groups' residuals, updated in place
     * @param psfs      the groups' PSFs, peak 1 at (width/2, height/2)
     * @param models    the groups' models, updated in place
     * @param weights   the groups' MFS weights, summing to 1
     * @param mfs       the MFS residual of {@code residuals}, kept so in place
     */
    public static MinorCycleResult run(List<Image> residuals, List<Image> psfs, List<Image> models, double[] weights,
                                       Image mfs, SpectralFitter fitter, MinorCycleControls controls, CleanMask mask,
                                       double modelFluxBefore) {
        long start = System.nanoTime();
        int groups = residuals.size();
        int width = mfs.width;
        int peakAt = peak(mfs, mask);
        double peakBefore = Math.abs(mfs.pixels[peakAt]);
        double minPeak = peakBefore;
        double absPeak = peakBefore;
        int iterations = 0;
        double fluxAdded = 0;
        double[] values = new double[groups];
        MinorCycleStopCode stop;
        while (true) {
            if (iterations >= controls.cycleNiter()) {
                stop = MinorCycleStopCode.CYCLE_ITERATION_LIMIT;
                break;
            }
            if (absPeak <= controls.minorThreshold()) {
                stop = controls.nsigmaThreshold() > Math.max(controls.cycleThreshold(), controls.mgainThreshold())
                        ? MinorCycleStopCode.NSIGMA_THRESHOLD : MinorCycleStopCode.CYCLE_THRESHOLD;
                break;
            }
            if (!Double.isFinite(absPeak)) {
                stop = MinorCycleStopCode.NO_ITERATION_POSSIBLE;
                break;
            }
            if ((absPeak - minPeak) / minPeak > DIVERGENCE_FRACTION) {
                stop = MinorCycleStopCode.DIVERGENCE;
                break;
            }
            int px = peakAt % width;
            int py = peakAt / width;
            for (int g = 0; g < groups; g++) {
                values[g] = residuals.get(g).pixels[peakAt];
            }
            fitter.fitAndEvaluate(values);
            for (int g = 0; g < groups; g++) {
                double component = controls.gain() * values[g];
                models.get(g).pixels[peakAt] += component;
                subtractPsf(residuals.get(g), psfs.get(g), px, py, component);
                subtractPsf(mfs, psfs.get(g), px, py, weights[g] * component);
                fluxAdded += weights[g] * component;
            }
            iterations++;
            peakAt = peak(mfs, mask);
            absPeak = Math.abs(mfs.pixels[peakAt]);
            minPeak = Math.min(minPeak, absPeak);
        }
        return new MinorCycleResult(iterations, peakBefore, absPeak, fluxAdded, modelFluxBefore + fluxAdded, stop,
                (System.nanoTime() - start) * 1e-9);
    }

    /** residual −= amount × PSF centred on (px, py), where the shifted PSF overlaps the image. */
    private static void subtractPsf(Image residual, Image psf, int px, int py, double amount) {
        int w = residual.width;
        int h = residual.height;
        int dx = psf.width / 2 - px;
        int dy = psf.height / 2 - py;
        int x0 = Math.max(0, -dx);
        int x1 = Math.min(w, psf.width - dx);
        for (int y = Math.max(0, -dy); y < Math.min(h, psf.height - dy); y++) {
            int r = y * w;
            int p = (y + dy) * psf.width + dx;
            for (int x = x0; x < x1; x++) {
                residual.pixels[r + x] -= amount * psf.pixels[p + x];
            }
        }
    }

    /** The index of the |largest| pixel the mask allows (first in scan order on ties); a NaN pixel wins. */
    private static int peak(Image image, CleanMask mask) {
        int best = 0;
        double bestAbs = -1;
        double[] p = image.pixels;
        for (int i = 0; i < p.length; i++) {
            if (Double.isNaN(p[i])) {
                return i;
            }
            double a = Math.abs(p[i]);
            if (a > bestAbs && (mask == null || mask.allows(i))) {
                best = i;
                bestAbs = a;
            }
        }
        return best;
    }
}
