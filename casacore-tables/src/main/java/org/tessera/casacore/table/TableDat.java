package org.tessera.casacore.table;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tessera.casacore.CasacoreException;
import org.tessera.casacore.io.AipsIOReader;
import org.tessera.casacore.io.DataFile;

/**
 * The contents of a table's table.dat ({@code PlainTable.cc}, {@code ColumnSet.cc}): row
 * count, data byte order, the table description, the data managers and which column each
 * one stores.
 *
 * @param nrow          row count stored in table.dat (table.lock may hold a newer one)
 * @param bigEndian     byte order of the data-manager files (format 0 = big-endian)
 * @param tableType     stored table type, "PlainTable"
 * @param desc          the table description
 * @param managers      data managers in stored order, each with its private header
 * @param bindings      per column (TableDesc order): manager sequence number and shape
 */
public record TableDat(long nrow, boolean bigEndian, String tableType, TableDesc desc,
                       List<DataManagerEntry> managers, List<ColumnBinding> bindings) {

    /** A data manager as listed in the ColumnSet, with the bytes of its own AipsIO header. */
    public record DataManagerEntry(String type, int sequenceNr, byte[] spec) {
    }

    /**
     * Where a column is stored: the manager's sequence number and, for array columns, the
     * column-wide shape when {@code shapeDefined}.
     */
    public record ColumnBinding(String column, int sequenceNr, boolean isArray,
                                boolean shapeDefined, int[] shape) {
    }

    public ByteOrder byteOrder() {
        return bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    }

    /** Reads and decodes {@code dir/table.dat}. */
    public static TableDat read(Path dir) {
        Path file = dir.resolve("table.dat");
        ByteBuffer bytes = DataFile.readAll(file);
        // table.dat is always canonical (big-endian) AipsIO.
        AipsIOReader r = AipsIOReader.withMagic(bytes, ByteOrder.BIG_ENDIAN, file);
        int version = r.getStart("Table");
        if (version < 2 || version > 3) {
            throw new CasacoreException(file, "unsupported Table version " + version);
        }
        long nrow = version == 3 ? r.readLong() : r.readUInt();
        long format = r.readUInt();
        String tableType = r.readString();
        TableDesc desc = readTableDesc(r);
        List<DataManagerEntry> managers = new ArrayList<>();
        List<ColumnBinding> bindings = new ArrayList<>();
        readColumnSet(r, desc, managers, bindings);
        r.getEnd();
        return new TableDat(nrow, format == 0, tableType, desc, managers, bindings);
    }

    private static TableDesc readTableDesc(AipsIOReader r) {
        int version = r.getStart("TableDesc");
        String name = r.readString();
        String descVersion = r.readString();
        String comment = r.readString();
        TableRecord keywords = RecordReader.readTableRecord(r);
        TableRecord privateKeywords = version != 1 ? RecordReader.readTableRecord(r) : TableRecord.empty();
        int ncol = r.readCount("column count", 4);
        List<ColumnDesc> columns = new ArrayList<>(ncol);
        for (int i = 0; i < ncol; i++) {
            columns.add(readColumnDesc(r));
        }
        r.getEnd();
        return new TableDesc(name, descVersion, comment, keywords, privateKeywords, columns);
    }

    private static ColumnDesc readColumnDesc(AipsIOReader r) {
        r.readUInt();
        String className = r.readString();
        boolean isArray = className.startsWith("ArrayColumnDesc");
        boolean isRecord = className.equals("ScalarRecordColumnDesc");
        if (!isArray && !isRecord && !className.startsWith("ScalarColumnDesc")) {
            throw new CasacoreException(r.path(), "unsupported column description class '" + className + "'");
        }
        r.readUInt();
        String name = r.readString();
        String comment = r.readString();
        String dmType = r.readString();
        String dmGroup = r.readString();
        int typeId = r.readInt();
        DataType type = DataType.fromId(typeId);
        if (type == null) {
            throw new CasacoreException(r.path(), "column " + name + " has unknown data type id " + typeId);
        }
        int options = r.readInt();
        int ndim = r.readInt();
        int[] shape = isArray ? r.readIPosition() : new int[0];
        int maxLength = r.readInt();
        TableRecord keywords = RecordReader.readTableRecord(r);
        r.readUInt();
        Object defaultValue = null;
        if (isArray) {
            r.readBool();
        } else if (!isRecord) {
            defaultValue = readScalar(r, type, name);
        }
        return new ColumnDesc(className, name, comment, dmType, dmGroup, type, options, ndim,
                shape, maxLength, keywords, isArray, defaultValue);
    }

    private static Object readScalar(AipsIOReader r, DataType type, String column) {
        return switch (type) {
            case TpBool -> r.readBool();
            case TpChar, TpUChar -> r.readByte();
            case TpShort, TpUShort -> r.readShort();
            case TpInt, TpUInt -> r.readInt();
            case TpInt64 -> r.readLong();
            case TpFloat -> r.readFloat();
            case TpDouble -> r.readDouble();
            case TpComplex -> new Complex(r.readFloat(), r.readFloat());
            case TpDComplex -> new DComplex(r.readDouble(), r.readDouble());
            case TpString -> r.readString();
            default -> throw new CasacoreException(r.path(), "column " + column
                    + " has unsupported scalar type " + type);
        };
    }

    private static void readColumnSet(AipsIOReader r, TableDesc desc, List<DataManagerEntry> managers,
                                      List<ColumnBinding> bindings) {
        int version = r.readInt();
        if (version >= 0) {
            throw new CasacoreException(r.path(), "unsupported old ColumnSet layout (version word " + version + ")");
        }
        version = -version;
        if (version <= 2) {
            r.readUInt();
        } else {
            r.readLong();
            r.readInt();
            r.readInt();
        }
        r.readUInt();
        int nman = r.readCount("data manager count", 8);
        List<String> types = new ArrayList<>();
        List<Integer> seqs = new ArrayList<>();
        for (int i = 0; i < nman; i++) {
            types.add(r.readString());
            seqs.add(r.readInt());
        }
        for (ColumnDesc c : desc.columns()) {
            r.readUInt();
            String name = r.readString();
            r.readUInt();
            int seq = r.readInt();
            boolean shapeDefined = false;
            int[] shape = new int[0];
            if (c.isArray()) {
                shapeDefined = r.readBool();
                if (shapeDefined) {
                    shape = r.readIPosition();
                }
            }
            bindings.add(new ColumnBinding(name, seq, c.isArray(), shapeDefined, shape));
        }
        for (int i = 0; i < nman; i++) {
            int n = r.readCount("data manager header length");
            managers.add(new DataManagerEntry(types.get(i), seqs.get(i), r.readBytes(n)));
        }
    }
}
