package org.tessera.casacore.io;

import java.nio.ByteBuffer;

/**
 * casacore's bit-packed Bools ({@code casa/OS/Conversion.cc}): eight per byte, least
 * significant bit first.
 */
public final class Bits {
    /** The eight bools of every byte value: whole bytes unpack with one table copy instead of eight bit tests. */
    private static final boolean[][] SPREAD = new boolean[256][8];

    static {
        for (int v = 0; v < 256; v++) {
            for (int bit = 0; bit < 8; bit++) {
                SPREAD[v][bit] = (v & (1 << bit)) != 0;
            }
        }
    }

    private Bits() {
    }

    /** Unpacks n bools starting at bit {@code bitOffset} of {@code packed}. */
    public static void unpack(byte[] packed, long bitOffset, boolean[] dst, int off, int n) {
        unpack(ByteBuffer.wrap(packed), 0, bitOffset, dst, off, n);
    }

    /** Unpacks n bools starting at bit {@code bitOffset} counted from {@code base} in buffer. */
    public static void unpack(ByteBuffer packed, int base, long bitOffset, boolean[] dst, int off, int n) {
        if (n <= 0) {
            return;
        }
        int first = base + (int) (bitOffset >>> 3);
        int lead = (int) (bitOffset & 7);
        int i = 0;
        // Bits before the first whole byte, then eight at a time, then the tail.
        for (; i < n && ((lead + i) & 7) != 0; i++) {
            dst[off + i] = bit(packed, first, lead + i);
        }
        int at = first + ((lead + i) >>> 3);
        int whole = (n - i) >>> 3;
        if (RawMemory.usable(packed)) {
            RawMemory.spreadBits(packed, at, whole, dst, off + i);
            i += 8 * whole;
        } else {
            for (int j = 0; j < whole; j++, i += 8) {
                System.arraycopy(SPREAD[packed.get(at + j) & 0xFF], 0, dst, off + i, 8);
            }
        }
        for (; i < n; i++) {
            dst[off + i] = bit(packed, first, lead + i);
        }
    }

    private static boolean bit(ByteBuffer packed, int first, int bit) {
        return (packed.get(first + (bit >>> 3)) & (1 << (bit & 7))) != 0;
    }
}
