package org.tessera.imaging.deconvolution;

import java.util.stream.IntStream;
import org.tessera.imaging.Image;

/**
 * The pixels a sub-minor loop cleans: every pixel with |residual| ≥ the sub-minor threshold, in
 * scan order, with its residual value (updated by the loop) and the model flux the loop adds there.
 */
final class ActiveSet {
    /**
     * Most pixels a sub-minor loop works on. Per iteration it touches every active pixel, so this
     * bounds an iteration at about 1/64 of a 4096² image; WSClean's own rule (all pixels above
     * the minor-cycle threshold) holds whenever it selects fewer.
     */
    static final int MAX_PIXELS = 1 << 18;
    /** Resolution of the |residual| histogram that raises the threshold to keep at most maxPixels pixels. */
    private static final int HISTOGRAM_BINS = 4096;

    final int[] x;
    final int[] y;
    final double[] residual;
    /** The rms factor of each pixel ({@link LocalRms#factor()}); null: 1 everywhere. */
    final double[] weight;
    final double[] modelChange;

    private ActiveSet(int[] x, int[] y, double[] residual, double[] weight) {
        this.x = x;
        this.y = y;
        this.residual = residual;
        this.weight = weight;
        this.modelChange = new double[x.length];
    }

    /** |residual| × weight of pixel i: what the peak search compares. */
    double weighted(int i) {
        return weight == null ? Math.abs(residual[i]) : Math.abs(residual[i]) * weight[i];
    }

    /** The same pixels with other values (one channel group's, in a joined-channel run), no model change yet. */
    ActiveSet sameCells(double[] values) {
        if (values.length != x.length) {
            throw new IllegalArgumentException("values for " + x.length + " pixels expected, got " + values.length);
        }
        return new ActiveSet(x, y, values, weight);
    }

    int size() {
        return x.length;
    }

    /**
     * Sub-minor threshold as WSClean's generic CLEAN picks it, the minor-cycle threshold, raised
     * where needed so that at most {@code maxPixels} pixels (and at least the peak) are active.
     */
    static double threshold(Image residual, double peak, double minorThreshold, int maxPixels) {
        return threshold(residual, null, peak, minorThreshold, maxPixels);
    }

    /** As {@link #threshold(Image, double, double, int)} on |residual| × factor (null: 1). */
    static double threshold(Image residual, double[] factor, double peak, double minorThreshold, int maxPixels) {
        if (!(peak > minorThreshold)) {
            return minorThreshold;
        }
        double binWidth = (peak - minorThreshold) / HISTOGRAM_BINS;
        int bands = Math.min(residual.height, 4 * Runtime.getRuntime().availableProcessors());
        int rowsPerBand = (residual.height + bands - 1) / bands;
        long[] counts = IntStream.range(0, bands).parallel().mapToObj(b -> {
            long[] band = new long[HISTOGRAM_BINS];
            int from = b * rowsPerBand * residual.width;
            int to = Math.min(residual.height, (b + 1) * rowsPerBand) * residual.width;
            for (int i = from; i < to; i++) {
                double a = factor == null ? Math.abs(residual.pixels[i]) : Math.abs(residual.pixels[i]) * factor[i];
                if (a >= minorThreshold) {
                    band[Math.min(HISTOGRAM_BINS - 1, (int) ((a - minorThreshold) / binWidth))]++;
                }
            }
            return band;
        }).reduce(new long[HISTOGRAM_BINS], ActiveSet::sum);
        long above = 0;
        int bin = HISTOGRAM_BINS - 1;
        for (; bin >= 0; bin--) {
            if (above + counts[bin] > maxPixels) {
                break;
            }
            above += counts[bin];
        }
        return bin < 0 ? minorThreshold : minorThreshold + Math.min(bin + 1, HISTOGRAM_BINS - 1) * binWidth;
    }

    private static long[] sum(long[] a, long[] b) {
        long[] s = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            s[i] = a[i] + b[i];
        }
        return s;
    }

    /** Every pixel with |residual| ≥ threshold (NaN never is), in scan order. */
    static ActiveSet select(Image residual, double threshold) {
        return select(residual, threshold, null);
    }

    /** As {@link #select(Image, double)}, among the pixels {@code allowed} admits only (null: all). */
    static ActiveSet select(Image residual, double threshold, CleanMask allowed) {
        return select(residual, threshold, allowed, null);
    }

    /** As {@link #select(Image, double, CleanMask)}, by |residual| × factor (null: 1), keeping each one's factor. */
    static ActiveSet select(Image residual, double threshold, CleanMask allowed, double[] factor) {
        int w = residual.width;
        int h = residual.height;
        double[] r = residual.pixels;
        int[] rowStart = new int[h + 1];
        IntStream.range(0, h).parallel().forEach(y -> {
            int n = 0;
            for (int i = y * w; i < (y + 1) * w; i++) {
                double a = factor == null ? Math.abs(r[i]) : Math.abs(r[i]) * factor[i];
                if (a >= threshold && (allowed == null || allowed.allows(i))) {
                    n++;
                }
            }
            rowStart[y + 1] = n;
        });
        for (int y = 0; y < h; y++) {
            rowStart[y + 1] += rowStart[y];
        }
        int[] xs = new int[rowStart[h]];
        int[] ys = new int[rowStart[h]];
        double[] values = new double[rowStart[h]];
        double[] weights = factor == null ? null : new double[rowStart[h]];
        IntStream.range(0, h).parallel().forEach(y -> {
            int k = rowStart[y];
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                double v = r[i];
                double a = factor == null ? Math.abs(v) : Math.abs(v) * factor[i];
                if (a >= threshold && (allowed == null || allowed.allows(i))) {
                    xs[k] = x;
                    ys[k] = y;
                    if (weights != null) {
                        weights[k] = factor[i];
                    }
                    values[k++] = v;
                }
            }
        });
        return new ActiveSet(xs, ys, values, weights);
    }
}
