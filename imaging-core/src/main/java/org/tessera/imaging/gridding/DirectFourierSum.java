package org.tessera.imaging.gridding;

import org.tessera.imaging.Image;
import org.tessera.imaging.ImageGeometry;
import org.tessera.imaging.VisibilityChunk;
import org.tessera.imaging.VisibilitySource;
import org.tessera.imaging.weighting.ImagingWeights;

/**
 * Exact reference by direct summation in double precision, in the same convention as
 * {@link WGridder} (no 1/n factor; pixels beyond the horizon are 0 / ignored). Slow: for tests.
 */
public final class DirectFourierSum {
    private static final double SPEED_OF_LIGHT = 299792458.0;

    private DirectFourierSum() {
    }

    /** n - 1 at pixel (x, y), or NaN beyond the horizon. */
    public static double nMinusOne(ImageGeometry g, int x, int y) {
        double l = g.l(x);
        double m = g.m(y);
        double r2 = l * l + m * m;
        return r2 < 1 ? WGridPlan.nMinusOne(r2) : Double.NaN;
    }

    /**
     * Unnormalised dirty-image values D(x, y) = sum_k w_k Re[V_k exp(-2 pi i (u l + v m + w (n-1)))]
     * at the given pixels; weights = chunk weight x imaging weight (null = natural).
     */
    public static double[] dirtyPixels(VisibilitySource source, ImageGeometry g, int[] xs, int[] ys,
                                       ImagingWeights weights, boolean psf) {
        int n = xs.length;
        double[] l = new double[n];
        double[] m = new double[n];
        double[] nm1 = new double[n];
        for (int i = 0; i < n; i++) {
            l[i] = g.l(xs[i]);
            m[i] = g.m(ys[i]);
            nm1[i] = nMinusOne(g, xs[i], ys[i]);
        }
        double[] out = new double[n];
        source.forEach(ch -> {
            for (int r = 0; r < ch.rows; r++) {
                for (int c = 0; c < ch.channels; c++) {
                    double weight = weight(ch, r, c, weights, psf);
                    if (weight == 0) {
                        continue;
                    }
                    double f = ch.frequencies[c] / SPEED_OF_LIGHT;
                    double u = ch.uvw[3 * r] * f;
                    double v = ch.uvw[3 * r + 1] * f;
                    double w = ch.uvw[3 * r + 2] * f;
                    int k = 2 * (r * ch.channels + c);
                    double re = psf ? 1 : ch.vis[k];
                    double im = psf ? 0 : ch.vis[k + 1];
                    for (int i = 0; i < n; i++) {
                        if (Double.isNaN(nm1[i])) {
                            continue;
                        }
                        double phase = -2 * Math.PI * (u * l[i] + v * m[i] + w * nm1[i]);
                        out[i] += weight * (re * Math.cos(phase) - im * Math.sin(phase));
                    }
                }
            }
        });
        return out;
    }

    /** Sum of the weights the dirty image uses. */
    public static double sumOfWeights(VisibilitySource source, ImagingWeights weights, boolean psf) {
        double[] sum = {0};
        source.forEach(ch -> {
            for (int r = 0; r < ch.rows; r++) {
                for (int c = 0; c < ch.channels; c++) {
                    sum[0] += weight(ch, r, c, weights, psf);
                }
            }
        });
        return sum[0];
    }

    private static double weight(VisibilityChunk ch, int r, int c, ImagingWeights weights, boolean psf) {
        float natural = ch.weight[r * ch.channels + c];
        if (natural == 0) {
            return 0;
        }
        int k = 2 * (r * ch.channels + c);
        if (!psf && !(Float.isFinite(ch.vis[k]) && Float.isFinite(ch.vis[k + 1]))) {
            return 0;
        }
        if (weights == null) {
            return natural;
        }
        double f = ch.frequencies[c] / SPEED_OF_LIGHT;
        return weights.weight(ch.uvw[3 * r] * f, ch.uvw[3 * r + 1] * f, natural);
    }

    /**
     * Predicted visibilities V = sum_pixels I exp(+2 pi i (u l + v m + w (n-1))) of every sample of
     * {@code chunk}, interleaved (re, im), in the chunk's layout.
     */
    public static double[] predict(Image model, ImageGeometry g, VisibilityChunk chunk) {
        int count = 0;
        for (double p : model.pixels) {
            if (p != 0) {
                count++;
            }
        }
        double[] flux = new double[count];
        double[] l = new double[count];
        double[] m = new double[count];
        double[] nm1 = new double[count];
        int j = 0;
        for (int y = 0; y < model.height; y++) {
            for (int x = 0; x < model.width; x++) {
                double p = model.get(x, y);
                double n = nMinusOne(g, x, y);
                if (p != 0) {
                    flux[j] = Double.isNaN(n) ? 0 : p;
                    l[j] = g.l(x);
                    m[j] = g.m(y);
                    nm1[j] = Double.isNaN(n) ? 0 : n;
                    j++;
                }
            }
        }
        double[] out = new double[2 * chunk.rows * chunk.channels];
        for (int r = 0; r < chunk.rows; r++) {
            for (int c = 0; c < chunk.channels; c++) {
                double f = chunk.frequencies[c] / SPEED_OF_LIGHT;
                double u = chunk.uvw[3 * r] * f;
                double v = chunk.uvw[3 * r + 1] * f;
                double w = chunk.uvw[3 * r + 2] * f;
                double re = 0;
                double im = 0;
                for (int i = 0; i < count; i++) {
                    double phase = 2 * Math.PI * (u * l[i] + v * m[i] + w * nm1[i]);
                    re += flux[i] * Math.cos(phase);
                    im += flux[i] * Math.sin(phase);
                }
                int k = 2 * (r * chunk.channels + c);
                out[k] = re;
                out[k + 1] = im;
            }
        }
        return out;
    }
}
