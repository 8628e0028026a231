package org.tessera.casacore.write;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Objects;
import org.tessera.casacore.table.ArrayValue;
import org.tessera.casacore.table.Column;
import org.tessera.casacore.table.Table;

/** A written table against its source, cell by cell, both read with the Java reader. */
final class TableComparison {
    private TableComparison() {
    }

    /** Every cell of every column of a (source rows → expected rows) mapping equal. */
    static void assertSameCells(Table expected, long[] expectedRows, Table actual) {
        assertEquals(expectedRows.length, actual.nrow(), "row count of " + actual.path());
        for (String name : expected.columnNames()) {
            Column e = expected.column(name);
            Column a = actual.column(name);
            for (int i = 0; i < expectedRows.length; i++) {
                Object ev = e.get(expectedRows[i]);
                Object av = a.get(i);
                if (!equalValues(ev, av)) {
                    throw new AssertionError(actual.path() + ": column " + name + " row " + i + " is " + av
                            + ", expected " + ev + " (source row " + expectedRows[i] + ")");
                }
            }
        }
    }

    /** Floating-point values by bit pattern, so that NaN equals NaN. */
    static boolean equalValues(Object a, Object b) {
        if (a instanceof Double x && b instanceof Double y) {
            return Double.doubleToLongBits(x) == Double.doubleToLongBits(y);
        }
        if (a instanceof Float x && b instanceof Float y) {
            return Float.floatToIntBits(x) == Float.floatToIntBits(y);
        }
        if (a instanceof ArrayValue x && b instanceof ArrayValue y) {
            return x.equals(y) || (Arrays.equals(x.shape(), y.shape())
                    && Arrays.deepEquals(new Object[] {x.data()}, new Object[] {y.data()}));
        }
        return Objects.equals(a, b);
    }

    static long[] range(long start, long end) {
        long[] r = new long[(int) (end - start)];
        for (int i = 0; i < r.length; i++) {
            r[i] = start + i;
        }
        return r;
    }
}
