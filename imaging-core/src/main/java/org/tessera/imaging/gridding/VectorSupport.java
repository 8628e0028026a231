package org.tessera.imaging.gridding;

import java.util.Optional;

/**
 * Whether the gridder's SIMD path can run: the incubating Vector API module is in the boot layer
 * (java --add-modules jdk.incubator.vector) and the CPU has 8 float lanes (AVX2) or more, or
 * -Dtessera.gridder.lanes=8|16 asks for a width ({@link GridderSpecies}). Otherwise, or with
 * -Dtessera.gridder.scalar=true, the scalar loops grid the same values. This class names no Vector
 * API type, so it loads without the module.
 */
final class VectorSupport {
    /** The gridding loops' float lanes (8 or 16), 0 when they run scalar. */
    static final int LANES = detect();
    static final boolean AVAILABLE = LANES > 0;
    /** Whether {@link BlockFft} runs its butterflies on the Vector API (any width that divides its tile). */
    static final boolean BLOCK_FFT = detectBlockFft();

    private VectorSupport() {
    }

    private static boolean detectBlockFft() {
        if (Boolean.getBoolean("tessera.gridder.scalar")
                || ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return false;
        }
        try {
            return BlockFft.WIDTH % VectorBlockFft.lanes() == 0;
        } catch (LinkageError e) {
            return false;
        }
    }

    private static int detect() {
        String forced = System.getProperty(GridderSpecies.LANES_PROPERTY);
        if (forced != null && !forced.equals("8") && !forced.equals("16")) {
            throw new IllegalArgumentException(GridderSpecies.LANES_PROPERTY + " must be 8 or 16, not " + forced);
        }
        if (Boolean.getBoolean("tessera.gridder.scalar")) {
            return 0;
        }
        Optional<Module> module = ModuleLayer.boot().findModule("jdk.incubator.vector");
        if (module.isEmpty()) {
            return 0;
        }
        try {
            return GridderSpecies.lanes();
        } catch (LinkageError e) {
            return 0;
        }
    }
}
