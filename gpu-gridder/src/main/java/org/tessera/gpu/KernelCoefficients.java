package org.tessera.gpu;

import org.tessera.imaging.gridding.EsKernel;

/**
 * The ES kernel as W piecewise polynomials of degree W+3 in a shared local coordinate, fitted from
 * {@link EsKernel#phi} with the same Chebyshev construction as the CPU kernel, so the device
 * evaluates the same polynomials. Layout {@code coeff[d * W + tap]}, highest power first.
 */
public final class KernelCoefficients {
    private final int support;
    private final double[] coeff;

    public KernelCoefficients(EsKernel kernel) {
        this.support = kernel.support();
        this.coeff = fit(kernel);
    }

    public int support() {
        return support;
    }

    public int degree() {
        return support + 3;
    }

    public double[] asDouble() {
        return coeff.clone();
    }

    public float[] asFloat() {
        float[] f = new float[coeff.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) coeff[i];
        }
        return f;
    }

    /** Tap {@code tap} at local coordinate x, by Horner as the device does. */
    public double tap(int tap, double x) {
        double r = coeff[tap];
        for (int d = 1; d <= degree(); d++) {
            r = r * x + coeff[d * support + tap];
        }
        return r;
    }

    private static double[] fit(EsKernel kernel) {
        int w = kernel.support();
        int degree = w + 3;
        int n = degree + 1;
        double[] out = new double[n * w];
        double[] nodes = new double[n];
        for (int j = 0; j < n; j++) {
            nodes[j] = Math.cos((2 * j + 1) * Math.PI / (2 * n));
        }
        double[][] cheb = new double[n][n];
        cheb[0][0] = 1;
        if (n > 1) {
            cheb[1][1] = 1;
        }
        for (int k = 2; k < n; k++) {
            for (int p = 0; p < n; p++) {
                double v = -cheb[k - 2][p];
                if (p > 0) {
                    v += 2 * cheb[k - 1][p - 1];
                }
                cheb[k][p] = v;
            }
        }
        double[] values = new double[n];
        double[] chebCoeff = new double[n];
        for (int cell = 0; cell < w; cell++) {
            double lo = -1 + 2.0 * cell / w;
            double hi = -1 + 2.0 * (cell + 1) / w;
            for (int j = 0; j < n; j++) {
                values[j] = kernel.phi(0.5 * (hi - lo) * nodes[j] + 0.5 * (hi + lo));
            }
            for (int k = 0; k < n; k++) {
                double s = 0;
                for (int j = 0; j < n; j++) {
                    s += values[j] * Math.cos(k * (2 * j + 1) * Math.PI / (2 * n));
                }
                chebCoeff[k] = s * 2.0 / n;
            }
            chebCoeff[0] *= 0.5;
            for (int p = 0; p < n; p++) {
                double s = 0;
                for (int k = p; k < n; k++) {
                    s += chebCoeff[k] * cheb[k][p];
                }
                out[(degree - p) * w + cell] = s;
            }
        }
        return out;
    }
}
