package org.tessera.imaging.deconvolution;

import java.util.List;

/**
 * WSClean's multiscale controls (Offringa &amp; Smirnov 2017).
 *
 * @param scales    scale sizes in pixels ({@code -multiscale-scales}); empty: from the PSF size
 * @param scaleBias {@code -multiscale-scale-bias}, in (0, 1]: lower values favour larger scales
 * @param shape     {@code -multiscale-shape}
 * @param maxScales {@code -multiscale-max-scales}; 0 no limit
 * @param gain      {@code -multiscale-gain}: a scale's sub-minor loop stops once its peak fell by this fraction
 */
public record MultiscaleParameters(List<Double> scales, double scaleBias, ScaleShape shape, int maxScales,
                                   double gain) {
    public static final double DEFAULT_SCALE_BIAS = 0.6;
    public static final double DEFAULT_GAIN = 0.2;

    public MultiscaleParameters {
        scales = scales == null ? List.of() : List.copyOf(scales);
        for (double s : scales) {
            if (!(s >= 0) || Double.isInfinite(s)) {
                throw new IllegalArgumentException("-multiscale-scales must be >= 0 pixels, got " + format(s));
            }
        }
        if (!(scaleBias > 0 && scaleBias <= 1)) {
            throw new IllegalArgumentException("-multiscale-scale-bias must be in (0, 1], got " + format(scaleBias));
        }
        if (maxScales < 0) {
            throw new IllegalArgumentException("-multiscale-max-scales must be >= 0, got " + maxScales);
        }
        if (!(gain > 0 && gain <= 1)) {
            throw new IllegalArgumentException("-multiscale-gain must be in (0, 1], got " + format(gain));
        }
        shape = shape == null ? ScaleShape.TAPERED_QUADRATIC : shape;
    }

    /** WSClean's defaults: scales from the PSF, bias 0.6, tapered quadratic, no scale limit, gain 0.2. */
    public static MultiscaleParameters defaults() {
        return new MultiscaleParameters(List.of(), DEFAULT_SCALE_BIAS, ScaleShape.TAPERED_QUADRATIC, 0, DEFAULT_GAIN);
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
