package org.tessera.gpu;

import org.tessera.imaging.gridding.EsKernel;

/**
 * The ES kernel as W piecewise polynomials in a shared local coordinate: the CPU kernel's own
 * polynomials ({@link EsKernel#polynomialCoefficients}), so the device evaluates the same values.
 * Layout {@code coeff[d * W + tap]}, highest power first.
 */
public final class KernelCoefficients {
    private final int support;
    private final int degree;
    private final double[] coeff;

    public KernelCoefficients(EsKernel kernel) {
        this.support = kernel.support();
        this.degree = kernel.degree();
        this.coeff = kernel.polynomialCoefficients();
    }

    public int support() {
        return support;
    }

    public int degree() {
        return degree;
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
        for (int d = 1; d <= degree; d++) {
            r = r * x + coeff[d * support + tap];
        }
        return r;
    }
}
