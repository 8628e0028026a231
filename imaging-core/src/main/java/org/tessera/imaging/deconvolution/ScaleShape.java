package org.tessera.imaging.deconvolution;

import java.util.Locale;

/**
 * The shape of a multiscale component, as WSClean's {@code -multiscale-shape}: a kernel of unit sum, so a
 * component of flux S adds S × kernel to the model.
 */
public enum ScaleShape {
    /** Cornwell's (1 − (r/α)²), tapered by a Hann window over the kernel's box (WSClean's default). */
    TAPERED_QUADRATIC("tapered-quadratic"),
    /** A Gaussian of σ = 3α/16, cut at 12 σ. */
    GAUSSIAN("gaussian");

    public final String text;

    ScaleShape(String text) {
        this.text = text;
    }

    public static ScaleShape parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (ScaleShape s : values()) {
            if (s.text.equals(t)) {
                return s;
            }
        }
        throw new IllegalArgumentException("-multiscale-shape must be tapered-quadratic or gaussian, got '"
                + text + "'");
    }

    /**
     * The kernel of scale α pixels (α > 0) on an n × n box, n odd, centre (n/2, n/2), summing to 1; the box is
     * at most {@code maxBox} pixels wide.
     */
    public double[] kernel(double alpha, int maxBox) {
        int n = boxSize(alpha, maxBox);
        double[] k = new double[n * n];
        double centre = n / 2;
        double sum = 0;
        if (this == TAPERED_QUADRATIC) {
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    double r = Math.hypot(x - centre, y - centre);
                    double hann = 2 * r <= n + 1 ? 0.5 * (1 + Math.cos(2 * Math.PI * r / (n + 1))) : 0;
                    double q = r < alpha ? 1 - (r / alpha) * (r / alpha) : 0;
                    k[y * n + x] = hann * q;
                    sum += k[y * n + x];
                }
            }
        } else {
            double sigma = 3 * alpha / 16;
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    double dx = x - centre;
                    double dy = y - centre;
                    k[y * n + x] = Math.exp(-(dx * dx + dy * dy) / (2 * sigma * sigma));
                    sum += k[y * n + x];
                }
            }
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        return k;
    }

    /** Width of the kernel's box: ceil(α/2)·2 + 1 for the quadratic, 12 σ (odd) for the Gaussian. */
    public int boxSize(double alpha, int maxBox) {
        int n = this == TAPERED_QUADRATIC ? (int) Math.ceil(alpha * 0.5) * 2 + 1
                : (int) Math.ceil(3 * alpha / 16 * 6) * 2 + 1;
        int limit = maxBox % 2 == 0 ? maxBox - 1 : maxBox;
        return Math.max(1, Math.min(n, limit));
    }
}
