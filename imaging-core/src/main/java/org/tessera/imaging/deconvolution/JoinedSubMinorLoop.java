package org.tessera.imaging.deconvolution;

import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * {@link SubMinorLoop} across channel groups: the peak is searched among the active pixels of the MFS
 * (scale-convolved) residual; each group's value there, smoothed by the spectral fit, gives that group's component,
 * whose own twice-convolved PSF is subtracted from the group's active values and, weighted, from the MFS values.
 */
final class JoinedSubMinorLoop {
    /** Active sets smaller than this are updated on one thread (threading costs more). */
    private static final int PARALLEL_PIXELS = 1 << 14;

    private final ActiveSet mfs;
    private final ActiveSet[] groups;
    private final Scale[] scales;
    private final double[] weights;
    private final Consumer<double[]> fit;

    JoinedSubMinorLoop(ActiveSet mfs, ActiveSet[] groups, Scale[] scales, double[] weights, Consumer<double[]> fit) {
        this.mfs = mfs;
        this.groups = groups;
        this.scales = scales;
        this.weights = weights;
        this.fit = fit;
    }

    /**
     * As {@link SubMinorLoop#run}, judged on the MFS values; a group's component is {@code perValue} × its fitted
     * value. Components accumulate in each group set's {@code modelChange}; the outcome's flux is the MFS flux.
     */
    SubMinorLoop.Outcome run(double perValue, int maxIterations, double minorThreshold, double activeThreshold) {
        int n = groups.length;
        double[] values = new double[n];
        double[] components = new double[n];
        int iterations = 0;
        double fluxAdded = 0;
        int peak = peakIndex();
        double minPeak = peak >= 0 ? mfs.weighted(peak) : 0;
        while (peak >= 0) {
            double absPeak = mfs.weighted(peak);
            if (iterations >= maxIterations || absPeak <= minorThreshold || absPeak < activeThreshold) {
                break;
            }
            if ((absPeak - minPeak) / minPeak > HogbomClean.DIVERGENCE_FRACTION) {
                return new SubMinorLoop.Outcome(iterations, fluxAdded, true);
            }
            for (int g = 0; g < n; g++) {
                values[g] = groups[g].residual[peak];
            }
            fit.accept(values);
            for (int g = 0; g < n; g++) {
                components[g] = perValue * values[g];
                groups[g].modelChange[peak] += components[g];
                fluxAdded += weights[g] * components[g];
            }
            subtract(mfs.x[peak], mfs.y[peak], components);
            peak = peakIndex();
            iterations++;
            minPeak = Math.min(minPeak, mfs.weighted(peak));
        }
        return new SubMinorLoop.Outcome(iterations, fluxAdded, false);
    }

    /** Each group's component × its twice-convolved PSF centred on (px, py), from its values and from the MFS's. */
    private void subtract(int px, int py, double[] components) {
        int size = mfs.size();
        if (size < PARALLEL_PIXELS) {
            subtractRange(0, size, px, py, components);
            return;
        }
        int bands = 4 * Runtime.getRuntime().availableProcessors();
        int perBand = (size + bands - 1) / bands;
        IntStream.range(0, bands).parallel().forEach(b -> subtractRange(Math.min(size, b * perBand),
                Math.min(size, (b + 1) * perBand), px, py, components));
    }

    private void subtractRange(int from, int to, int px, int py, double[] components) {
        for (int g = 0; g < groups.length; g++) {
            var psf = scales[g].twiceConvolvedPsf;
            int w = psf.width;
            int h = psf.height;
            int dx = w / 2 - px;
            int dy = h / 2 - py;
            double c = components[g];
            double wc = weights[g] * c;
            double[] p = psf.pixels;
            double[] r = groups[g].residual;
            double[] m = mfs.residual;
            for (int i = from; i < to; i++) {
                int sx = mfs.x[i] + dx;
                int sy = mfs.y[i] + dy;
                if (sx >= 0 && sx < w && sy >= 0 && sy < h) {
                    double v = p[sy * w + sx];
                    r[i] -= c * v;
                    m[i] -= wc * v;
                }
            }
        }
    }

    /** Index of the largest weighted MFS value, the first on ties; -1 when empty. */
    private int peakIndex() {
        int best = -1;
        double max = -1;
        for (int i = 0; i < mfs.size(); i++) {
            double a = mfs.weighted(i);
            if (a > max) {
                max = a;
                best = i;
            }
        }
        return best;
    }
}
