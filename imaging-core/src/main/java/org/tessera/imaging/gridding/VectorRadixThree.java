package org.tessera.imaging.gridding;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The radix-3 butterflies of {@link RadixThreeFft} in SIMD at the gridder's width
 * ({@link GridderSpecies}): 8 (AVX-512) or 4 (AVX2) complex values of each third per step. Complex
 * products use the twiddles split as (re, re) and (-im, im) pairs: t w = t (wr, wr) + swap(t) (-wi, wi).
 */
final class VectorRadixThree {
    private static final VectorSpecies<Float> S = GridderSpecies.S;
    private static final int LANES = S.length();
    private static final VectorShuffle<Float> SWAP = VectorShuffle.fromOp(S, k -> k ^ 1);
    /** (im, -re) of each pair after a swap: multiplies by -i. */
    private static final FloatVector MINUS_I;

    static {
        float[] signs = new float[LANES];
        for (int k = 0; k < LANES; k++) {
            signs[k] = k % 2 == 0 ? 1f : -1f;
        }
        MINUS_I = FloatVector.fromArray(S, signs, 0);
    }

    private VectorRadixThree() {
    }

    /** The butterflies over the m complex values of each third at a[off] (m a multiple of 8). */
    static void butterflies(float[] a, int off, int m, float c, float[] w1re, float[] w1im, float[] w2re,
                            float[] w2im) {
        int o1 = 2 * m;
        int o2 = 4 * m;
        for (int k = 0; k < 2 * m; k += LANES) {
            int k0 = off + k;
            FloatVector a0 = FloatVector.fromArray(S, a, k0);
            FloatVector a1 = FloatVector.fromArray(S, a, k0 + o1);
            FloatVector a2 = FloatVector.fromArray(S, a, k0 + o2);
            FloatVector s = a1.add(a2);
            // c (a1 - a2) times -i: (c (a1i - a2i), -c (a1r - a2r))
            FloatVector r = a1.sub(a2).rearrange(SWAP).mul(MINUS_I).mul(c);
            FloatVector h = a0.sub(s.mul(0.5f));
            a0.add(s).intoArray(a, k0);
            FloatVector t1 = h.add(r);
            FloatVector t2 = h.sub(r);
            t1.mul(FloatVector.fromArray(S, w1re, k)).add(t1.rearrange(SWAP).mul(FloatVector.fromArray(S, w1im, k)))
                    .intoArray(a, k0 + o1);
            t2.mul(FloatVector.fromArray(S, w2re, k)).add(t2.rearrange(SWAP).mul(FloatVector.fromArray(S, w2im, k)))
                    .intoArray(a, k0 + o2);
        }
    }
}
