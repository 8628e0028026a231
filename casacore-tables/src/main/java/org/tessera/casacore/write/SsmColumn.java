package org.tessera.casacore.write;

import org.tessera.casacore.table.ColumnDesc;
import org.tessera.casacore.table.DataType;

/**
 * How one column is stored in a StandardStMan bucket (SSMColumn, SSMDirColumn, SSMIndColumn,
 * SSMIndStringColumn), and how many bits a row of it takes there.
 *
 * @param name     column name
 * @param kind     storage kind
 * @param type     element data type
 * @param shape    the fixed cell shape of array columns that have one, else null
 * @param nElem    elements per cell for fixed shapes (1 for scalars)
 * @param maxLength fixed string length for {@link Kind#FIXED_STRING}
 */
record SsmColumn(String name, Kind kind, DataType type, int[] shape, int nElem, int maxLength) {
    enum Kind {
        /** Numeric or Bool scalar, stored in the bucket (Bool as one bit). */
        SCALAR,
        /** Variable-length string: 8 inline bytes + length, or (bucket, offset, length) into the heap. */
        STRING,
        /** String with a maximum length: stored inline in maxLength bytes. */
        FIXED_STRING,
        /** Fixed-shape array stored in the bucket (Bool bit-packed). */
        DIRECT,
        /** Fixed-shape string array: (bucket, offset, length) of its strings in the heap. */
        DIRECT_STRINGS,
        /** Array in table.f0i, the bucket holding its Int64 file offset (0 = undefined). */
        INDIRECT,
        /** Variable-shape string array: (bucket, offset, length) of shape + strings in the heap. */
        INDIRECT_STRINGS
    }

    /** The storage a column description asks for. */
    static SsmColumn of(ColumnDesc d) {
        DataType t = d.dataType();
        if (!d.isArray()) {
            if (t == DataType.TpString) {
                return d.maxLength() > 0
                        ? new SsmColumn(d.name(), Kind.FIXED_STRING, t, null, 1, d.maxLength())
                        : new SsmColumn(d.name(), Kind.STRING, t, null, 1, 0);
            }
            requireSized(d);
            return new SsmColumn(d.name(), Kind.SCALAR, t, null, 1, 0);
        }
        int[] shape = d.isFixedShape() && d.shape().length > 0 ? d.shape() : null;
        int n = 1;
        if (shape != null) {
            for (int s : shape) {
                n = Math.multiplyExact(n, s);
            }
        }
        if (t == DataType.TpString) {
            if (d.maxLength() > 0 && d.isDirect()) {
                throw new IllegalArgumentException("column " + d.name()
                        + ": direct string arrays with a maximum length are not supported");
            }
            // A fixed shape makes SSMIndStringColumn behave as a direct column.
            return new SsmColumn(d.name(), shape != null ? Kind.DIRECT_STRINGS : Kind.INDIRECT_STRINGS, t, shape, n, 0);
        }
        requireSized(d);
        if (d.isDirect()) {
            if (shape == null) {
                throw new IllegalArgumentException("column " + d.name() + " is Direct but has no fixed shape");
            }
            return new SsmColumn(d.name(), Kind.DIRECT, t, shape, n, 0);
        }
        return new SsmColumn(d.name(), Kind.INDIRECT, t, shape, n, 0);
    }

    private static void requireSized(ColumnDesc d) {
        if (d.dataType().byteSize() == 0 || d.dataType().isArray()) {
            throw new IllegalArgumentException("column " + d.name() + " has type " + d.dataType()
                    + ", which a StandardStMan cannot store");
        }
    }

    /** Bits one row takes in a bucket (SSMColumn::getExternalSizeBits). */
    long bitsPerRow() {
        return switch (kind) {
            case SCALAR -> type == DataType.TpBool ? 1 : 8L * type.byteSize();
            case DIRECT -> type == DataType.TpBool ? nElem : 8L * type.byteSize() * nElem;
            case STRING, DIRECT_STRINGS, INDIRECT_STRINGS -> 96;
            case FIXED_STRING -> 8L * maxLength;
            case INDIRECT -> 64;
        };
    }

    /** True when every row must hold an array of the fixed shape (casacore allocates one per row). */
    boolean alwaysDefined() {
        return kind == Kind.DIRECT || kind == Kind.DIRECT_STRINGS || (kind == Kind.INDIRECT && shape != null);
    }
}
