package org.tessera.imaging.fft;

import org.jtransforms.fft.DoubleFFT_2D;
import org.jtransforms.fft.FloatFFT_2D;
import pl.edu.icm.jlargearrays.ConcurrencyUtils;

/**
 * Unnormalised 2-D complex FFTs of interleaved (re, im) row-major arrays, by JTransforms.
 * forward: X[k] = sum_j x[j] exp(-2 pi i j k / N); inverse: the same with +i, no 1/N.
 */
public final class Fft2D {
    private final int rows;
    private final int columns;
    private DoubleFFT_2D doubleFft;
    private FloatFFT_2D floatFft;

    public Fft2D(int rows, int columns, int threads) {
        if (rows < 1 || columns < 1) {
            throw new IllegalArgumentException("FFT size must be positive, got " + rows + " x " + columns);
        }
        this.rows = rows;
        this.columns = columns;
        // JTransforms keeps its thread count globally
        ConcurrencyUtils.setNumberOfThreads(Math.max(1, threads));
    }

    public int rows() {
        return rows;
    }

    public int columns() {
        return columns;
    }

    public void forward(double[] data) {
        checkLength(data.length);
        doubles().complexForward(data);
    }

    public void inverse(double[] data) {
        checkLength(data.length);
        doubles().complexInverse(data, false);
    }

    public void forward(float[] data) {
        checkLength(data.length);
        floats().complexForward(data);
    }

    public void inverse(float[] data) {
        checkLength(data.length);
        floats().complexInverse(data, false);
    }

    private void checkLength(int length) {
        if (length != 2L * rows * columns) {
            throw new IllegalArgumentException("array of " + length + " values is not a "
                    + rows + " x " + columns + " complex grid");
        }
    }

    private DoubleFFT_2D doubles() {
        if (doubleFft == null) {
            doubleFft = new DoubleFFT_2D(rows, columns);
        }
        return doubleFft;
    }

    private FloatFFT_2D floats() {
        if (floatFft == null) {
            floatFft = new FloatFFT_2D(rows, columns);
        }
        return floatFft;
    }
}
