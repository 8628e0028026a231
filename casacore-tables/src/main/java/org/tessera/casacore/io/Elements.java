package org.tessera.casacore.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.tessera.casacore.table.DataType;

/**
 * Bulk decoding of stored elements into primitive Java arrays (the layouts of
 * {@link org.tessera.casacore.table.ArrayValue}), through ByteBuffer views so no
 * per-value objects are made.
 */
public final class Elements {
    private Elements() {
    }

    /**
     * Decodes n elements of type t stored at byte pos of src (in the given order) into dst
     * starting at element off. Bools are not handled here (they are bit-packed).
     */
    public static void decode(ByteBuffer src, int pos, ByteOrder order, DataType t, Object dst, int off, int n) {
        int width = t == DataType.TpComplex || t == DataType.TpDComplex ? 2 : 1;
        int elemBytes = t.byteSize() / width;
        if ((elemBytes == 4 || elemBytes == 8) && order == ByteOrder.BIG_ENDIAN && RawMemory.usable(src)) {
            RawMemory.copySwapped(src, pos, dst, width * off, width * n, elemBytes);
            return;
        }
        ByteBuffer b = src.slice(pos, src.limit() - pos).order(order);
        switch (t) {
            case TpChar, TpUChar -> b.get((byte[]) dst, off, n);
            case TpShort, TpUShort -> b.asShortBuffer().get((short[]) dst, off, n);
            case TpInt, TpUInt -> b.asIntBuffer().get((int[]) dst, off, n);
            case TpInt64 -> b.asLongBuffer().get((long[]) dst, off, n);
            case TpFloat -> b.asFloatBuffer().get((float[]) dst, off, n);
            case TpDouble -> b.asDoubleBuffer().get((double[]) dst, off, n);
            case TpComplex -> b.asFloatBuffer().get((float[]) dst, 2 * off, 2 * n);
            case TpDComplex -> b.asDoubleBuffer().get((double[]) dst, 2 * off, 2 * n);
            default -> throw new IllegalArgumentException("cannot bulk-decode " + t);
        }
    }

    /**
     * How many elements of type t an array from {@link #newArray} holds: readers compare it with a cell's
     * stored shape, which a damaged file can make larger than the caller expected.
     */
    public static int capacity(DataType t, Object dst) {
        int slots = java.lang.reflect.Array.getLength(dst);
        return t.elementType() == DataType.TpComplex || t.elementType() == DataType.TpDComplex ? slots / 2 : slots;
    }

    /** A new primitive array able to hold n elements of type t (String[] for strings). */
    public static Object newArray(DataType t, int n) {
        return switch (t.elementType()) {
            case TpBool -> new boolean[n];
            case TpChar, TpUChar -> new byte[n];
            case TpShort, TpUShort -> new short[n];
            case TpInt, TpUInt -> new int[n];
            case TpInt64 -> new long[n];
            case TpFloat -> new float[n];
            case TpDouble -> new double[n];
            case TpComplex -> new float[2 * n];
            case TpDComplex -> new double[2 * n];
            case TpString -> new String[n];
            default -> throw new IllegalArgumentException("no array storage for " + t);
        };
    }
}
