package org.tessera.imaging.spectral;

/**
 * Smooths a component's values over the channel groups as WSClean does in joined-channel deconvolution. The
 * reference frequency ν₀ is the weighted mean of the groups' frequencies (the weights: the groups' imaging weights).
 * <ul>
 *   <li>{@code -fit-spectral-pol K}: S(ν) = Σ_{j<K} a_j x^j with x = ν/ν₀ − 1, weighted least squares;</li>
 *   <li>{@code -fit-spectral-log-pol K}: S(ν) = c₀ · (ν/ν₀)^(c₁ + c₂ l + … + c_{K−1} l^{K−2}) with
 *       l = log₁₀(ν/ν₀), fitted by weighted least squares of log₁₀|S| when all values have one sign (else the
 *       weighted mean, a flat spectrum).</li>
 * </ul>
 */
public final class SpectralFitter {
    private final SpectralFit fit;
    private final double[] frequencies;
    private final double[] weights;
    private final double reference;

    public SpectralFitter(SpectralFit fit, double[] frequenciesHz, double[] weights) {
        this.fit = fit;
        this.frequencies = frequenciesHz.clone();
        this.weights = weights.clone();
        double sum = 0;
        double weighted = 0;
        for (int i = 0; i < frequencies.length; i++) {
            weighted += frequencies[i] * weights[i];
            sum += weights[i];
        }
        reference = sum > 0 ? weighted / sum : frequencies[frequencies.length / 2];
    }

    public double referenceHz() {
        return reference;
    }

    public SpectralFit fit() {
        return fit;
    }

    /** Replaces the values by the fit's values at the groups' frequencies; unchanged without a fit. */
    public void fitAndEvaluate(double[] values) {
        if (!fit.fits()) {
            return;
        }
        double[] terms = terms(values);
        for (int i = 0; i < values.length; i++) {
            values[i] = evaluate(terms, frequencies[i]);
        }
    }

    /** The fit's terms: a_0 … a_{K−1}, or c_0 … c_{K−1}. */
    public double[] terms(double[] values) {
        int k = fit.terms();
        if (fit.mode() == SpectralFit.Mode.POLYNOMIAL) {
            double[] x = new double[values.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = frequencies[i] / reference - 1;
            }
            return leastSquares(x, values, weights, k);
        }
        double sign = 0;
        boolean oneSign = true;
        for (double v : values) {
            if (v == 0 || sign != 0 && Math.signum(v) != sign) {
                oneSign = false;
            }
            sign = Math.signum(v);
        }
        double[] terms = new double[k];
        if (!oneSign) {
            double sum = 0;
            double w = 0;
            for (int i = 0; i < values.length; i++) {
                sum += values[i] * weights[i];
                w += weights[i];
            }
            terms[0] = w > 0 ? sum / w : 0;
            return terms;
        }
        double[] l = new double[values.length];
        double[] y = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            l[i] = Math.log10(frequencies[i] / reference);
            y[i] = Math.log10(Math.abs(values[i]));
        }
        double[] b = leastSquares(l, y, weights, k);
        terms[0] = sign * Math.pow(10, b[0]);
        System.arraycopy(b, 1, terms, 1, k - 1);
        return terms;
    }

    /** The fitted spectrum at {@code frequencyHz}. */
    public double evaluate(double[] terms, double frequencyHz) {
        if (fit.mode() == SpectralFit.Mode.POLYNOMIAL) {
            double x = frequencyHz / reference - 1;
            double y = 0;
            for (int j = terms.length - 1; j >= 0; j--) {
                y = y * x + terms[j];
            }
            return y;
        }
        double l = Math.log10(frequencyHz / reference);
        double exponent = 0;
        for (int j = terms.length - 1; j >= 1; j--) {
            exponent = exponent * l + terms[j];
        }
        return terms[0] * Math.pow(10, exponent * l);
    }

    /** Weighted least squares of y by a polynomial of {@code k} terms in x, from the normal equations. */
    static double[] leastSquares(double[] x, double[] y, double[] w, int k) {
        double[][] a = new double[k][k + 1];
        for (int i = 0; i < x.length; i++) {
            double[] powers = new double[2 * k];
            powers[0] = 1;
            for (int p = 1; p < 2 * k; p++) {
                powers[p] = powers[p - 1] * x[i];
            }
            for (int r = 0; r < k; r++) {
                for (int c = 0; c < k; c++) {
                    a[r][c] += w[i] * powers[r + c];
                }
                a[r][k] += w[i] * powers[r] * y[i];
            }
        }
        for (int c = 0; c < k; c++) {
            int pivot = c;
            for (int r = c + 1; r < k; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) {
                    pivot = r;
                }
            }
            double[] t = a[c];
            a[c] = a[pivot];
            a[pivot] = t;
            if (a[c][c] == 0) {
                continue;
            }
            for (int r = 0; r < k; r++) {
                if (r != c) {
                    double f = a[r][c] / a[c][c];
                    for (int j = c; j <= k; j++) {
                        a[r][j] -= f * a[c][j];
                    }
                }
            }
        }
        double[] terms = new double[k];
        for (int c = 0; c < k; c++) {
            terms[c] = a[c][c] == 0 ? 0 : a[c][k] / a[c][c];
        }
        return terms;
    }
}
