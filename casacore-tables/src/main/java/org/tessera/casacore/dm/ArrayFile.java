package org.tessera.casacore.dm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.tessera.casacore.CasacoreException;
import org.tessera.casacore.io.Bits;
import org.tessera.casacore.io.Counts;
import org.tessera.casacore.io.DataFile;
import org.tessera.casacore.io.Elements;
import org.tessera.casacore.table.DataType;

/**
 * The file of indirectly stored arrays, {@code table.f<n>i} ({@code StArrayFile.cc}):
 * each array is [reference count (version 1)] ndim, shape, values, at the offset its cell
 * stores.
 */
final class ArrayFile implements AutoCloseable {
    private final DataFile file;
    private final ByteOrder order;
    private final int version;
    private long cachedOffset = -1;
    private int[] cachedShape;
    private long cachedDataStart;

    ArrayFile(DataFile file, ByteOrder order) {
        this.file = file;
        this.order = order;
        this.version = file.read(0, 4).order(order).getInt();
    }

    /** Shape of the array of element type {@code type} stored at offset. */
    int[] shape(long offset, DataType type) {
        locate(offset, type);
        return cachedShape.clone();
    }

    /** Reads the array at offset into dst from element off; returns its element count. */
    int read(long offset, DataType type, Object dst, int off) {
        int count = locate(offset, type);
        if ((long) off + count > Elements.capacity(type, dst)) {
            throw new CasacoreException(file.path(), "the array at byte " + offset + " has shape "
                    + Arrays.toString(cachedShape) + ", larger than its cell's shape");
        }
        switch (type) {
            case TpBool -> {
                ByteBuffer b = file.read(cachedDataStart, (count + 7) / 8);
                Bits.unpack(b, 0, 0, (boolean[]) dst, off, count);
            }
            case TpString -> readStrings(count, (String[]) dst, off);
            default -> {
                int elem = type.byteSize();
                ByteBuffer b = file.read(cachedDataStart, Math.multiplyExact(count, elem));
                Elements.decode(b, 0, order, type, dst, off, count);
            }
        }
        return count;
    }

    private void readStrings(int count, String[] dst, int off) {
        ByteBuffer offsets = file.read(cachedDataStart, 4 * count).order(order);
        for (int i = 0; i < count; i++) {
            long at = offsets.getInt(4 * i) & 0xFFFFFFFFL;
            if (at == 0) {
                dst[off + i] = "";
                continue;
            }
            int len = file.read(at, 4).order(order).getInt();
            if (len < 0) {
                throw new CasacoreException(file.path(), "corrupt string length " + len + " at byte " + at);
            }
            ByteBuffer s = file.read(at + 4, len);
            dst[off + i] = new String(s.array(), 0, len, StandardCharsets.ISO_8859_1);
        }
    }

    /** Reads the shape of the array at offset (unless cached) and returns its element count. */
    private int locate(long offset, DataType type) {
        if (cachedShape == null || offset != cachedOffset) {
            readShape(offset);
        }
        // The values must lie in the file: then the count, which sizes the caller's arrays, is bounded by it.
        long bits = type == DataType.TpBool ? 1 : 8L * (type == DataType.TpString ? 4 : type.byteSize());
        long fits = Math.min(Integer.MAX_VALUE, Math.max(0, 8 * (file.size() - cachedDataStart)) / bits);
        long count = Counts.product(cachedShape);
        if (count > fits) {
            throw new CasacoreException(file.path(), "corrupt array at byte " + offset + ": shape "
                    + Arrays.toString(cachedShape) + " of " + type + " does not fit in the "
                    + Math.max(0, file.size() - cachedDataStart) + " bytes after it");
        }
        return (int) count;
    }

    private void readShape(long offset) {
        long pos = offset + (version > 0 ? 4 : 0);
        int ndim = file.read(pos, 4).order(order).getInt();
        if (ndim < 0 || ndim > 32) {
            throw new CasacoreException(file.path(), "corrupt array at byte " + offset + ": ndim " + ndim);
        }
        ByteBuffer s = file.read(pos + 4, 4 * ndim).order(order);
        int[] shape = new int[ndim];
        for (int i = 0; i < ndim; i++) {
            shape[i] = s.getInt();
            if (shape[i] < 0) {
                throw new CasacoreException(file.path(), "corrupt array shape at byte " + offset);
            }
        }
        cachedOffset = offset;
        cachedShape = shape;
        cachedDataStart = pos + 4 + 4L * ndim;
    }

    @Override
    public void close() {
        file.close();
    }
}
