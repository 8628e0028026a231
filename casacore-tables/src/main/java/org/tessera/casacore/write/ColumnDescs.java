package org.tessera.casacore.write;

import org.tessera.casacore.table.ColumnDesc;
import org.tessera.casacore.table.DataType;
import org.tessera.casacore.table.TableRecord;

/**
 * Column descriptions as casacore's ScalarColumnDesc / ArrayColumnDesc make them, all bound
 * to StandardStMan.
 */
public final class ColumnDescs {
    private ColumnDescs() {
    }

    /** The 8-character type id casacore pads class names with (ValType::getTypeStr). */
    static String typeId(DataType t) {
        return switch (t) {
            case TpBool -> "Bool    ";
            case TpChar -> "Char    ";
            case TpUChar -> "uChar   ";
            case TpShort -> "Short   ";
            case TpUShort -> "uShort  ";
            case TpInt -> "Int     ";
            case TpUInt -> "uInt    ";
            case TpInt64 -> "Int64   ";
            case TpFloat -> "float   ";
            case TpDouble -> "double  ";
            case TpComplex -> "Complex ";
            case TpDComplex -> "DComplex";
            case TpString -> "String  ";
            default -> throw new IllegalArgumentException("no column type id for " + t);
        };
    }

    public static ColumnDesc scalar(String name, DataType type, TableRecord keywords) {
        return new ColumnDesc("ScalarColumnDesc<" + typeId(type), name, "", TableWriter.STORAGE_MANAGER,
                TableWriter.STORAGE_MANAGER, type, 0, 0, new int[0], 0, keywords, false, TableDatWriter.zero(type));
    }

    public static ColumnDesc scalar(String name, DataType type) {
        return scalar(name, type, TableRecord.empty());
    }

    /** An array column of fixed dimensionality (ndim &gt; 0) or any (-1), variable shape. */
    public static ColumnDesc array(String name, DataType type, int ndim, TableRecord keywords) {
        return new ColumnDesc("ArrayColumnDesc<" + typeId(type), name, "", TableWriter.STORAGE_MANAGER,
                TableWriter.STORAGE_MANAGER, type, 0, ndim, new int[0], 0, keywords, true, null);
    }

    public static ColumnDesc array(String name, DataType type, int ndim) {
        return array(name, type, ndim, TableRecord.empty());
    }

    /** A direct fixed-shape array column (options Direct|FixedShape = 5). */
    public static ColumnDesc fixedArray(String name, DataType type, int[] shape, TableRecord keywords) {
        return new ColumnDesc("ArrayColumnDesc<" + typeId(type), name, "", TableWriter.STORAGE_MANAGER,
                TableWriter.STORAGE_MANAGER, type, ColumnDesc.DIRECT | ColumnDesc.FIXED_SHAPE, shape.length,
                shape, 0, keywords, true, null);
    }

    public static ColumnDesc fixedArray(String name, DataType type, int[] shape) {
        return fixedArray(name, type, shape, TableRecord.empty());
    }
}
