package org.tessera.casacore.write;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.casacore.CasacoreException;
import org.tessera.casacore.table.ArrayValue;
import org.tessera.casacore.table.DataType;
import org.tessera.casacore.table.Table;
import org.tessera.casacore.table.TableDesc;
import org.tessera.casacore.table.TableRecord;
import org.tessera.testsupport.Python;
import org.tessera.testsupport.PythonCasacore;

class TableWriterTest {
    @TempDir
    Path tmp;

    /** A table with every storage kind the writer has. */
    static TableDesc mixedDesc() {
        TableRecord units = MsSchema.measure("epoch", "UTC", "s");
        TableRecord kw = RecordBuilder.create().addDouble("VERSION", 2.0).addString("NOTE", "test")
                .addInt("COUNT", 7).build();
        return new TableDesc("", "", "", kw, TableRecord.empty(), List.of(
                ColumnDescs.scalar("TIME", DataType.TpDouble, units),
                ColumnDescs.scalar("FLAG_ROW", DataType.TpBool),
                ColumnDescs.scalar("ID", DataType.TpInt),
                ColumnDescs.scalar("NAME", DataType.TpString),
                ColumnDescs.fixedArray("UVW", DataType.TpDouble, new int[] {3}),
                ColumnDescs.fixedArray("FL", DataType.TpBool, new int[] {2, 3}),
                ColumnDescs.array("DATA", DataType.TpComplex, 2),
                ColumnDescs.array("VB", DataType.TpBool, 1),
                ColumnDescs.array("S", DataType.TpString, 1),
                ColumnDescs.fixedArray("SF", DataType.TpString, new int[] {2})));
    }

    static void writeMixed(Path dir, int nrow) {
        try (TableWriter w = TableWriter.create(dir, mixedDesc(), TableWriter.Options.defaults().withInfo(TableInfo.of("Test")))) {
            for (int r = 0; r < nrow; r++) {
                w.putDouble(w.column("TIME"), r * 1.5);
                w.putBool(w.column("FLAG_ROW"), r % 3 == 0);
                w.putInt(w.column("ID"), -r);
                w.putString(w.column("NAME"), r % 2 == 0 ? "ant" + r : "a much longer name number " + r);
                w.putDoubles(w.column("UVW"), new int[] {3}, new double[] {r, -r, 0.5});
                boolean[] f = new boolean[6];
                f[r % 6] = true;
                w.putBools(w.column("FL"), new int[] {2, 3}, f);
                if (r % 4 != 1) {
                    float[] c = new float[2 * 2 * (r % 5 + 1)];
                    for (int i = 0; i < c.length; i++) {
                        c[i] = r + i * 0.25f;
                    }
                    w.putComplexes(w.column("DATA"), new int[] {2, r % 5 + 1}, c);
                }
                w.putBools(w.column("VB"), new int[] {r % 11}, new boolean[r % 11]);
                w.putStrings(w.column("S"), new int[] {2}, new String[] {"x" + r, "a string longer than 8 " + r});
                w.putStrings(w.column("SF"), new int[] {2}, new String[] {"p" + r, ""});
                w.endRow();
            }
        }
    }

    @Test
    void writtenTableReadsBackWithTheJavaReader() {
        Path dir = tmp.resolve("mixed.tab");
        writeMixed(dir, 250);
        assertFalse(Files.exists(dir.resolve("table.lock")));
        try (Table t = Table.open(dir)) {
            assertEquals(250, t.nrow());
            assertEquals(2.0, t.keywords().getDouble("VERSION"));
            assertEquals("test", t.keywords().getString("NOTE"));
            assertEquals(List.of("s"), List.of(t.column("TIME").desc().keywords().getArray("QuantumUnits").strings()));
            for (int r = 0; r < 250; r++) {
                assertEquals(r * 1.5, t.column("TIME").getDouble(r));
                assertEquals(r % 3 == 0, t.column("FLAG_ROW").getBool(r));
                assertEquals(-r, t.column("ID").getInt(r));
                assertEquals(r % 2 == 0 ? "ant" + r : "a much longer name number " + r, t.column("NAME").getString(r));
                assertArrayEquals(new double[] {r, -r, 0.5}, ((ArrayValue) t.column("UVW").get(r)).doubles());
                boolean[] fl = ((ArrayValue) t.column("FL").get(r)).booleans();
                for (int i = 0; i < 6; i++) {
                    assertEquals(i == r % 6, fl[i], "FL row " + r);
                }
                Object data = t.column("DATA").get(r);
                if (r % 4 == 1) {
                    assertNull(data);
                } else {
                    ArrayValue a = (ArrayValue) data;
                    assertArrayEquals(new int[] {2, r % 5 + 1}, a.shape());
                    assertEquals(r + 0.25f, a.floats()[1]);
                }
                assertArrayEquals(new int[] {r % 11}, ((ArrayValue) t.column("VB").get(r)).shape());
                assertArrayEquals(new String[] {"x" + r, "a string longer than 8 " + r},
                        ((ArrayValue) t.column("S").get(r)).strings());
                assertArrayEquals(new String[] {"p" + r, ""}, ((ArrayValue) t.column("SF").get(r)).strings());
            }
        }
    }

    @Test
    void writtenTableReadsBackInPythonCasacore() {
        PythonCasacore.assumeInstalled();
        Path dir = tmp.resolve("mixed.tab");
        writeMixed(dir, 100);
        String out = Python.code(String.join("\n",
                "from casacore.tables import table",
                "t = table('" + dir + "', ack=False)",
                "assert t.nrows() == 100",
                "assert t.getkeyword('COUNT') == 7",
                "assert list(t.getcol('TIME')) == [r * 1.5 for r in range(100)]",
                "assert list(t.getcol('NAME'))[:2] == ['ant0', 'a much longer name number 1']",
                "assert t.getcell('FL', 7)[0][1] and not t.getcell('FL', 7)[0][0]",
                "assert not t.iscelldefined('DATA', 1) and t.getcell('DATA', 2).shape == (3, 2)",
                "assert complex(t.getcell('DATA', 2)[0][0]) == complex(2, 2.25)",
                "assert t.getcell('S', 99) == ['x99', 'a string longer than 8 99']",
                "assert t.getcolkeywords('TIME')['MEASINFO']['type'] == 'epoch'",
                "print('done')")).runOk();
        assertTrue(out.contains("done"), out);
    }

    @Test
    void largeRowsGetOneRowPerBucket() {
        int nchan = 768;
        SsmBucketLayout layout = SsmBucketLayout.forColumns(new long[] {8L * 8 * 4 * nchan, 4 * nchan, 64});
        assertEquals(1, layout.rowsPerBucket());
        Path dir = tmp.resolve("big.tab");
        TableDesc desc = new TableDesc("", "", "", TableRecord.empty(), TableRecord.empty(), List.of(
                ColumnDescs.fixedArray("DATA", DataType.TpComplex, new int[] {4, nchan}),
                ColumnDescs.fixedArray("FLAG", DataType.TpBool, new int[] {4, nchan}),
                ColumnDescs.scalar("TIME", DataType.TpDouble)));
        try (TableWriter w = TableWriter.create(dir, desc)) {
            for (int r = 0; r < 5; r++) {
                float[] d = new float[8 * nchan];
                d[2 * r] = r;
                w.putComplexes(w.column("DATA"), new int[] {4, nchan}, d);
                boolean[] f = new boolean[4 * nchan];
                f[4 * nchan - 1 - r] = true;
                w.putBools(w.column("FLAG"), new int[] {4, nchan}, f);
                w.putDouble(w.column("TIME"), r);
                w.endRow();
            }
        }
        try (Table t = Table.open(dir)) {
            for (int r = 0; r < 5; r++) {
                assertEquals(r, ((ArrayValue) t.column("DATA").get(r)).floats()[2 * r]);
                assertTrue(((ArrayValue) t.column("FLAG").get(r)).booleans()[4 * nchan - 1 - r]);
            }
        }
    }

    @Test
    void fixedShapesOptionMakesAColumnDirect() {
        Path dir = tmp.resolve("fixed.tab");
        TableDesc desc = new TableDesc("", "", "", TableRecord.empty(), TableRecord.empty(),
                List.of(ColumnDescs.array("W", DataType.TpFloat, 1)));
        try (TableWriter w = TableWriter.create(dir, desc,
                TableWriter.Options.defaults().withFixedShapes(Map.of("W", new int[] {4})))) {
            assertTrue(w.desc().columns().get(0).isDirect());
            w.putFloats(w.column("W"), new int[] {4}, new float[] {1, 2, 3, 4});
            w.endRow();
        }
        try (Table t = Table.open(dir)) {
            assertTrue(t.column("W").desc().isDirect());
            assertArrayEquals(new int[] {4}, t.column("W").desc().shape());
            assertArrayEquals(new float[] {1, 2, 3, 4}, ((ArrayValue) t.column("W").get(0)).floats());
        }
    }

    @Test
    void failureHalfWayLeavesNoDirectory() {
        Path dir = tmp.resolve("broken.tab");
        TableWriter w = TableWriter.create(dir, mixedDesc());
        for (int r = 0; r < 40; r++) {
            w.putDouble(w.column("TIME"), r);
            w.endRow();
        }
        assertTrue(Files.exists(dir));
        CasacoreException e = assertThrows(CasacoreException.class,
                () -> w.putDoubles(w.column("UVW"), new int[] {4}, new double[4]));
        assertTrue(e.getMessage().contains(dir.toString()) && e.getMessage().contains("UVW"), e.getMessage());
        assertFalse(Files.exists(dir), "partial table must be deleted");
    }

    @Test
    void existingDirectoryIsNotOverwritten() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("exists.tab"));
        Files.writeString(dir.resolve("keep.txt"), "x");
        assertThrows(CasacoreException.class, () -> TableWriter.create(dir, mixedDesc()));
        assertTrue(Files.exists(dir.resolve("keep.txt")));
    }
}
