package org.tessera.casacore.dm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.casacore.table.DataType;
import org.tessera.casacore.table.TableDat;
import org.tessera.casacore.table.TableDesc;
import org.tessera.casacore.table.TableRecord;
import org.tessera.casacore.write.ColumnDescs;
import org.tessera.casacore.write.TableWriter;

/** The StandardStMan bucket cache: columns over the same rows share the file reads of their buckets. */
class BucketCacheTest {
    private static final int ROWS = 2000;

    @TempDir
    Path tmp;

    @Test
    void columnsReadRowByRowReadEachBucketFromTheFileOnce() {
        Path dir = tmp.resolve("t.tab");
        write(dir);
        long oneColumn;
        TableDat dat = TableDat.read(dir);
        try (StandardStMan dm = open(dir, dat)) {
            ColumnStorage time = column(dm, dat, "TIME");
            double[] v = new double[1];
            for (long r = 0; r < ROWS; r++) {
                time.read(r, 1, v, 0);
            }
            oneColumn = dm.bucketFileReads();
        }
        assertTrue(oneColumn >= 3, "the table should span several buckets, read " + oneColumn);

        try (StandardStMan dm = open(dir, dat)) {
            ColumnStorage time = column(dm, dat, "TIME");
            ColumnStorage id = column(dm, dat, "ID");
            ColumnStorage uvw = column(dm, dat, "UVW");
            ColumnStorage name = column(dm, dat, "NAME");
            double[] t = new double[1];
            int[] i = new int[1];
            double[] u = new double[3];
            String[] s = new String[1];
            for (long r = 0; r < ROWS; r++) {
                time.read(r, 1, t, 0);
                id.read(r, 1, i, 0);
                uvw.read(r, 1, u, 0);
                name.read(r, 1, s, 0);
                assertEquals(r * 1.5, t[0]);
                assertEquals((int) -r, i[0]);
                assertEquals((double) -r, u[1]);
                assertEquals(name(r), s[0]);
            }
            assertEquals(oneColumn, dm.bucketFileReads(), "four columns should read the buckets of one");
        }
    }

    /** Long names go to the string heap, whose reads must not disturb the data bucket being decoded. */
    private static String name(long r) {
        return r % 2 == 0 ? "n" + r : "a name long enough for the string heap " + r;
    }

    private static void write(Path dir) {
        TableDesc desc = new TableDesc("", "", "", TableRecord.empty(), TableRecord.empty(), List.of(
                ColumnDescs.scalar("TIME", DataType.TpDouble),
                ColumnDescs.scalar("ID", DataType.TpInt),
                ColumnDescs.fixedArray("UVW", DataType.TpDouble, new int[] {3}),
                ColumnDescs.scalar("NAME", DataType.TpString)));
        try (TableWriter w = TableWriter.create(dir, desc)) {
            for (int r = 0; r < ROWS; r++) {
                w.putDouble(w.column("TIME"), r * 1.5);
                w.putInt(w.column("ID"), -r);
                w.putDoubles(w.column("UVW"), new int[] {3}, new double[] {r, -r, 0.5});
                w.putString(w.column("NAME"), name(r));
                w.endRow();
            }
        }
    }

    private static StandardStMan open(Path dir, TableDat dat) {
        assertEquals(1, dat.managers().size());
        return (StandardStMan) DataManagers.open(new TableContext(dir, dat.byteOrder(), dat.nrow(),
                dat.managers().get(0), dat.desc().columns()));
    }

    private static ColumnStorage column(StandardStMan dm, TableDat dat, String name) {
        int i = dat.desc().columnNames().indexOf(name);
        return dm.column(dat.desc().columns().get(i), dat.bindings().get(i));
    }
}
