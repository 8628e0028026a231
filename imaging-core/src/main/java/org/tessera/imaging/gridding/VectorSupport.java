package org.tessera.imaging.gridding;

import java.util.Optional;

/**
 * Whether the gridder's SIMD path can run: the incubating Vector API module is in the boot layer
 * (java --add-modules jdk.incubator.vector) and the CPU has 16 float lanes (AVX-512). Otherwise, or
 * with -Dtessera.gridder.scalar=true, the scalar loops grid the same values. This class names no
 * Vector API type, so it loads without the module.
 */
final class VectorSupport {
    static final boolean AVAILABLE = detect();
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

    private static boolean detect() {
        if (Boolean.getBoolean("tessera.gridder.scalar")) {
            return false;
        }
        Optional<Module> module = ModuleLayer.boot().findModule("jdk.incubator.vector");
        if (module.isEmpty()) {
            return false;
        }
        try {
            return VectorPlaneGridding.lanes() >= VectorPlaneGridding.LANES;
        } catch (LinkageError e) {
            return false;
        }
    }
}
