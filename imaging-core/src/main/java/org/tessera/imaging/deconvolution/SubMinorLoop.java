package org.tessera.imaging.deconvolution;

import java.util.stream.IntStream;
import org.tessera.imaging.Image;

/**
 * Högbom iterations restricted to an {@link ActiveSet}, as in WSClean's sub-minor loop: the peak
 * is searched among the active pixels only, and each component's PSF is subtracted at the active
 * pixels only (PSF values looked up at the pixel offsets). Pixels outside the set are brought up
 * to date afterwards, all at once, by {@link PsfConvolution}.
 */
final class SubMinorLoop {
    /** Active sets smaller than this are scanned on one thread (threading costs more). */
    private static final int PARALLEL_PIXELS = 1 << 15;

    private final ActiveSet set;
    private final Image psf;
    private final int bands;

    /**
     * What one run did.
     *
     * @param iterations components found
     * @param fluxAdded  their total flux, Jy
     * @param diverged   the run stopped because the active set's |peak| rose more than
     *                   {@link HogbomClean#DIVERGENCE_FRACTION} above its lowest value in this run
     */
    record Outcome(int iterations, double fluxAdded, boolean diverged) {
    }

    SubMinorLoop(ActiveSet set, Image psf) {
        this.set = set;
        this.psf = psf;
        this.bands = set.size() < PARALLEL_PIXELS ? 1 : 4 * Runtime.getRuntime().availableProcessors();
    }

    /**
     * Cleans the active set until its |peak| is at or below {@code minorThreshold} (the minor
     * cycle's stop), below {@code activeThreshold} (pixels outside the set may now be larger),
     * {@code maxIterations} are done, or the active set's peak diverges. Model changes accumulate
     * in the set's {@code modelChange}.
     */
    Outcome run(double gain, int maxIterations, double minorThreshold, double activeThreshold) {
        double psfPeak = psf.get(psf.width / 2, psf.height / 2);
        int iterations = 0;
        double fluxAdded = 0;
        int peak = peakIndex(0, set.size());
        double minPeak = peak >= 0 ? set.weighted(peak) : 0;
        while (peak >= 0) {
            double value = set.residual[peak];
            double absPeak = set.weighted(peak);
            if (iterations >= maxIterations || absPeak <= minorThreshold || absPeak < activeThreshold) {
                break;
            }
            if ((absPeak - minPeak) / minPeak > HogbomClean.DIVERGENCE_FRACTION) {
                return new Outcome(iterations, fluxAdded, true);
            }
            double component = gain * value / psfPeak;
            set.modelChange[peak] += component;
            fluxAdded += component;
            peak = subtract(set.x[peak], set.y[peak], component);
            iterations++;
            minPeak = Math.min(minPeak, set.weighted(peak));
        }
        return new Outcome(iterations, fluxAdded, false);
    }

    /** Subtracts amplitude × PSF centred on (px, py) at the active pixels; returns the new peak's index. */
    private int subtract(int px, int py, double amplitude) {
        if (bands == 1) {
            subtractRange(0, set.size(), px, py, amplitude);
            return peakIndex(0, set.size());
        }
        int n = set.size();
        int perBand = (n + bands - 1) / bands;
        int[] bandPeaks = IntStream.range(0, bands).parallel().map(b -> {
            int from = Math.min(n, b * perBand);
            int to = Math.min(n, from + perBand);
            subtractRange(from, to, px, py, amplitude);
            return peakIndex(from, to);
        }).toArray();
        int best = -1;
        for (int candidate : bandPeaks) {
            if (candidate >= 0 && (best < 0 || set.weighted(candidate) > set.weighted(best))) {
                best = candidate;
            }
        }
        return best;
    }

    private void subtractRange(int from, int to, int px, int py, double amplitude) {
        int w = psf.width;
        int h = psf.height;
        // PSF pixel (x - px + w/2, y - py + h/2) lands on residual pixel (x, y).
        int dx = w / 2 - px;
        int dy = h / 2 - py;
        double[] p = psf.pixels;
        double[] r = set.residual;
        int[] xs = set.x;
        int[] ys = set.y;
        for (int i = from; i < to; i++) {
            int sx = xs[i] + dx;
            int sy = ys[i] + dy;
            if (sx >= 0 && sx < w && sy >= 0 && sy < h) {
                r[i] -= amplitude * p[sy * w + sx];
            }
        }
    }

    /** Index of the largest |residual| in [from, to), the first on ties; -1 when empty. */
    private int peakIndex(int from, int to) {
        int best = -1;
        double max = -1;
        for (int i = from; i < to; i++) {
            double a = set.weighted(i);
            if (a > max) {
                max = a;
                best = i;
            }
        }
        return best;
    }
}
