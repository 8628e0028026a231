package org.tessera.imaging.gridding;

import org.jtransforms.fft.FloatFFT_1D;

/**
 * Forward complex FFTs (exp(-2 pi i jk/n), as JTransforms' complexForward) of {@link #WIDTH}
 * columns at once, in place, in a tile with split real and imaginary parts: value r of column b
 * sits at tile[r * 2 WIDTH + b] (real) and tile[r * 2 WIDTH + WIDTH + b] (imaginary). Every
 * butterfly then works on whole rows of the tile, lane by lane, with one scalar twiddle, which the
 * Vector API ({@link VectorBlockFft}) or the JIT turns into SIMD without any shuffle.
 *
 * <p>n = 2^k: radix-2 decimation in frequency (Gentleman-Sande), two stages per pass over the tile
 * (radix 2^2); n = 3 * 2^k: one radix-3 step first, then the three thirds. The output is left in
 * digit-reversed order: X[j] at row {@link #position}(j). Other lengths go column by column through
 * JTransforms (natural order). Not thread-safe (one scratch column): one per thread.
 */
final class BlockFft {
    /** Columns per tile. */
    static final int WIDTH = 16;
    /** Floats per tile row: WIDTH real parts, then WIDTH imaginary parts. */
    static final int ROW = 2 * WIDTH;

    private final int n;
    /** Length of each power-of-two transform (n, or n/3 after the radix-3 step); 0 for JTransforms. */
    private final int m;
    private final boolean radixThree;
    /** exp(-2 pi i j/m) for j in [0, m/2). */
    private final float[] cos;
    private final float[] sin;
    /** exp(-2 pi i 3j/m) for j in [0, m/4): the radix-4 butterfly's third twiddle, w^3. */
    private final float[] cos3;
    private final float[] sin3;
    /** Radix-3 twiddles exp(-2 pi i j/n) and exp(-4 pi i j/n) for j in [0, m). */
    private final float[] w1re;
    private final float[] w1im;
    private final float[] w2re;
    private final float[] w2im;
    private final int[] position;
    private final FloatFFT_1D whole;
    private final float[] column;
    private final VectorBlockFft simd;

    BlockFft(int n) {
        this.n = n;
        int twos = Integer.bitCount(n) == 1 ? n : n % 3 == 0 && Integer.bitCount(n / 3) == 1 ? n / 3 : 0;
        radixThree = twos != 0 && twos != n;
        m = twos >= 2 ? twos : 0;
        position = new int[n];
        if (m == 0) {
            whole = new FloatFFT_1D(n);
            column = new float[2 * n];
            cos = sin = cos3 = sin3 = w1re = w1im = w2re = w2im = null;
            simd = null;
            for (int j = 0; j < n; j++) {
                position[j] = j;
            }
            return;
        }
        whole = null;
        column = null;
        cos = new float[m / 2];
        sin = new float[m / 2];
        for (int j = 0; j < m / 2; j++) {
            double phase = -2 * Math.PI * j / m;
            cos[j] = (float) Math.cos(phase);
            sin[j] = (float) Math.sin(phase);
        }
        cos3 = new float[Math.max(1, m / 4)];
        sin3 = new float[cos3.length];
        for (int j = 0; j < m / 4; j++) {
            double phase = -2 * Math.PI * 3 * j / m;
            cos3[j] = (float) Math.cos(phase);
            sin3[j] = (float) Math.sin(phase);
        }
        int thirds = radixThree ? m : 0;
        w1re = new float[thirds];
        w1im = new float[thirds];
        w2re = new float[thirds];
        w2im = new float[thirds];
        for (int j = 0; j < thirds; j++) {
            double phase = -2 * Math.PI * j / n;
            w1re[j] = (float) Math.cos(phase);
            w1im[j] = (float) Math.sin(phase);
            w2re[j] = (float) Math.cos(2 * phase);
            w2im[j] = (float) Math.sin(2 * phase);
        }
        int bits = Integer.numberOfTrailingZeros(m);
        for (int j = 0; j < n; j++) {
            int third = radixThree ? j % 3 : 0;
            int k = radixThree ? j / 3 : j;
            position[j] = third * m + (Integer.reverse(k) >>> (32 - bits));
        }
        simd = VectorSupport.BLOCK_FFT ? new VectorBlockFft() : null;
    }

    int length() {
        return n;
    }

    /** Whether length n runs on the blocked butterflies (2^k or 3 * 2^k, at least 4), not column by column. */
    static boolean isFast(int n) {
        int twos = n % 3 == 0 ? n / 3 : n;
        return twos >= 4 && Integer.bitCount(twos) == 1;
    }

    /** Smallest length of at least n that {@link #isFast}. */
    static int fastLength(int n) {
        int best = Integer.MAX_VALUE;
        for (long p = 4; p < 2L * Math.max(n, 4); p *= 2) {
            if (p >= n) {
                best = (int) Math.min(best, p);
            }
            if (3 * p >= n) {
                best = (int) Math.min(best, 3 * p);
            }
        }
        return best;
    }

    /** Tile row of output X[j]. */
    int position(int j) {
        return position[j];
    }

    /** Transforms the WIDTH columns of the n-row tile at tile[off]. */
    void transform(float[] tile, int off) {
        if (m == 0) {
            byColumn(tile, off);
            return;
        }
        if (radixThree) {
            if (simd != null) {
                simd.radixThree(tile, off, m, w1re, w1im, w2re, w2im);
            } else {
                radixThree(tile, off);
            }
            for (int t = 0; t < 3; t++) {
                powerOfTwo(tile, off + t * m * ROW);
            }
        } else {
            powerOfTwo(tile, off);
        }
    }

    /** The m-point radix-2 DIF stages, two per pass; a last single stage when log2 m is odd. */
    private void powerOfTwo(float[] tile, int off) {
        int len = m;
        for (; len >= 4; len /= 4) {
            int step = m / len;
            for (int start = 0; start < m; start += len) {
                for (int j = 0; j < len / 4; j++) {
                    int p = off + (start + j) * ROW;
                    int q = len / 4 * ROW;
                    float wr = cos[j * step];
                    float wi = sin[j * step];
                    float vr = cos[2 * j * step];
                    float vi = sin[2 * j * step];
                    float ur = cos3[j * step];
                    float ui = sin3[j * step];
                    if (simd != null) {
                        simd.radixFour(tile, p, q, wr, wi, vr, vi, ur, ui);
                    } else {
                        radixFour(tile, p, q, wr, wi, vr, vi, ur, ui);
                    }
                }
            }
        }
        if (len == 2) {
            for (int start = 0; start < m; start += 2) {
                int p = off + start * ROW;
                if (simd != null) {
                    simd.radixTwo(tile, p, ROW);
                } else {
                    radixTwo(tile, p, ROW);
                }
            }
        }
    }

    /**
     * Two radix-2 DIF stages on rows p, p+q, p+2q, p+3q: (0,2) and (1,3) with twiddles w and w (-i)
     * (the twiddle a quarter period on), then (0,1) and (2,3) with v = w^2. The second stage's
     * (2,3) pair takes its twiddles merged: (d0 + d1) w and (d0 - d1) u with u = w^3, three
     * complex multiplies instead of four.
     */
    static void radixFour(float[] t, int p, int q, float wr, float wi, float vr, float vi, float ur, float ui) {
        int p1 = p + q;
        int p2 = p + 2 * q;
        int p3 = p + 3 * q;
        for (int b = 0; b < WIDTH; b++) {
            int r = b;
            int i = WIDTH + b;
            float a0r = t[p + r] + t[p2 + r];
            float a0i = t[p + i] + t[p2 + i];
            float d0r = t[p + r] - t[p2 + r];
            float d0i = t[p + i] - t[p2 + i];
            float a1r = t[p1 + r] + t[p3 + r];
            float a1i = t[p1 + i] + t[p3 + i];
            // (a1 - a3) (-i)
            float d1r = t[p1 + i] - t[p3 + i];
            float d1i = t[p3 + r] - t[p1 + r];
            t[p + r] = a0r + a1r;
            t[p + i] = a0i + a1i;
            float er = a0r - a1r;
            float ei = a0i - a1i;
            t[p1 + r] = er * vr - ei * vi;
            t[p1 + i] = er * vi + ei * vr;
            float sr = d0r + d1r;
            float si = d0i + d1i;
            t[p2 + r] = sr * wr - si * wi;
            t[p2 + i] = sr * wi + si * wr;
            float fr = d0r - d1r;
            float fi = d0i - d1i;
            t[p3 + r] = fr * ur - fi * ui;
            t[p3 + i] = fr * ui + fi * ur;
        }
    }

    /** The last radix-2 stage (twiddle 1) on rows p and p+q. */
    static void radixTwo(float[] t, int p, int q) {
        for (int k = 0; k < ROW; k++) {
            float a = t[p + k];
            float c = t[p + q + k];
            t[p + k] = a + c;
            t[p + q + k] = a - c;
        }
    }

    /** The radix-3 DIF step: rows j, j+m, j+2m to their sum and the twiddled differences. */
    private void radixThree(float[] t, int off) {
        final float c = (float) (Math.sqrt(3) / 2);
        for (int j = 0; j < m; j++) {
            int p0 = off + j * ROW;
            int p1 = p0 + m * ROW;
            int p2 = p1 + m * ROW;
            for (int b = 0; b < WIDTH; b++) {
                int r = b;
                int i = WIDTH + b;
                float sr = t[p1 + r] + t[p2 + r];
                float si = t[p1 + i] + t[p2 + i];
                float rr = c * (t[p1 + i] - t[p2 + i]);
                float ri = -c * (t[p1 + r] - t[p2 + r]);
                float hr = t[p0 + r] - 0.5f * sr;
                float hi = t[p0 + i] - 0.5f * si;
                t[p0 + r] += sr;
                t[p0 + i] += si;
                float t1r = hr + rr;
                float t1i = hi + ri;
                float t2r = hr - rr;
                float t2i = hi - ri;
                t[p1 + r] = t1r * w1re[j] - t1i * w1im[j];
                t[p1 + i] = t1r * w1im[j] + t1i * w1re[j];
                t[p2 + r] = t2r * w2re[j] - t2i * w2im[j];
                t[p2 + i] = t2r * w2im[j] + t2i * w2re[j];
            }
        }
    }

    private void byColumn(float[] tile, int off) {
        for (int b = 0; b < WIDTH; b++) {
            for (int r = 0; r < n; r++) {
                column[2 * r] = tile[off + r * ROW + b];
                column[2 * r + 1] = tile[off + r * ROW + WIDTH + b];
            }
            whole.complexForward(column, 0);
            for (int r = 0; r < n; r++) {
                tile[off + r * ROW + b] = column[2 * r];
                tile[off + r * ROW + WIDTH + b] = column[2 * r + 1];
            }
        }
    }
}
