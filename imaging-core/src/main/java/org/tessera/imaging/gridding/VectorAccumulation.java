package org.tessera.imaging.gridding;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/** {@link ReducedInversion#addRealProduct} in 16-lane SIMD: 16 complex products per step. */
final class VectorAccumulation {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
    private static final int LANES = 16;
    /** Lane 2k + 1 moved onto lane 2k (and back), to add each pair's two products. */
    private static final VectorShuffle<Float> SWAP = VectorShuffle.fromOp(S, k -> k ^ 1);
    /** Even lanes of the first vector to lanes 0..7, even lanes of the second to lanes 8..15. */
    private static final VectorShuffle<Float> EVENS = VectorShuffle.fromOp(S, k -> k < 8 ? 2 * k : 2 * (k - 8) - LANES);

    void addRealProduct(float[] f, int fo, float[] s, int so, float[] out, int o, int n) {
        int i = 0;
        for (; i + LANES <= n; i += LANES) {
            FloatVector p1 = FloatVector.fromArray(S, f, fo + 2 * i).mul(FloatVector.fromArray(S, s, so + 2 * i));
            FloatVector p2 = FloatVector.fromArray(S, f, fo + 2 * i + LANES)
                    .mul(FloatVector.fromArray(S, s, so + 2 * i + LANES));
            FloatVector r1 = p1.add(p1.rearrange(SWAP));
            FloatVector r2 = p2.add(p2.rearrange(SWAP));
            r1.rearrange(EVENS, r2).add(FloatVector.fromArray(S, out, o + i)).intoArray(out, o + i);
        }
        ReducedInversion.addRealProduct(f, fo + 2 * i, s, so + 2 * i, out, o + i, n - i);
    }
}
