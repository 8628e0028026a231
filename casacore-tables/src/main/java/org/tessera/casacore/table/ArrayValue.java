package org.tessera.casacore.table;

import java.util.Arrays;

/**
 * An N-dimensional casacore array: shape in Fortran order (first axis varies fastest) and
 * the values in that order in one primitive Java array.
 *
 * <p>Storage per element type: TpBool boolean[], TpChar/TpUChar byte[], TpShort/TpUShort
 * short[], TpInt/TpUInt int[], TpInt64 long[], TpFloat float[], TpDouble double[],
 * TpComplex float[] and TpDComplex double[] as interleaved (re, im) pairs, TpString String[].
 * Unsigned types keep their bit pattern.
 */
public final class ArrayValue {
    private final DataType elementType;
    private final int[] shape;
    private final Object data;

    public ArrayValue(DataType elementType, int[] shape, Object data) {
        this.elementType = elementType.elementType();
        this.shape = shape.clone();
        this.data = data;
        long n = size();
        int stored = java.lang.reflect.Array.getLength(data);
        int perElement = (this.elementType == DataType.TpComplex || this.elementType == DataType.TpDComplex) ? 2 : 1;
        if (stored != n * perElement) {
            throw new IllegalArgumentException("array of shape " + Arrays.toString(shape)
                    + " needs " + n * perElement + " values, got " + stored);
        }
    }

    /** Element type (a scalar DataType such as TpFloat). */
    public DataType elementType() {
        return elementType;
    }

    /** Shape in Fortran order. */
    public int[] shape() {
        return shape.clone();
    }

    public int ndim() {
        return shape.length;
    }

    /** Number of elements (product of the shape; 1 for a zero-dimensional array). */
    public long size() {
        long n = 1;
        for (int s : shape) {
            n *= s;
        }
        return n;
    }

    /** The backing primitive array itself (not a copy), see the class comment for its type. */
    public Object data() {
        return data;
    }

    public boolean[] booleans() {
        return (boolean[]) data;
    }

    public byte[] bytes() {
        return (byte[]) data;
    }

    public short[] shorts() {
        return (short[]) data;
    }

    public int[] ints() {
        return (int[]) data;
    }

    public long[] longs() {
        return (long[]) data;
    }

    /** TpFloat values, or TpComplex as interleaved (re, im). */
    public float[] floats() {
        return (float[]) data;
    }

    /** TpDouble values, or TpDComplex as interleaved (re, im). */
    public double[] doubles() {
        return (double[]) data;
    }

    public String[] strings() {
        return (String[]) data;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ArrayValue a)) {
            return false;
        }
        return elementType == a.elementType && Arrays.equals(shape, a.shape)
                && Arrays.deepEquals(new Object[] {data}, new Object[] {a.data});
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.deepHashCode(new Object[] {data});
    }

    @Override
    public String toString() {
        return "Array<" + elementType + ">" + Arrays.toString(shape);
    }
}
