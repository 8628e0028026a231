package org.tessera.imaging.gridding;

import java.util.function.Consumer;
import org.tessera.imaging.VisibilityChunk;
import org.tessera.imaging.VisibilitySource;

/**
 * The extent of the data a gridding plan must cover: smallest and largest |w|, largest |u| and
 * |v|, all in wavelengths, and the number of samples (finite uvw, non-zero weight). The plan is chosen from this alone, so
 * data partitions that share the merged range of the whole data set grid with the same plan, and
 * their partial images sum to the image of the whole to float rounding.
 */
public record WRange(double wMin, double wMax, long samples, double uMax, double vMax) {
    static final double SPEED_OF_LIGHT = 299792458.0;

    public static final WRange EMPTY = new WRange(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0, 0, 0);

    /** A range whose u and v extent is unknown: plans made from it grid at the full size. */
    public WRange(double wMin, double wMax, long samples) {
        this(wMin, wMax, samples, Double.NaN, Double.NaN);
    }

    /** Whether the largest |u| and |v| are known (ranges from {@link #of} always know them). */
    public boolean knowsUvExtent() {
        return Double.isFinite(uMax) && Double.isFinite(vMax);
    }

    /** One pass over the source. */
    public static WRange of(VisibilitySource source) {
        Builder builder = new Builder();
        source.forEach(builder);
        return builder.build();
    }

    /** The range accumulated chunk by chunk, for callers that gather several statistics in one pass. */
    public static final class Builder implements Consumer<VisibilityChunk> {
        private double wMin = Double.POSITIVE_INFINITY;
        private double wMax = Double.NEGATIVE_INFINITY;
        private double uMax;
        private double vMax;
        private long samples;

        @Override
        public void accept(VisibilityChunk ch) {
            for (int r = 0; r < ch.rows; r++) {
                for (int c = 0; c < ch.channels; c++) {
                    double w = wavelengths(ch, r, c);
                    if (covers(ch, r, c, w)) {
                        double aw = Math.abs(w);
                        wMin = Math.min(wMin, aw);
                        wMax = Math.max(wMax, aw);
                        double f = ch.frequencies[c] / SPEED_OF_LIGHT;
                        uMax = Math.max(uMax, Math.abs(ch.uvw[3 * r] * f));
                        vMax = Math.max(vMax, Math.abs(ch.uvw[3 * r + 1] * f));
                        samples++;
                    }
                }
            }
        }

        public WRange build() {
            return samples == 0 ? EMPTY : new WRange(wMin, wMax, samples, uMax, vMax);
        }
    }

    /** The range of two data sets together. */
    public WRange merge(WRange other) {
        return new WRange(Math.min(wMin, other.wMin), Math.max(wMax, other.wMax), samples + other.samples,
                Math.max(uMax, other.uMax), Math.max(vMax, other.vMax));
    }

    public boolean hasSamples() {
        return samples > 0;
    }

    /** w of sample (r, c) in wavelengths, computed exactly as the gridder computes it. */
    static double wavelengths(VisibilityChunk ch, int r, int c) {
        return ch.uvw[3 * r + 2] * (ch.frequencies[c] / SPEED_OF_LIGHT);
    }

    /** Whether a plan must cover sample (r, c): every sample the gridder may grid or predict. */
    static boolean covers(VisibilityChunk ch, int r, int c, double w) {
        return ch.weight[r * ch.channels + c] != 0 && Double.isFinite(w)
                && Double.isFinite(ch.uvw[3 * r]) && Double.isFinite(ch.uvw[3 * r + 1]);
    }
}
