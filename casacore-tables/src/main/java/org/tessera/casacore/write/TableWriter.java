package org.tessera.casacore.write;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.tessera.casacore.CasacoreException;
import org.tessera.casacore.table.ArrayValue;
import org.tessera.casacore.table.ColumnDesc;
import org.tessera.casacore.table.DataType;
import org.tessera.casacore.table.TableDesc;

/**
 * Writes a new casacore table, streaming: rows are appended one at a time and go to disk a
 * bucket at a time. All columns are put in one StandardStMan of a big-endian table, the
 * simplest layout every casacore reads (see docs/casacore-tables.md, section 7).
 *
 * <pre>
 * try (TableWriter w = TableWriter.create(dir, desc, TableWriter.Options.defaults())) {
 *     int time = w.column("TIME");
 *     w.putDouble(time, 4.9e9);
 *     w.endRow();
 * }
 * </pre>
 * Cells not set in a row keep their default: 0, false, "" or, for variable-shape arrays,
 * undefined. On any failure the table directory is deleted and a CasacoreException thrown.
 */
public final class TableWriter implements AutoCloseable {
    /** The data manager every column is written with. */
    public static final String STORAGE_MANAGER = "StandardStMan";

    /**
     * @param fixedShapes column name to cell shape: store these (variable-shape) array columns
     *                    as direct fixed-shape columns
     * @param info        contents of table.info
     */
    public record Options(Map<String, int[]> fixedShapes, TableInfo info) {
        public Options {
            fixedShapes = Map.copyOf(fixedShapes);
        }

        public static Options defaults() {
            return new Options(Map.of(), TableInfo.none());
        }

        public Options withFixedShapes(Map<String, int[]> shapes) {
            return new Options(shapes, info);
        }

        public Options withInfo(TableInfo tableInfo) {
            return new Options(fixedShapes, tableInfo);
        }
    }

    private final Path dir;
    private final TableDesc desc;
    private final Options options;
    private final List<SsmColumn> columns = new ArrayList<>();
    private final Map<String, Integer> byName = new HashMap<>();
    private final boolean[] setInRow;
    private StandardStManWriter ssm;
    private boolean closed;

    private TableWriter(Path dir, TableDesc desc, Options options) {
        this.dir = dir;
        this.desc = desc;
        this.options = options;
        this.setInRow = new boolean[desc.columns().size()];
    }

    /** Creates the table directory (which must not exist) and starts a table of this description. */
    public static TableWriter create(Path dir, TableDesc desc, Options options) {
        TableDesc stored = storedDesc(dir, desc, options.fixedShapes());
        try {
            Files.createDirectory(dir);
        } catch (IOException e) {
            throw new CasacoreException(dir, "cannot create table directory: " + e, e);
        }
        TableWriter w = new TableWriter(dir, stored, options);
        try {
            for (ColumnDesc c : stored.columns()) {
                w.byName.put(c.name(), w.columns.size());
                w.columns.add(SsmColumn.of(c));
            }
            w.ssm = new StandardStManWriter(dir, 0, STORAGE_MANAGER, w.columns);
        } catch (IOException | RuntimeException e) {
            throw w.fail("cannot start the table", e);
        }
        return w;
    }

    public static TableWriter create(Path dir, TableDesc desc) {
        return create(dir, desc, Options.defaults());
    }

    /**
     * The description as stored: all columns in StandardStMan, and the requested columns
     * turned into direct fixed-shape columns.
     */
    static TableDesc storedDesc(Path dir, TableDesc desc, Map<String, int[]> fixedShapes) {
        List<ColumnDesc> cols = new ArrayList<>();
        for (ColumnDesc c : desc.columns()) {
            int options = c.options();
            int ndim = c.ndim();
            int[] shape = c.shape();
            int[] fixed = fixedShapes.get(c.name());
            if (fixed != null) {
                if (!c.isArray()) {
                    throw new CasacoreException(dir, "column " + c.name() + " is a scalar column; it cannot get a fixed shape");
                }
                if (c.ndim() > 0 && c.ndim() != fixed.length) {
                    throw new CasacoreException(dir, "column " + c.name() + " has " + c.ndim()
                            + " dimensions, not the " + fixed.length + " of shape " + Arrays.toString(fixed));
                }
                options = options | ColumnDesc.DIRECT | ColumnDesc.FIXED_SHAPE;
                ndim = fixed.length;
                shape = fixed.clone();
            }
            cols.add(new ColumnDesc(c.className(), c.name(), c.comment(), STORAGE_MANAGER, STORAGE_MANAGER,
                    c.dataType(), options, ndim, shape, c.maxLength(), c.keywords(), c.isArray(), c.defaultValue()));
        }
        for (String name : fixedShapes.keySet()) {
            if (desc.column(name).isEmpty()) {
                throw new CasacoreException(dir, "fixed shape given for column " + name + ", which the table does not have");
            }
        }
        return new TableDesc(desc.name(), desc.version(), desc.comment(), desc.keywords(), desc.privateKeywords(), cols);
    }

    /** The description the table is written with. */
    public TableDesc desc() {
        return desc;
    }

    public Path path() {
        return dir;
    }

    /** The handle of a column for the put methods. */
    public int column(String name) {
        Integer i = byName.get(name);
        if (i == null) {
            throw fail("column " + name + " does not exist (columns: " + desc.columnNames() + ")", null);
        }
        return i;
    }

    public boolean hasColumn(String name) {
        return byName.containsKey(name);
    }

    /** Rows completed so far. */
    public long rowCount() {
        return ssm.rowCount();
    }

    public void putBool(int col, boolean v) {
        putScalar(col, DataType.TpBool, v);
    }

    public void putInt(int col, int v) {
        putScalar(col, DataType.TpInt, v);
    }

    public void putLong(int col, long v) {
        putScalar(col, DataType.TpInt64, v);
    }

    public void putFloat(int col, float v) {
        putScalar(col, DataType.TpFloat, v);
    }

    public void putDouble(int col, double v) {
        putScalar(col, DataType.TpDouble, v);
    }

    public void putString(int col, String v) {
        SsmColumn c = columnOf(col, DataType.TpString, false);
        try {
            ssm.putString(col, v);
            setInRow[col] = true;
        } catch (IOException | RuntimeException e) {
            throw fail("cannot write column " + c.name(), e);
        }
    }

    public void putBools(int col, int[] shape, boolean[] v) {
        putArrayData(col, DataType.TpBool, shape, v);
    }

    public void putInts(int col, int[] shape, int[] v) {
        putArrayData(col, DataType.TpInt, shape, v);
    }

    public void putFloats(int col, int[] shape, float[] v) {
        putArrayData(col, DataType.TpFloat, shape, v);
    }

    public void putDoubles(int col, int[] shape, double[] v) {
        putArrayData(col, DataType.TpDouble, shape, v);
    }

    /** Complex values interleaved (re, im), shape in Fortran order. */
    public void putComplexes(int col, int[] shape, float[] interleaved) {
        putArrayData(col, DataType.TpComplex, shape, interleaved);
    }

    public void putDComplexes(int col, int[] shape, double[] interleaved) {
        putArrayData(col, DataType.TpDComplex, shape, interleaved);
    }

    public void putStrings(int col, int[] shape, String[] v) {
        putArrayData(col, DataType.TpString, shape, v);
    }

    public void putArray(int col, ArrayValue a) {
        putArrayData(col, a.elementType(), a.shape(), a.data());
    }

    /**
     * One numeric or Bool array cell taken from a larger buffer (as the bulk getters of
     * {@link org.tessera.casacore.table.Column} fill it): the values from array slot
     * {@code off} on, complex values taking two slots. Saves a copy per cell when copying tables.
     */
    public void putArraySlice(int col, DataType type, int[] shape, Object data, int off) {
        if (type == DataType.TpString) {
            throw fail("column " + columns.get(col).name() + ": string arrays cannot be put from a slice", null);
        }
        putArrayData(col, type, shape, data, off, false);
    }

    /**
     * Any cell value: a boxed scalar, String, Complex, DComplex, an {@link ArrayValue}, or
     * null for an undefined cell.
     */
    public void put(int col, Object value) {
        if (value == null) {
            // Fixed-shape columns have no undefined cells: their default array stays.
            if (!columns.get(col).alwaysDefined()) {
                undefined(col);
            }
        } else if (value instanceof ArrayValue a) {
            putArray(col, a);
        } else if (value instanceof String s) {
            putString(col, s);
        } else {
            putScalar(col, columns.get(col).type(), value);
        }
    }

    /** Leaves the cell of a variable-shape array column undefined. */
    public void undefined(int col) {
        SsmColumn c = columns.get(col);
        if (c.kind() != SsmColumn.Kind.INDIRECT && c.kind() != SsmColumn.Kind.INDIRECT_STRINGS || c.alwaysDefined()) {
            throw fail("column " + c.name() + " cannot have undefined cells (only variable-shape array columns can)", null);
        }
        ssm.putUndefined(col);
        setInRow[col] = true;
    }

    /** Completes the current row and returns its row number. */
    public long endRow() {
        try {
            for (int col = 0; col < setInRow.length; col++) {
                SsmColumn c = columns.get(col);
                if (!setInRow[col] && c.kind() == SsmColumn.Kind.INDIRECT && c.shape() != null) {
                    // casacore gives every row of a fixed-shape column an array; default zeros.
                    ssm.putIndirect(col, c.shape(), c.type(), new byte[(int) Canonical.byteCount(c.type(), c.nElem())]);
                }
                setInRow[col] = false;
            }
            long row = ssm.rowCount();
            ssm.endRow();
            return row;
        } catch (IOException | RuntimeException e) {
            throw fail("cannot complete row " + ssm.rowCount(), e);
        }
    }

    /** Finishes the table: data manager files, table.dat and table.info. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            byte[] blob = ssm.finish();
            byte[] dat = TableDatWriter.tableDat(ssm.rowCount(), desc, STORAGE_MANAGER, STORAGE_MANAGER, blob);
            Files.write(dir.resolve("table.dat"), dat);
            TableDatWriter.writeTableInfo(dir, options.info());
            closed = true;
        } catch (IOException | RuntimeException e) {
            throw fail("cannot finish the table", e);
        }
    }

    /** Abandons the table: its directory and everything in it are deleted. */
    public void abort() {
        if (closed) {
            return;
        }
        closed = true;
        if (ssm != null) {
            ssm.close();
        }
        deleteRecursively(dir);
    }

    /** Deletes a directory tree (used to remove partially written output). */
    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // Best effort: the original error is what the caller needs to see.
        }
    }

    private CasacoreException fail(String problem, Throwable cause) {
        abort();
        if (cause instanceof CasacoreException ce) {
            return ce;
        }
        String msg = cause == null ? problem : problem + ": " + cause.getMessage();
        return cause == null ? new CasacoreException(dir, msg) : new CasacoreException(dir, msg, cause);
    }

    private void putScalar(int col, DataType given, Object v) {
        SsmColumn c = columns.get(col);
        if (c.kind() != SsmColumn.Kind.SCALAR) {
            throw fail("column " + c.name() + " is not a numeric or Bool scalar column", null);
        }
        if (!sameWidth(c.type(), given)) {
            throw fail("column " + c.name() + " has type " + c.type() + ", cannot put a " + given, null);
        }
        try {
            if (c.type() == DataType.TpBool) {
                ssm.putBits(col, new boolean[] {(Boolean) v}, 0);
            } else {
                ssm.putBytes(col, Canonical.encodeScalar(c.type(), v));
            }
            setInRow[col] = true;
        } catch (RuntimeException e) {
            throw fail("cannot write column " + c.name(), e);
        }
    }

    /** Signed and unsigned types share a representation (ArrayValue keeps the bit pattern). */
    private static boolean sameWidth(DataType column, DataType given) {
        return column == given
                || (column == DataType.TpUInt && given == DataType.TpInt)
                || (column == DataType.TpUShort && given == DataType.TpShort)
                || (column == DataType.TpUChar && given == DataType.TpChar)
                || (column == DataType.TpChar && given == DataType.TpUChar)
                || (column == DataType.TpInt && given == DataType.TpUInt)
                || (column == DataType.TpShort && given == DataType.TpUShort);
    }

    private SsmColumn columnOf(int col, DataType type, boolean array) {
        if (col < 0 || col >= columns.size()) {
            throw fail("no column with handle " + col, null);
        }
        SsmColumn c = columns.get(col);
        boolean isArray = c.kind() != SsmColumn.Kind.SCALAR && c.kind() != SsmColumn.Kind.STRING
                && c.kind() != SsmColumn.Kind.FIXED_STRING;
        if (isArray != array || !sameWidth(c.type(), type)) {
            throw fail("column " + c.name() + " holds " + (isArray ? "arrays" : "scalars") + " of " + c.type()
                    + ", cannot put " + (array ? "an array" : "a scalar") + " of " + type, null);
        }
        return c;
    }

    private void putArrayData(int col, DataType type, int[] shape, Object data) {
        putArrayData(col, type, shape, data, 0, true);
    }

    /** Puts the values from slot off on; exact: the array must hold just this cell. */
    private void putArrayData(int col, DataType type, int[] shape, Object data, int off, boolean exact) {
        SsmColumn c = columnOf(col, type, true);
        long n = 1;
        for (int s : shape) {
            n *= s;
        }
        int perElement = type == DataType.TpComplex || type == DataType.TpDComplex ? 2 : 1;
        long slots = n * perElement;
        int length = java.lang.reflect.Array.getLength(data);
        if (exact ? length != slots : off < 0 || length - off < slots) {
            throw fail("column " + c.name() + ": shape " + Arrays.toString(shape) + " needs " + slots
                    + " values, got " + (length - off), null);
        }
        if (c.shape() != null && !Arrays.equals(c.shape(), shape)) {
            throw fail("column " + c.name() + " has fixed shape " + Arrays.toString(c.shape())
                    + ", cannot put shape " + Arrays.toString(shape), null);
        }
        try {
            switch (c.kind()) {
                case DIRECT -> {
                    if (c.type() == DataType.TpBool) {
                        ssm.putBits(col, (boolean[]) data, off);
                    } else {
                        ssm.putBytes(col, Canonical.encode(c.type(), data, off, (int) slots));
                    }
                }
                case DIRECT_STRINGS, INDIRECT_STRINGS -> ssm.putStrings(col, shape, (String[]) data);
                case INDIRECT -> ssm.putIndirect(col, shape, c.type(), Canonical.encode(c.type(), data, off, (int) slots));
                default -> throw new IllegalStateException("not an array column");
            }
            setInRow[col] = true;
        } catch (IOException | RuntimeException e) {
            throw fail("cannot write column " + c.name(), e);
        }
    }
}
