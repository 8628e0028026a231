package org.tessera.casacore.table;

import java.util.ArrayList;
import java.util.List;
import org.tessera.casacore.CasacoreException;
import org.tessera.casacore.io.AipsIOReader;
import org.tessera.casacore.io.Counts;

/**
 * Decodes records from AipsIO ({@code TableRecordRep.cc}, {@code RecordDesc.cc},
 * {@code ArrayIO.tcc}): a RecordDesc, the record type, then the field values.
 */
public final class RecordReader {
    private RecordReader() {
    }

    /** A "TableRecord" object (table and column keywords). */
    public static TableRecord readTableRecord(AipsIOReader r) {
        return readFramed(r, "TableRecord");
    }

    /** A plain "Record" object (e.g. the hypercube values of the tiled managers). */
    public static TableRecord readPlainRecord(AipsIOReader r) {
        return readFramed(r, "Record");
    }

    private static TableRecord readFramed(AipsIOReader r, String objectName) {
        r.getStart(objectName);
        RecordDesc desc = readDesc(r);
        int recordType = r.readInt();
        TableRecord rec = readValues(r, desc, recordType, objectName);
        r.getEnd();
        return rec;
    }

    private static TableRecord readValues(AipsIOReader r, RecordDesc desc, int recordType, String objectName) {
        List<Object> values = new ArrayList<>(desc.fields().size());
        for (RecordDesc.FieldDesc f : desc.fields()) {
            values.add(readValue(r, f, objectName));
        }
        return new TableRecord(desc, recordType, values, r.path());
    }

    private static Object readValue(AipsIOReader r, RecordDesc.FieldDesc f, String objectName) {
        switch (f.type()) {
            case TpRecord:
                // A sub-record with a fixed description stores only its values.
                return f.subDesc().fields().isEmpty()
                        ? readFramed(r, objectName)
                        : readValues(r, f.subDesc(), 1, objectName);
            case TpTable:
                return new TableRef(r.readString());
            case TpBool:
                return r.readBool();
            case TpChar:
            case TpUChar:
                return r.readByte();
            case TpShort:
            case TpUShort:
                return r.readShort();
            case TpInt:
            case TpUInt:
                return r.readInt();
            case TpInt64:
                return r.readLong();
            case TpFloat:
                return r.readFloat();
            case TpDouble:
                return r.readDouble();
            case TpComplex:
                return new Complex(r.readFloat(), r.readFloat());
            case TpDComplex:
                return new DComplex(r.readDouble(), r.readDouble());
            case TpString:
                return r.readString();
            default:
                if (f.type().isArray()) {
                    return readArray(r, f.type().elementType());
                }
                throw new CasacoreException(r.path(), "record field " + f.name()
                        + " has unsupported type " + f.type());
        }
    }

    /** A RecordDesc object. */
    public static RecordDesc readDesc(AipsIOReader r) {
        int version = r.getStart("RecordDesc");
        // A field takes at least its name's length and its type id.
        int n = r.readCount("RecordDesc field count", 8);
        List<RecordDesc.FieldDesc> fields = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String name = r.readString();
            int typeId = r.readInt();
            DataType type = DataType.fromId(typeId);
            if (type == null) {
                throw new CasacoreException(r.path(), "record field " + name + " has unknown type id " + typeId);
            }
            int[] shape = null;
            String tableDescName = null;
            RecordDesc sub = null;
            if (type == DataType.TpRecord) {
                sub = readDesc(r);
            } else if (type == DataType.TpTable) {
                tableDescName = r.readString();
            } else if (type.isArray()) {
                shape = r.readIPosition();
            }
            String comment = version > 1 ? r.readString() : "";
            fields.add(new RecordDesc.FieldDesc(name, type, comment, shape, tableDescName, sub));
        }
        r.getEnd();
        return new RecordDesc(fields);
    }

    /** An "Array" object (any "Array..." type name, version 3 or older) of the given element type. */
    public static ArrayValue readArray(AipsIOReader r, DataType elementType) {
        r.getStartAny("Array");
        int ndim = r.readCount("array ndim", 4);
        int[] shape = new int[ndim];
        for (int i = 0; i < ndim; i++) {
            shape[i] = r.readCount("array axis length");
        }
        int n = r.readCount("array element count");
        long expected = Counts.product(shape);
        if (n != expected) {
            throw new CasacoreException(r.path(), "corrupt array: shape gives " + expected
                    + " elements but " + n + " are stored");
        }
        Object data = readElements(r, elementType, n);
        r.getEnd();
        return new ArrayValue(elementType, shape, data);
    }

    /** n consecutive AipsIO elements of a scalar type into the matching primitive array. */
    public static Object readElements(AipsIOReader r, DataType elementType, int n) {
        return switch (elementType) {
            case TpBool -> r.readBools(n);
            case TpChar, TpUChar -> r.readBytes(n);
            case TpShort, TpUShort -> r.readShorts(n);
            case TpInt, TpUInt -> r.readInts(n);
            case TpInt64 -> r.readLongs(n);
            case TpFloat -> r.readFloats(n);
            case TpDouble -> r.readDoubles(n);
            case TpComplex -> r.readFloats(2 * n);
            case TpDComplex -> r.readDoubles(2 * n);
            case TpString -> r.readStrings(n);
            default -> throw new CasacoreException(r.path(), "arrays of " + elementType + " are not supported");
        };
    }
}
