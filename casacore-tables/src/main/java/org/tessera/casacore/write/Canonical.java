package org.tessera.casacore.write;

import java.nio.ByteBuffer;
import org.tessera.casacore.table.DataType;

/**
 * Values in casacore's canonical big-endian form, as the data managers of a big-endian table
 * store them. Complex values are interleaved (re, im) floats or doubles; Bool values are
 * bit-packed.
 */
final class Canonical {
    private Canonical() {
    }

    /** Bytes that n elements of the type take on disk. */
    static long byteCount(DataType element, long n) {
        return element == DataType.TpBool ? (n + 7) / 8 : n * element.byteSize();
    }

    /** Encodes the values of a primitive array (see {@link org.tessera.casacore.table.ArrayValue}). */
    static byte[] encode(DataType element, Object data) {
        return encode(element, data, 0, java.lang.reflect.Array.getLength(data));
    }

    /** Encodes n array slots from slot off on (a complex value takes two slots). */
    static byte[] encode(DataType element, Object data, int off, int n) {
        switch (element) {
            case TpBool: {
                byte[] out = new byte[(n + 7) / 8];
                BitPacking.pack((boolean[]) data, off, n, out, 0, 0);
                return out;
            }
            case TpChar:
            case TpUChar:
                return java.util.Arrays.copyOfRange((byte[]) data, off, off + n);
            default:
                break;
        }
        int width = element == DataType.TpComplex ? 4 : element == DataType.TpDComplex ? 8 : element.byteSize();
        ByteBuffer b = ByteBuffer.allocate(n * width);
        switch (element) {
            case TpShort, TpUShort -> b.asShortBuffer().put((short[]) data, off, n);
            case TpInt, TpUInt -> b.asIntBuffer().put((int[]) data, off, n);
            case TpInt64 -> b.asLongBuffer().put((long[]) data, off, n);
            case TpFloat, TpComplex -> b.asFloatBuffer().put((float[]) data, off, n);
            case TpDouble, TpDComplex -> b.asDoubleBuffer().put((double[]) data, off, n);
            default -> throw new IllegalArgumentException("cannot encode values of type " + element);
        }
        return b.array();
    }

    /** Encodes one boxed scalar (Number, Boolean, Complex, DComplex). */
    static byte[] encodeScalar(DataType type, Object v) {
        ByteBuffer b = ByteBuffer.allocate(Math.max(1, type.byteSize()));
        switch (type) {
            case TpBool -> b.put((byte) (((Boolean) v) ? 1 : 0));
            case TpChar, TpUChar -> b.put(((Number) v).byteValue());
            case TpShort, TpUShort -> b.putShort(((Number) v).shortValue());
            case TpInt, TpUInt -> b.putInt(((Number) v).intValue());
            case TpInt64 -> b.putLong(((Number) v).longValue());
            case TpFloat -> b.putFloat(((Number) v).floatValue());
            case TpDouble -> b.putDouble(((Number) v).doubleValue());
            case TpComplex -> {
                org.tessera.casacore.table.Complex c = (org.tessera.casacore.table.Complex) v;
                b.putFloat(c.re()).putFloat(c.im());
            }
            case TpDComplex -> {
                org.tessera.casacore.table.DComplex c = (org.tessera.casacore.table.DComplex) v;
                b.putDouble(c.re()).putDouble(c.im());
            }
            default -> throw new IllegalArgumentException("cannot encode a scalar of type " + type);
        }
        return b.array();
    }
}
