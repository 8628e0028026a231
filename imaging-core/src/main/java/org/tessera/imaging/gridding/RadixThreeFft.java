package org.tessera.imaging.gridding;

import org.jtransforms.fft.FloatFFT_1D;

/**
 * In-place forward complex FFT (exp(-2 pi i jk/n), as JTransforms' complexForward) of a length
 * n = 3m with m a power of two: one radix-3 decimation-in-frequency step, then three
 * power-of-two transforms of length m, which JTransforms does with its split-radix code, much
 * faster than its mixed-radix path for n itself (6144 = 3 * 2048: about 30 us against 44 us).
 * Other lengths go straight to JTransforms. {@link #complexForwardPermuted} skips the final
 * reordering. Not thread-safe (one scratch buffer): one per thread.
 */
final class RadixThreeFft {
    private final int n;
    private final int m;
    private final FloatFFT_1D whole;
    private final FloatFFT_1D third;
    /** exp(-2 pi i j/n) for j in [0, m), interleaved; and for 2j. */
    private final float[] twiddle1;
    private final float[] twiddle2;
    private final float[] scratch;
    /** The twiddles split for the SIMD butterflies ({@link VectorRadixThree}); null without SIMD. */
    private final float[][] split;

    RadixThreeFft(int n) {
        this.n = n;
        int mm = n / 3;
        boolean split = splits(n);
        this.m = split ? mm : 0;
        this.whole = split ? null : new FloatFFT_1D(n);
        this.third = split ? new FloatFFT_1D(mm) : null;
        this.twiddle1 = split ? new float[2 * mm] : null;
        this.twiddle2 = split ? new float[2 * mm] : null;
        this.scratch = split ? new float[2 * n] : null;
        for (int j = 0; j < m; j++) {
            double phase = -2 * Math.PI * j / n;
            twiddle1[2 * j] = (float) Math.cos(phase);
            twiddle1[2 * j + 1] = (float) Math.sin(phase);
            twiddle2[2 * j] = (float) Math.cos(2 * phase);
            twiddle2[2 * j + 1] = (float) Math.sin(2 * phase);
        }
        this.split = split && VectorSupport.AVAILABLE && mm % 8 == 0 ? splitTwiddles() : null;
    }

    /** (wr, wr) and (-wi, wi) pairs of both twiddle sets: {w1re, w1im, w2re, w2im}. */
    private float[][] splitTwiddles() {
        float[][] out = new float[4][2 * m];
        float[][] twiddles = {twiddle1, twiddle2};
        for (int t = 0; t < 2; t++) {
            for (int j = 0; j < m; j++) {
                float re = twiddles[t][2 * j];
                float im = twiddles[t][2 * j + 1];
                out[2 * t][2 * j] = re;
                out[2 * t][2 * j + 1] = re;
                out[2 * t + 1][2 * j] = -im;
                out[2 * t + 1][2 * j + 1] = im;
            }
        }
        return out;
    }

    /** Transforms the n complex values at a[off], interleaved (re, im), in place. */
    void complexForward(float[] a, int off) {
        if (whole != null) {
            whole.complexForward(a, off);
            return;
        }
        complexForwardPermuted(a, off);
        System.arraycopy(a, off, scratch, 0, 2 * n);
        for (int q = 0; q < m; q++) {
            int k = off + 6 * q;
            a[k] = scratch[2 * q];
            a[k + 1] = scratch[2 * q + 1];
            a[k + 2] = scratch[2 * (m + q)];
            a[k + 3] = scratch[2 * (m + q) + 1];
            a[k + 4] = scratch[2 * (2 * m + q)];
            a[k + 5] = scratch[2 * (2 * m + q) + 1];
        }
    }

    /**
     * As {@link #complexForward}, but leaves X[j] at complex position {@link #position}(j) from off
     * (saves the reordering pass when the reader can index through it).
     */
    void complexForwardPermuted(float[] a, int off) {
        if (whole != null) {
            whole.complexForward(a, off);
            return;
        }
        final float c = (float) (Math.sqrt(3) / 2);
        int o1 = 2 * m;
        int o2 = 4 * m;
        if (split != null) {
            VectorRadixThree.butterflies(a, off, m, c, split[0], split[1], split[2], split[3]);
            third.complexForward(a, off);
            third.complexForward(a, off + o1);
            third.complexForward(a, off + o2);
            return;
        }
        for (int j = 0; j < m; j++) {
            int k0 = off + 2 * j;
            float a0r = a[k0];
            float a0i = a[k0 + 1];
            float a1r = a[k0 + o1];
            float a1i = a[k0 + o1 + 1];
            float a2r = a[k0 + o2];
            float a2i = a[k0 + o2 + 1];
            float sr = a1r + a2r;
            float si = a1i + a2i;
            float rr = c * (a1i - a2i);
            float ri = -c * (a1r - a2r);
            float hr = a0r - 0.5f * sr;
            float hi = a0i - 0.5f * si;
            a[k0] = a0r + sr;
            a[k0 + 1] = a0i + si;
            float t1r = hr + rr;
            float t1i = hi + ri;
            float t2r = hr - rr;
            float t2i = hi - ri;
            float w1r = twiddle1[2 * j];
            float w1i = twiddle1[2 * j + 1];
            float w2r = twiddle2[2 * j];
            float w2i = twiddle2[2 * j + 1];
            a[k0 + o1] = t1r * w1r - t1i * w1i;
            a[k0 + o1 + 1] = t1r * w1i + t1i * w1r;
            a[k0 + o2] = t2r * w2r - t2i * w2i;
            a[k0 + o2 + 1] = t2r * w2i + t2i * w2r;
        }
        third.complexForward(a, off);
        third.complexForward(a, off + o1);
        third.complexForward(a, off + o2);
    }

    /** Complex position of output X[j] after {@link #complexForwardPermuted}. */
    int position(int j) {
        return position(n, j);
    }

    /** Complex position of output X[j] of a length-n transform after {@link #complexForwardPermuted}. */
    static int position(int n, int j) {
        return splits(n) ? (j % 3) * (n / 3) + j / 3 : j;
    }

    private static boolean splits(int n) {
        int m = n / 3;
        return n % 3 == 0 && m >= 16 && Integer.bitCount(m) == 1;
    }

    int length() {
        return n;
    }
}
