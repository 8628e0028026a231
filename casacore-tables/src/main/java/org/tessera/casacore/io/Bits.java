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
        int first = base + (int) (bitOffset >>> 3);
        int lead = (int) (bitOffset & 7);
        byte[] bytes = new byte[(lead + n + 7) >>> 3];
        packed.get(first, bytes);
        int i = 0;
        // Bits before the first whole byte, then eight at a time, then the tail.
        for (; i < n && ((lead + i) & 7) != 0; i++) {
            dst[off + i] = (bytes[(lead + i) >>> 3] & (1 << ((lead + i) & 7))) != 0;
        }
        for (; i + 8 <= n; i += 8) {
            int b = bytes[(lead + i) >>> 3];
            int d = off + i;
            dst[d] = (b & 1) != 0;
            dst[d + 1] = (b & 2) != 0;
            dst[d + 2] = (b & 4) != 0;
            dst[d + 3] = (b & 8) != 0;
            dst[d + 4] = (b & 16) != 0;
            dst[d + 5] = (b & 32) != 0;
            dst[d + 6] = (b & 64) != 0;
            dst[d + 7] = (b & 128) != 0;
        }
        for (; i < n; i++) {
            dst[off + i] = (bytes[(lead + i) >>> 3] & (1 << ((lead + i) & 7))) != 0;
        }
    }
}
