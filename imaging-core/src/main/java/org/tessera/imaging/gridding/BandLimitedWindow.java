package org.tessera.imaging.gridding;

/**
 * A smooth image-domain taper whose spectrum is confined to |k| <= halfBand cycles per period:
 * the Fourier transform of the ES function exp(beta (sqrt(1 - z^2) - 1)) on |z| <= 1, as a function
 * of the position s in periods (|s| <= 1/2), normalised to 1 at s = 0. With halfBand = beta/pi it
 * falls to about exp(-beta) at the period edge, so a band-limited image times this window is a
 * smooth periodic function with a band only halfBand wider: what the reduced inversion resamples.
 */
final class BandLimitedWindow {
    private final double halfBand;
    private final double[] nodes;
    private final double[] weights;
    private final double norm;

    /** A window reaching about {@code edge} (relative) at the period edge. */
    BandLimitedWindow(double edge) {
        double beta = Math.log(1 / edge);
        this.halfBand = halfBand(edge);
        GaussLegendre gl = new GaussLegendre(2 * (int) Math.ceil(2 * halfBand + 30));
        int half = gl.nodes.length / 2;
        nodes = new double[half];
        weights = new double[half];
        for (int i = 0; i < half; i++) {
            double z = gl.nodes[half + i];
            nodes[i] = z;
            weights[i] = 2 * gl.weights[half + i] * Math.exp(beta * (Math.sqrt((1 - z) * (1 + z)) - 1));
        }
        norm = 1 / integral(0);
    }

    /** Half-width of the spectrum of the window that reaches {@code edge}, in cycles per period. */
    static double halfBand(double edge) {
        return Math.log(1 / edge) / Math.PI;
    }

    /** Half-width of the window's spectrum, in cycles per period. */
    double halfBand() {
        return halfBand;
    }

    /** The window at {@code s} periods from the centre. */
    double value(double s) {
        return integral(s) * norm;
    }

    private double integral(double s) {
        double f = 2 * Math.PI * halfBand * s;
        double sum = 0;
        for (int i = 0; i < nodes.length; i++) {
            sum += weights[i] * Math.cos(f * nodes[i]);
        }
        return sum;
    }

    /** The window at the {@code n} positions j/n periods of a length-n FFT (j wrapped to [-n/2, n/2)). */
    double[] sampled(int n) {
        double[] out = new double[n];
        for (int j = 0; j < n; j++) {
            int signed = j < (n + 1) / 2 ? j : j - n;
            out[j] = value((double) signed / n);
        }
        return out;
    }
}
