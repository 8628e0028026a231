package org.tessera.casacore.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tessera.testsupport.PythonCasacore;
import org.tessera.testsupport.SharedMs;

/**
 * Every column of the main table and of every subtable of every shared MS, value by value,
 * against python-casacore; and the bulk reads against the per-row reads.
 */
class ReadAgainstCasacoreTest {
    /** Rows per bulk call: odd, so calls straddle buckets and tiles. */
    private static final int CHUNK = 7;

    @TempDir
    Path tmp;

    static Stream<String> measurementSets() {
        List<Path> all = SharedMs.allOrNone();
        return all.isEmpty() ? Stream.of("<no shared data>") : all.stream().map(Path::toString);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("measurementSets")
    void everyColumnMatchesPythonCasacore(String ms) throws Exception {
        SharedMs.dir();
        PythonCasacore.assumeInstalled();
        Path msPath = Path.of(ms);
        List<Path> tables = new ArrayList<>();
        tables.add(msPath);
        try (Table main = Table.open(msPath)) {
            for (String sub : main.subtableNames()) {
                Path dir = msPath.resolve(sub);
                if (Files.isDirectory(dir)) {
                    tables.add(dir);
                }
            }
        }
        CasacoreDump.run(tmp, tables);
        int compared = 0;
        for (int k = 0; k < tables.size(); k++) {
            try (Table t = Table.open(tables.get(k))) {
                for (String name : t.columnNames()) {
                    List<CasacoreDump.Cell> expected = CasacoreDump.read(tmp.resolve(k + "/" + name + ".bin"));
                    Column column = t.column(name);
                    String where = tables.get(k) + " column " + name;
                    assertEquals(expected.size(), t.nrow(), where + ": row count");
                    compareRows(column, expected, where);
                    compareBulk(column, where);
                    compared++;
                }
            }
        }
        assertTrue(compared > 0, "no columns compared in " + ms);
    }

    private static void compareRows(Column column, List<CasacoreDump.Cell> expected, String where) {
        for (int row = 0; row < expected.size(); row++) {
            CasacoreDump.Cell cell = expected.get(row);
            String at = where + " row " + row;
            if (column.dataType() == DataType.TpRecord) {
                TableRecord rec = column.getRecord(row);
                String[] names = rec.names().stream().sorted().toArray(String[]::new);
                assertArrayEquals((String[]) cell.values(), names, at);
                continue;
            }
            if (cell == null) {
                assertFalse(column.isDefined(row), at + ": casacore says undefined");
                continue;
            }
            assertTrue(column.isDefined(row), at + ": casacore says defined");
            Object value = column.get(row);
            Object actual;
            if (value instanceof ArrayValue a) {
                assertArrayEquals(cell.shape(), a.shape(), at + ": shape");
                assertArrayEquals(cell.shape(), column.shape(row), at + ": shape()");
                actual = a.data();
            } else {
                assertEquals(0, cell.shape().length, at + ": casacore has an array, Java a scalar");
                actual = scalarAsArray(value);
            }
            assertValuesEqual(cell.values(), actual, at);
        }
    }

    private static Object scalarAsArray(Object v) {
        if (v instanceof Boolean b) {
            return new boolean[] {b};
        } else if (v instanceof Byte b) {
            return new byte[] {b};
        } else if (v instanceof Short s) {
            return new short[] {s};
        } else if (v instanceof Integer i) {
            return new int[] {i};
        } else if (v instanceof Long l) {
            return new long[] {l};
        } else if (v instanceof Float f) {
            return new float[] {f};
        } else if (v instanceof Double d) {
            return new double[] {d};
        } else if (v instanceof Complex c) {
            return new float[] {c.re(), c.im()};
        } else if (v instanceof DComplex c) {
            return new double[] {c.re(), c.im()};
        } else if (v instanceof String s) {
            return new String[] {s};
        }
        throw new IllegalArgumentException("unexpected cell value " + v);
    }

    /** Arrays.equals compares floats by bit pattern, so NaN equals NaN. */
    private static void assertValuesEqual(Object expected, Object actual, String at) {
        boolean equal = Objects.deepEquals(expected, actual)
                || (expected instanceof float[] e && actual instanceof float[] a && Arrays.equals(e, a))
                || (expected instanceof double[] e && actual instanceof double[] a && Arrays.equals(e, a));
        if (!equal) {
            fail(at + ": expected " + describe(expected) + " but read " + describe(actual));
        }
    }

    private static String describe(Object array) {
        String s = array == null ? "null" : array.getClass().getSimpleName() + " "
                + Arrays.deepToString(new Object[] {array});
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    /** The bulk getters deliver exactly the per-row values, in chunks that cross buckets and tiles. */
    private static void compareBulk(Column column, String where) {
        DataType t = column.dataType();
        long nrow = column.nrow();
        if (!Arrays.asList(DataType.TpBool, DataType.TpInt, DataType.TpUInt, DataType.TpFloat, DataType.TpDouble,
                DataType.TpComplex, DataType.TpDComplex).contains(t)) {
            return;
        }
        int total = 0;
        for (long r = 0; r < nrow; r++) {
            if (!column.isDefined(r)) {
                return;
            }
            total += (int) Column.product(column.shape(r)) * (t == DataType.TpComplex || t == DataType.TpDComplex ? 2 : 1);
        }
        Object perRow = switch (t) {
            case TpBool -> new boolean[total];
            case TpInt, TpUInt -> new int[total];
            case TpFloat, TpComplex -> new float[total];
            default -> new double[total];
        };
        Object bulk = switch (t) {
            case TpBool -> new boolean[total];
            case TpInt, TpUInt -> new int[total];
            case TpFloat, TpComplex -> new float[total];
            default -> new double[total];
        };
        int at = 0;
        for (long r = 0; r < nrow; r++) {
            Object v = column.get(r);
            Object data = v instanceof ArrayValue a ? a.data() : scalarAsArray(v);
            int n = java.lang.reflect.Array.getLength(data);
            System.arraycopy(data, 0, perRow, at, n);
            at += n;
        }
        int offset = 0;
        for (long r = 0; r < nrow; r += CHUNK) {
            int n = (int) Math.min(CHUNK, nrow - r);
            switch (t) {
                case TpBool -> column.getBools(r, n, (boolean[]) bulk, offset);
                case TpInt, TpUInt -> column.getInts(r, n, (int[]) bulk, offset);
                case TpFloat, TpComplex -> column.getFloats(r, n, (float[]) bulk, offset);
                default -> column.getDoubles(r, n, (double[]) bulk, offset);
            }
            for (long k = r; k < r + n; k++) {
                offset += (int) Column.product(column.shape(k)) * (t == DataType.TpComplex || t == DataType.TpDComplex ? 2 : 1);
            }
        }
        assertValuesEqual(perRow, bulk, where + ": bulk read");
    }
}
