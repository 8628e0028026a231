package org.tessera.casacore.io;

/**
 * casacore's bit-packed Bools ({@code casa/OS/Conversion.cc}): eight per byte, least
 * significant bit first.
 */
public final class Bits {
    private Bits() {
    }

    /** Unpacks n bools starting at bit {@code bitOffset} of {@code packed}. */
    public static void unpack(byte[] packed, long bitOffset, boolean[] dst, int off, int n) {
        for (int i = 0; i < n; i++) {
            long bit = bitOffset + i;
            dst[off + i] = (packed[(int) (bit >>> 3)] & (1 << (bit & 7))) != 0;
        }
    }

    /** Unpacks n bools starting at bit {@code bitOffset} counted from {@code base} in buffer. */
    public static void unpack(java.nio.ByteBuffer packed, int base, long bitOffset, boolean[] dst, int off, int n) {
        for (int i = 0; i < n; i++) {
            long bit = bitOffset + i;
            dst[off + i] = (packed.get(base + (int) (bit >>> 3)) & (1 << (bit & 7))) != 0;
        }
    }
}
