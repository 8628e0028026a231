package org.tessera.imaging.gridding;

/**
 * The exponential-of-semicircle gridding kernel phi(x) = exp(beta*W*((1-x^2)^e0 - 1)) on
 * x in [-1, 1], spanning W grid cells (Barnett et al. 2019, ducc0 variant with exponent e0).
 *
 * <p>For speed the kernel is evaluated as W piecewise polynomials of degree W+3, one per cell,
 * all sharing the same local coordinate: a visibility's W taps along one axis cost one Horner
 * sweep. The grid correction is 1/phi-hat, the reciprocal of the kernel's Fourier transform.
 */
public final class EsKernel {
    private final EsKernelTable.Entry params;
    private final int support;
    private final double betaW;
    private final double e0;
    private final int degree;
    /** Polynomial coefficients, highest power first: {@code coeff[d * support + tap]}. */
    private final double[] coeff;
    /** Positive Gauss-Legendre nodes and weights*phi*W/2 for the correction function. */
    private final double[] quadNodes;
    private final double[] quadWeights;

    EsKernel(EsKernelTable.Entry params) {
        this.params = params;
        this.support = params.support();
        this.betaW = params.beta() * support;
        this.e0 = params.e0();
        this.degree = support + 3;
        this.coeff = fitPolynomials();
        GaussLegendre gl = new GaussLegendre(2 * (3 * support + 10));
        int half = gl.nodes.length / 2;
        quadNodes = new double[half];
        quadWeights = new double[half];
        for (int i = 0; i < half; i++) {
            double x = gl.nodes[half + i];
            quadNodes[i] = x;
            // both halves of the even integrand, times W/2 for the cell-unit scaling
            quadWeights[i] = 2 * gl.weights[half + i] * phi(x) * support * 0.5;
        }
    }

    public int support() {
        return support;
    }

    /** Degree of the per-tap polynomials that approximate phi. */
    public int degree() {
        return degree;
    }

    /**
     * The per-tap polynomials in the local cell coordinate, {@code [d * support + tap]}, highest
     * power first: what a device evaluates to get the same kernel values as this class.
     */
    public double[] polynomialCoefficients() {
        return coeff.clone();
    }

    public double oversampling() {
        return params.oversampling();
    }

    public double tabulatedEpsilon() {
        return params.epsilon();
    }

    /** The exact kernel at x in [-1, 1] (zero outside). */
    public double phi(double x) {
        double t = (1 - x) * (1 + x);
        if (t <= 0) {
            return 0;
        }
        return Math.exp(betaW * (Math.pow(t, e0) - 1));
    }

    /**
     * Grid correction 1/phi-hat(nu) for a position nu in cycles per grid cell (|nu| <= 0.5/sigma
     * inside the image), where phi-hat(nu) = integral of phi(2 delta/W) cos(2 pi delta nu) d delta.
     */
    public double correction(double nu) {
        double sum = 0;
        double f = Math.PI * support * nu;
        for (int i = 0; i < quadNodes.length; i++) {
            sum += quadWeights[i] * Math.cos(f * quadNodes[i]);
        }
        return 1 / sum;
    }

    /**
     * First tap index of a visibility at grid coordinate {@code c} (cells): taps are
     * {@code first .. first+W-1}, every one within W/2 cells of c.
     */
    public static int firstTap(double c, int support) {
        return (int) Math.floor(c - 0.5 * support) + 1;
    }

    /**
     * Kernel values of the W taps starting at {@code first} for a visibility at {@code c}.
     * Writes {@code out[0..W-1]}. Public so that other gridders (the GPU's) can be checked against it.
     */
    public void taps(double c, int first, double[] out) {
        // tap i sits at offset (first + i - c) cells; all taps share the same local coordinate
        double local = 2 * (first - c + 0.5 * support) - 1;
        int w = support;
        for (int i = 0; i < w; i++) {
            out[i] = coeff[i];
        }
        for (int d = 1; d <= degree; d++) {
            int base = d * w;
            for (int i = 0; i < w; i++) {
                out[i] = out[i] * local + coeff[base + i];
            }
        }
    }

    /** Float variant of {@link #taps} for the single-precision gridder. */
    void taps(double c, int first, float[] out, double[] scratch) {
        taps(c, first, scratch);
        for (int i = 0; i < support; i++) {
            out[i] = (float) scratch[i];
        }
    }

    /**
     * The u and v taps of one visibility in one Horner pass (two independent chains per tap):
     * u taps rounded to float into {@code outU}, v taps in double into {@code outV}.
     */
    void tapsUV(double cu, int firstU, double cv, int firstV, float[] outU, double[] scratchU, double[] outV) {
        double localU = 2 * (firstU - cu + 0.5 * support) - 1;
        double localV = 2 * (firstV - cv + 0.5 * support) - 1;
        int w = support;
        for (int i = 0; i < w; i++) {
            double ru = coeff[i];
            double rv = ru;
            for (int d = 1; d <= degree; d++) {
                double c = coeff[d * w + i];
                ru = ru * localU + c;
                rv = rv * localV + c;
            }
            scratchU[i] = ru;
            outU[i] = (float) ru;
            outV[i] = rv;
        }
    }

    /** Value of tap {@code tap} only (used along w, where one plane needs one tap). */
    double tap(double c, int first, int tap) {
        double local = 2 * (first - c + 0.5 * support) - 1;
        double r = coeff[tap];
        for (int d = 1; d <= degree; d++) {
            r = r * local + coeff[d * support + tap];
        }
        return r;
    }

    /** Chebyshev interpolation of phi on each cell, converted to monomials in the local coordinate. */
    private double[] fitPolynomials() {
        int w = support;
        int n = degree + 1;
        double[] out = new double[n * w];
        double[] nodes = new double[n];
        for (int j = 0; j < n; j++) {
            nodes[j] = Math.cos((2 * j + 1) * Math.PI / (2 * n));
        }
        // monomial coefficients of the Chebyshev polynomials T_0..T_degree: cheb[k][p]
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
                values[j] = phi(0.5 * (hi - lo) * nodes[j] + 0.5 * (hi + lo));
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
                // store highest power first for Horner
                out[(degree - p) * w + cell] = s;
            }
        }
        return out;
    }
}
