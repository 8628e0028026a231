package org.tessera.casacore.table;

/**
 * casacore data types with the numeric ids of {@code casa/Utilities/DataType.h}; the ids
 * are what table.dat and the data managers store.
 */
public enum DataType {
    TpBool(0, 1), TpChar(1, 1), TpUChar(2, 1), TpShort(3, 2), TpUShort(4, 2), TpInt(5, 4),
    TpUInt(6, 4), TpFloat(7, 4), TpDouble(8, 8), TpComplex(9, 8), TpDComplex(10, 16),
    TpString(11, 0), TpTable(12, 0),
    TpArrayBool(13, 1), TpArrayChar(14, 1), TpArrayUChar(15, 1), TpArrayShort(16, 2),
    TpArrayUShort(17, 2), TpArrayInt(18, 4), TpArrayUInt(19, 4), TpArrayFloat(20, 4),
    TpArrayDouble(21, 8), TpArrayComplex(22, 8), TpArrayDComplex(23, 16), TpArrayString(24, 0),
    TpRecord(25, 0), TpOther(26, 0), TpQuantity(27, 0), TpArrayQuantity(28, 0),
    TpInt64(29, 8), TpArrayInt64(30, 8);

    private static final DataType[] BY_ID = values();

    private final int id;
    private final int byteSize;

    DataType(int id, int byteSize) {
        this.id = id;
        this.byteSize = byteSize;
    }

    /** The casacore numeric id. */
    public int id() {
        return id;
    }

    /** Bytes of one element on disk; 0 for variable-size types (strings, records, tables). */
    public int byteSize() {
        return byteSize;
    }

    /** True for the TpArray... types. */
    public boolean isArray() {
        return (id >= 13 && id <= 24) || this == TpArrayQuantity || this == TpArrayInt64;
    }

    /** The element type of an array type; a scalar type is its own element type. */
    public DataType elementType() {
        if (this == TpArrayInt64) {
            return TpInt64;
        }
        if (this == TpArrayQuantity) {
            return TpQuantity;
        }
        return id >= 13 && id <= 24 ? BY_ID[id - 13] : this;
    }

    /** The array type holding elements of this scalar type. */
    public DataType arrayType() {
        if (isArray()) {
            return this;
        }
        if (this == TpInt64) {
            return TpArrayInt64;
        }
        if (this == TpQuantity) {
            return TpArrayQuantity;
        }
        if (id > 11) {
            throw new IllegalStateException("no array type for " + this);
        }
        return BY_ID[id + 13];
    }

    /** The type with this casacore id, or null when the id is unknown. */
    public static DataType fromId(int id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }
}
