package org.tessera.casacore.table;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.tessera.casacore.CasacoreException;
import org.tessera.casacore.io.AipsIOReader;
import org.tessera.casacore.dm.ColumnStorage;
import org.tessera.casacore.io.Elements;

/**
 * One column of an open {@link Table}. Bulk reads deliver the cells of consecutive rows
 * one after another, each cell in Fortran order (first axis fastest); complex values come
 * as interleaved (re, im) pairs. Not thread-safe: use one Table per thread.
 */
public final class Column {
    private final Table table;
    private final ColumnDesc desc;
    private final ColumnStorage storage;

    Column(Table table, ColumnDesc desc, ColumnStorage storage) {
        this.table = table;
        this.desc = desc;
        this.storage = storage;
    }

    public ColumnDesc desc() {
        return desc;
    }

    public String name() {
        return desc.name();
    }

    /** Element type (TpFloat, TpComplex, ...), also for array columns. */
    public DataType dataType() {
        return desc.dataType();
    }

    public boolean isArray() {
        return desc.isArray();
    }

    public long nrow() {
        return table.nrow();
    }

    public boolean isDefined(long row) {
        checkRows(row, 1);
        return storage.isDefined(row);
    }

    /** Cell shape in Fortran order; empty for scalars and undefined cells. */
    public int[] shape(long row) {
        checkRows(row, 1);
        return storage.isDefined(row) ? storage.shape(row) : new int[0];
    }

    /**
     * The cell as a boxed scalar, {@link ArrayValue} or (record columns) {@link TableRecord};
     * null for an undefined cell, an empty record for an undefined record cell.
     */
    public Object get(long row) {
        checkRows(row, 1);
        if (dataType() == DataType.TpRecord) {
            return getRecord(row);
        }
        if (!storage.isDefined(row)) {
            return null;
        }
        int[] shape = storage.shape(row);
        Object data = Elements.newArray(dataType(), (int) product(shape));
        storage.read(row, 1, data, 0);
        if (desc.isArray()) {
            return new ArrayValue(dataType(), shape, data);
        }
        return switch (dataType()) {
            case TpBool -> ((boolean[]) data)[0];
            case TpChar, TpUChar -> ((byte[]) data)[0];
            case TpShort, TpUShort -> ((short[]) data)[0];
            case TpInt, TpUInt -> ((int[]) data)[0];
            case TpInt64 -> ((long[]) data)[0];
            case TpFloat -> ((float[]) data)[0];
            case TpDouble -> ((double[]) data)[0];
            case TpComplex -> new Complex(((float[]) data)[0], ((float[]) data)[1]);
            case TpDComplex -> new DComplex(((double[]) data)[0], ((double[]) data)[1]);
            case TpString -> ((String[]) data)[0];
            default -> throw new CasacoreException(table.path(), "column " + name()
                    + " has unsupported type " + dataType());
        };
    }

    /** A cell of a record column (e.g. SOURCE_MODEL), stored as a serialised TableRecord. */
    public TableRecord getRecord(long row) {
        if (dataType() != DataType.TpRecord) {
            throw new CasacoreException(table.path(), "column " + name() + " has type " + dataType()
                    + ", cannot read it with getRecord (requested TpRecord)");
        }
        checkRows(row, 1);
        if (!storage.isDefined(row)) {
            return TableRecord.empty();
        }
        byte[] bytes = new byte[(int) product(storage.shape(row))];
        storage.read(row, 1, bytes, 0);
        return RecordReader.readTableRecord(AipsIOReader.withMagic(ByteBuffer.wrap(bytes), ByteOrder.BIG_ENDIAN,
                table.path()));
    }

    public int getInt(long row) {
        int[] v = new int[1];
        scalar(row, "getInt", DataType.TpInt, DataType.TpUInt);
        storage.read(row, 1, v, 0);
        return v[0];
    }

    public long getLong(long row) {
        DataType t = scalar(row, "getLong", DataType.TpInt64, DataType.TpInt, DataType.TpUInt);
        if (t == DataType.TpInt64) {
            long[] v = new long[1];
            storage.read(row, 1, v, 0);
            return v[0];
        }
        int[] v = new int[1];
        storage.read(row, 1, v, 0);
        return t == DataType.TpUInt ? v[0] & 0xFFFFFFFFL : v[0];
    }

    /** A TpDouble scalar; TpFloat is widened. */
    public double getDouble(long row) {
        DataType t = scalar(row, "getDouble", DataType.TpDouble, DataType.TpFloat);
        if (t == DataType.TpFloat) {
            return getFloat(row);
        }
        double[] v = new double[1];
        storage.read(row, 1, v, 0);
        return v[0];
    }

    public float getFloat(long row) {
        float[] v = new float[1];
        scalar(row, "getFloat", DataType.TpFloat);
        storage.read(row, 1, v, 0);
        return v[0];
    }

    public boolean getBool(long row) {
        boolean[] v = new boolean[1];
        scalar(row, "getBool", DataType.TpBool);
        storage.read(row, 1, v, 0);
        return v[0];
    }

    public String getString(long row) {
        String[] v = new String[1];
        scalar(row, "getString", DataType.TpString);
        storage.read(row, 1, v, 0);
        return v[0];
    }

    /** TpDouble (or TpDComplex as re, im pairs) values of nrows rows into dst from off. */
    public void getDoubles(long row, int nrows, double[] dst, int off) {
        bulk(row, nrows, "getDoubles", DataType.TpDouble, DataType.TpDComplex);
        storage.read(row, nrows, dst, elementOffset(off));
    }

    /** TpFloat values, or TpComplex as interleaved (re, im) float pairs. */
    public void getFloats(long row, int nrows, float[] dst, int off) {
        bulk(row, nrows, "getFloats", DataType.TpFloat, DataType.TpComplex);
        storage.read(row, nrows, dst, elementOffset(off));
    }

    public void getInts(long row, int nrows, int[] dst, int off) {
        bulk(row, nrows, "getInts", DataType.TpInt, DataType.TpUInt);
        storage.read(row, nrows, dst, off);
    }

    public void getLongs(long row, int nrows, long[] dst, int off) {
        bulk(row, nrows, "getLongs", DataType.TpInt64);
        storage.read(row, nrows, dst, off);
    }

    public void getBools(long row, int nrows, boolean[] dst, int off) {
        bulk(row, nrows, "getBools", DataType.TpBool);
        storage.read(row, nrows, dst, off);
    }

    public void getStrings(long row, int nrows, String[] dst, int off) {
        bulk(row, nrows, "getStrings", DataType.TpString);
        storage.read(row, nrows, dst, off);
    }

    /** Complex values take two slots each: convert a slot offset to an element offset. */
    private int elementOffset(int off) {
        boolean complex = dataType() == DataType.TpComplex || dataType() == DataType.TpDComplex;
        if (complex && off % 2 != 0) {
            throw new CasacoreException(table.path(), "column " + name()
                    + ": complex values must start at an even array offset, not " + off);
        }
        return complex ? off / 2 : off;
    }

    private DataType scalar(long row, String method, DataType... accepted) {
        if (desc.isArray()) {
            throw new CasacoreException(table.path(), "column " + name() + " holds arrays of "
                    + dataType() + "; " + method + " needs a scalar column");
        }
        return bulk(row, 1, method, accepted);
    }

    private DataType bulk(long row, int nrows, String method, DataType... accepted) {
        DataType t = dataType();
        boolean ok = false;
        for (DataType a : accepted) {
            ok |= a == t;
        }
        if (!ok) {
            throw new CasacoreException(table.path(), "column " + name() + " has type " + t
                    + (isArray() ? " (array)" : "") + ", cannot read it with " + method
                    + " (requested " + accepted[0] + ")");
        }
        checkRows(row, nrows);
        for (long r = row; r < row + nrows; r++) {
            if (!storage.isDefined(r)) {
                throw new CasacoreException(table.path(), "column " + name() + " row " + r + " is undefined");
            }
        }
        return t;
    }

    private void checkRows(long row, long nrows) {
        if (row < 0 || nrows < 0 || row + nrows > table.nrow()) {
            throw new CasacoreException(table.path(), "column " + name() + ": rows " + row + ".."
                    + (row + nrows - 1) + " are outside the table's " + table.nrow() + " rows");
        }
    }

    static long product(int[] shape) {
        long n = 1;
        for (int s : shape) {
            n *= s;
        }
        return n;
    }
}
