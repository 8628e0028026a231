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
    final double[] modelChange;

    private ActiveSet(int[] x, int[] y, double[] residual) {
        this.x = x;
        this.y = y;
        this.residual = residual;
        this.modelChange = new double[x.length];
    }

    int size() {
        return x.length;
    }

    /**
     * Sub-minor threshold as WSClean's generic CLEAN picks it, the minor-cycle threshold, raised
     * where needed so that at most {@code maxPixels} pixels (and at least the peak) are active.
     */
    static double threshold(Image residual, double peak, double minorThreshold, int maxPixels) {
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
                double a = Math.abs(residual.pixels[i]);
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
        int w = residual.width;
        int h = residual.height;
        double[] r = residual.pixels;
        int[] rowStart = new int[h + 1];
        IntStream.range(0, h).parallel().forEach(y -> {
            int n = 0;
            for (int i = y * w; i < (y + 1) * w; i++) {
                if (Math.abs(r[i]) >= threshold && (allowed == null || allowed.allows(i))) {
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
        IntStream.range(0, h).parallel().forEach(y -> {
            int k = rowStart[y];
            for (int x = 0; x < w; x++) {
                double v = r[y * w + x];
                if (Math.abs(v) >= threshold && (allowed == null || allowed.allows(y * w + x))) {
                    xs[k] = x;
                    ys[k] = y;
                    values[k++] = v;
                }
            }
        });
        return new ActiveSet(xs, ys, values);
    }
}
