package org.tessera.imaging.gridding;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float width of the gridding SIMD loops: the CPU's own, 16 lanes with AVX-512 or
 * 8 with AVX2, or the width forced with -Dtessera.gridder.lanes=8|16 (16 on an AVX2 CPU runs the
 * Vector API's slow emulation: for tests of that path). One static constant, so that the JIT
 * compiles every operation at that one machine width. A CPU with fewer than 8 float lanes runs
 * the scalar loops.
 */
final class GridderSpecies {
    static final String LANES_PROPERTY = "tessera.gridder.lanes";
    static final VectorSpecies<Float> S = choose();

    private GridderSpecies() {
    }

    /** Lanes of {@link #S}, or 0 unless they were forced or the CPU has at least 8: no SIMD loops then. */
    static int lanes() {
        boolean forced = System.getProperty(LANES_PROPERTY) != null;
        return forced || FloatVector.SPECIES_PREFERRED.length() >= 8 ? S.length() : 0;
    }

    private static VectorSpecies<Float> choose() {
        String forced = System.getProperty(LANES_PROPERTY);
        int lanes = forced == null ? FloatVector.SPECIES_PREFERRED.length() : Integer.parseInt(forced);
        return lanes >= 16 ? FloatVector.SPECIES_512 : FloatVector.SPECIES_256;
    }
}
