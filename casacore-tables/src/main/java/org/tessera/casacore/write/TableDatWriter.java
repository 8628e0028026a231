package org.tessera.casacore.write;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tessera.casacore.table.ColumnDesc;
import org.tessera.casacore.table.DataType;
import org.tessera.casacore.table.TableDesc;

/**
 * Writes {@code table.dat} of a big-endian table whose columns all live in one StandardStMan
 * (BaseTable::writeStart, PlainTable::putFile, TableDesc, ColumnDesc, ColumnSet), and
 * {@code table.info}.
 */
final class TableDatWriter {
    private TableDatWriter() {
    }

    static byte[] tableDat(long nrow, TableDesc desc, String dmType, String dmName, byte[] dmBlob) {
        if (nrow > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(nrow + " rows need table.dat version 3, which this writer does not write");
        }
        AipsIOWriter w = new AipsIOWriter();
        w.putStart("Table", 2);
        w.putInt((int) nrow);
        w.putInt(0); // 0 = big-endian data
        w.putString("PlainTable");
        putTableDesc(w, desc);
        putColumnSet(w, nrow, desc, dmType, dmBlob);
        w.putEnd();
        return w.toByteArray();
    }

    static void putTableDesc(AipsIOWriter w, TableDesc desc) {
        w.putStart("TableDesc", 2);
        w.putString(desc.name());
        w.putString(desc.version());
        w.putString(desc.comment());
        w.putTableRecord(desc.keywords());
        w.putTableRecord(desc.privateKeywords());
        w.putInt(desc.columns().size());
        for (ColumnDesc c : desc.columns()) {
            putColumnDesc(w, c);
        }
        w.putEnd();
    }

    /** ColumnDesc::putFile + BaseColumnDesc::putFile + the Scalar/ArrayColumnDesc tail. */
    static void putColumnDesc(AipsIOWriter w, ColumnDesc c) {
        w.putInt(1);
        w.putString(c.className());
        w.putInt(1);
        w.putString(c.name());
        w.putString(c.comment());
        w.putString(c.dataManagerType());
        w.putString(c.dataManagerGroup());
        w.putInt(c.dataType().id());
        w.putInt(c.options());
        w.putInt(c.ndim());
        if (c.isArray()) {
            w.putIPosition(c.shape());
        }
        w.putInt(c.maxLength());
        w.putTableRecord(c.keywords());
        w.putInt(1);
        if (c.isArray()) {
            w.putBool(false); // the unused "has default" switch
        } else {
            w.putValue(c.dataType(), c.defaultValue() != null ? c.defaultValue() : zero(c.dataType()));
        }
    }

    private static void putColumnSet(AipsIOWriter w, long nrow, TableDesc desc, String dmType, byte[] dmBlob) {
        w.putInt(-2);
        w.putInt((int) nrow);
        w.putInt(1); // data manager sequence counter
        w.putInt(1); // one data manager
        w.putString(dmType);
        w.putInt(0);
        for (ColumnDesc c : desc.columns()) {
            w.putInt(2);
            w.putString(c.name());
            w.putInt(1);
            w.putInt(0); // data manager sequence number
            if (c.isArray()) {
                boolean shapeDefined = c.isFixedShape() && c.shape().length > 0;
                w.putBool(shapeDefined);
                if (shapeDefined) {
                    w.putIPosition(c.shape());
                }
            }
        }
        w.putByteArray(dmBlob);
    }

    /** The zero default casacore gives a scalar column without an explicit default. */
    static Object zero(DataType t) {
        return switch (t) {
            case TpBool -> Boolean.FALSE;
            case TpChar, TpUChar -> (byte) 0;
            case TpShort, TpUShort -> (short) 0;
            case TpInt, TpUInt -> 0;
            case TpInt64 -> 0L;
            case TpFloat -> 0f;
            case TpDouble -> 0d;
            case TpComplex -> new org.tessera.casacore.table.Complex(0, 0);
            case TpDComplex -> new org.tessera.casacore.table.DComplex(0, 0);
            case TpString -> "";
            default -> throw new IllegalArgumentException("no scalar default for " + t);
        };
    }

    /** table.info as TableInfo::flush writes it. */
    static void writeTableInfo(Path dir, TableInfo info) throws IOException {
        String text = "Type = " + info.type() + "\nSubType = " + info.subType() + "\n\n" + info.readme();
        Files.write(dir.resolve("table.info"), text.getBytes(StandardCharsets.UTF_8));
    }
}
