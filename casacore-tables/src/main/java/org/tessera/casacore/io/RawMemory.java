package org.tessera.casacore.io;

import java.lang.reflect.Field;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Copies through sun.misc.Unsafe (module jdk.unsupported, no JVM flags needed) that move
 * eight bytes per store: byte-swapping elements, twice as fast as the swapping ByteBuffer
 * views, and spreading packed bits to eight bools. Callers fall back to safe code when it is
 * unavailable.
 */
final class RawMemory {
    private static final sun.misc.Unsafe UNSAFE = lookup();
    /** Offset of java.nio.Buffer.address: the native address of a direct buffer's element 0. */
    private static final long ADDRESS = addressOffset();
    private static final long INT_BASE = sun.misc.Unsafe.ARRAY_INT_BASE_OFFSET;
    private static final long FLOAT_BASE = sun.misc.Unsafe.ARRAY_FLOAT_BASE_OFFSET;
    private static final long LONG_BASE = sun.misc.Unsafe.ARRAY_LONG_BASE_OFFSET;
    private static final long DOUBLE_BASE = sun.misc.Unsafe.ARRAY_DOUBLE_BASE_OFFSET;
    private static final long BOOLEAN_BASE = sun.misc.Unsafe.ARRAY_BOOLEAN_BASE_OFFSET;
    /** For every byte value, the eight bools (0 or 1 bytes) it packs, as one little-endian word. */
    private static final long[] SPREAD = new long[256];

    static {
        for (int v = 0; v < 256; v++) {
            for (int bit = 0; bit < 8; bit++) {
                SPREAD[v] |= (long) ((v >>> bit) & 1) << (8 * bit);
            }
        }
    }

    private RawMemory() {
    }

    private static sun.misc.Unsafe lookup() {
        try {
            Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            return (sun.misc.Unsafe) f.get(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static long addressOffset() {
        try {
            return UNSAFE == null ? -1 : UNSAFE.objectFieldOffset(Buffer.class.getDeclaredField("address"));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return -1;
        }
    }

    /** True when copies from src can use this class (a direct buffer on a little-endian host). */
    static boolean usable(ByteBuffer src) {
        // Unaligned eight-byte loads and the little-endian word tricks below need a little-endian host.
        return ADDRESS >= 0 && src.isDirect() && ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
    }

    /** Expands nBytes packed bytes of src at byte pos to 8 * nBytes bools in dst from off. */
    static void spreadBits(ByteBuffer src, int pos, int nBytes, boolean[] dst, int off) {
        if (pos < 0 || nBytes < 0 || off < 0 || pos + (long) nBytes > src.limit()
                || off + 8L * nBytes > dst.length) {
            throw new IndexOutOfBoundsException("spread of " + nBytes + " bytes from byte " + pos + " of "
                    + src.limit() + " into slot " + off + " of " + dst.length);
        }
        long from = UNSAFE.getLong(src, ADDRESS) + pos;
        long to = BOOLEAN_BASE + off;
        for (long j = 0; j < nBytes; j++) {
            UNSAFE.putLong(dst, to + 8 * j, SPREAD[UNSAFE.getByte(from + j) & 0xFF]);
        }
    }

    /**
     * Copies n big-endian elements of elemBytes (4 or 8) bytes from src at byte pos into dst (int[],
     * float[], long[] or double[]) at slot off, reversing each element's bytes. Bounds are
     * checked here, since Unsafe does not.
     */
    static void copySwapped(ByteBuffer src, int pos, Object dst, int off, int n, int elemBytes) {
        long bytes = (long) n * elemBytes;
        int length = java.lang.reflect.Array.getLength(dst);
        if (pos < 0 || n < 0 || off < 0 || pos + bytes > src.limit() || (long) off + n > length) {
            throw new IndexOutOfBoundsException("copy of " + n + " elements from byte " + pos + " of "
                    + src.limit() + " into slot " + off + " of " + length);
        }
        long from = UNSAFE.getLong(src, ADDRESS) + pos;
        long to = base(dst) + (long) off * elemBytes;
        long i = 0;
        if (elemBytes == 8) {
            for (; i < bytes; i += 8) {
                UNSAFE.putLong(dst, to + i, Long.reverseBytes(UNSAFE.getLong(from + i)));
            }
            return;
        }
        // Two big-endian 4-byte elements per load: reversing the word swaps their order too, so rotate back.
        for (; i + 8 <= bytes; i += 8) {
            UNSAFE.putLong(dst, to + i, Long.rotateLeft(Long.reverseBytes(UNSAFE.getLong(from + i)), 32));
        }
        if (i < bytes) {
            UNSAFE.putInt(dst, to + i, Integer.reverseBytes(UNSAFE.getInt(from + i)));
        }
    }

    private static long base(Object dst) {
        if (dst instanceof float[]) {
            return FLOAT_BASE;
        }
        if (dst instanceof int[]) {
            return INT_BASE;
        }
        if (dst instanceof double[]) {
            return DOUBLE_BASE;
        }
        if (dst instanceof long[]) {
            return LONG_BASE;
        }
        throw new IllegalArgumentException("no swapped copy into " + dst.getClass().getSimpleName());
    }
}
