package org.tessera.imaging.gridding;

import java.util.Arrays;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Exact trigonometric interpolation of a real periodic sequence: m samples over one period in,
 * n >= m samples over the same period out, by zero-padding the spectrum (JTransforms real FFTs).
 * Exact for sequences whose spectrum lies within |k| < m/2; the Nyquist bin is dropped. Not
 * thread-safe (one scratch buffer): one per thread.
 */
final class FourierResampler {
    private final int m;
    private final int n;
    private final DoubleFFT_1D coarse;
    private final DoubleFFT_1D fine;
    private final double[] spectrum;
    private final double[] coarseSpectrum;
    /** 1/m over the gain of JTransforms' unscaled realInverse on the coarse length. */
    private final double coarseScale;
    /** 1/m over the gain of JTransforms' unscaled realInverse (1/2 for power-of-two lengths, else 1). */
    private final double scale;

    FourierResampler(int m, int n) {
        if (m % 2 != 0 || n % 2 != 0 || n < m) {
            throw new IllegalArgumentException("resampling needs even lengths with n >= m, got " + m + " -> " + n);
        }
        this.m = m;
        this.n = n;
        this.coarse = new DoubleFFT_1D(m);
        this.fine = new DoubleFFT_1D(n);
        this.spectrum = new double[n];
        double[] unit = new double[n];
        unit[0] = 1;
        fine.realInverse(unit, false);
        this.scale = 1 / (m * unit[0]);
        this.coarseSpectrum = new double[m];
        double[] coarseUnit = new double[m];
        coarseUnit[0] = 1;
        coarse.realInverse(coarseUnit, false);
        this.coarseScale = 1 / (m * coarseUnit[0]);
    }

    /**
     * Resamples {@code in[0..m)} (destroyed) into {@code spectrum}-sized output: returns the internal
     * buffer holding the n fine samples, valid until the next call.
     */
    double[] resample(double[] in) {
        coarse.realForward(in);
        // JTransforms packing: [R0, R(m/2), Re1, Im1, ...]; keep k < m/2, drop the Nyquist bin
        double[] out = spectrum;
        out[0] = in[0] * scale;
        out[1] = 0;
        for (int k = 2; k < m; k++) {
            out[k] = in[k] * scale;
        }
        Arrays.fill(out, m, n, 0);
        fine.realInverse(out, false);
        return out;
    }

    /**
     * The transpose of {@link #resample}: n fine values in ({@code in}, destroyed), m coarse values
     * out (the internal buffer, valid until the next call). It maps a fine image onto the coarse
     * samples whose resampling it is dual to, as a prediction needs.
     */
    double[] transposed(double[] in) {
        fine.realForward(in);
        double[] out = coarseSpectrum;
        out[0] = in[0] * coarseScale;
        out[1] = 0;
        for (int k = 2; k < m; k++) {
            out[k] = in[k] * coarseScale;
        }
        coarse.realInverse(out, false);
        return out;
    }
}
