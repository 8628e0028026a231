package org.tessera.casacore.ms;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.casacore.table.Column;
import org.tessera.casacore.write.MeasurementSetBuilder;
import org.tessera.casacore.write.MsSetup;
import org.tessera.testsupport.SharedMs;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Chunked streaming gives, row by row, exactly what the per-row column reads give. */
class RowChunkReaderTest {

    @Test
    void chunksAgreeWithPerRowReadsOnEveryRealMs() {
        for (Path path : SharedMs.all()) {
            try (MeasurementSet ms = MeasurementSet.open(path)) {
                // An odd chunk size so chunks cross buckets, tiles and data-description changes.
                assertChunksMatchRows(ms, 7);
            }
        }
    }

    @Test
    void chunksOfAWrittenMsCarryItsValues(@TempDir Path dir) {
        Path path = dir.resolve("small.ms");
        int nchan = 3;
        MsSetup setup = new MsSetup(List.of(
                new MsSetup.Antenna("A0", "S0", new double[] {1, 2, 3}, 25),
                new MsSetup.Antenna("A1", "S1", new double[] {4, 5, 6}, 25)),
                new double[] {1.0e9, 1.1e9, 1.2e9}, 1e8, new int[] {9, 12}, 1.0, -0.5, "F", "T",
                0, 100, true, true);
        try (MeasurementSetBuilder b = MeasurementSetBuilder.create(path, setup)) {
            for (int r = 0; r < 5; r++) {
                float[] data = new float[2 * 2 * nchan];
                for (int i = 0; i < data.length; i++) {
                    data[i] = r * 100 + i;
                }
                boolean[] flag = new boolean[2 * nchan];
                flag[r % flag.length] = true;
                b.addRow(new MeasurementSetBuilder.Row(0, 1, 10.0 * r, 10, new double[] {r, -r, 0.5 * r}, data,
                        flag, new float[] {2, 3}, new float[] {0.5f, 0.25f}, null));
            }
        }
        try (MeasurementSet ms = MeasurementSet.open(path)) {
            RowChunk c = ms.chunks(null, 2).next();
            assertEquals(2, c.rows);
            assertEquals(101f, c.data[2 * (2 * nchan) + 1], "row 1, first value, imaginary part");
            assertArrayEquals(new float[] {0.5f, 0.25f, 0.5f, 0.25f}, java.util.Arrays.copyOf(c.sigma, 4));
            assertTrue(c.flag[0] && c.flag[2 * nchan + 1]);
            assertChunksMatchRows(ms, 2);
        }
    }

    private static void assertChunksMatchRows(MeasurementSet ms, int chunkRows) {
        Column data = ms.mainTable().column(ms.defaultDataColumn());
        Column flag = ms.mainTable().column("FLAG");
        Column weight = ms.mainTable().column("WEIGHT");
        boolean hasSigma = ms.hasColumn("SIGMA");
        boolean hasSpectrum = ms.hasColumn("WEIGHT_SPECTRUM");
        long expectedRow = 0;
        for (RowChunk c : ms.chunks(null, chunkRows)) {
            assertEquals(expectedRow, c.firstRow, ms.path() + ": chunks must follow each other");
            int perRow = c.channels * c.correlations;
            for (int r = 0; r < c.rows; r++) {
                long row = c.firstRow + r;
                String where = ms.path() + " row " + row;
                assertEquals(c.dataDescription.id(), ms.mainTable().column("DATA_DESC_ID").getInt(row), where);
                float[] cell = new float[2 * perRow];
                data.getFloats(row, 1, cell, 0);
                assertArrayEquals(cell, java.util.Arrays.copyOfRange(c.data, 2 * r * perRow, 2 * (r + 1) * perRow), where);
                boolean[] f = new boolean[perRow];
                flag.getBools(row, 1, f, 0);
                assertArrayEquals(f, java.util.Arrays.copyOfRange(c.flag, r * perRow, (r + 1) * perRow), where);
                float[] w = new float[c.correlations];
                weight.getFloats(row, 1, w, 0);
                assertArrayEquals(w, java.util.Arrays.copyOfRange(c.weight, r * c.correlations,
                        (r + 1) * c.correlations), where);
                if (hasSigma) {
                    float[] s = new float[c.correlations];
                    ms.mainTable().column("SIGMA").getFloats(row, 1, s, 0);
                    assertArrayEquals(s, java.util.Arrays.copyOfRange(c.sigma, r * c.correlations,
                            (r + 1) * c.correlations), where);
                }
                for (int v = 0; v < perRow; v++) {
                    float expected = hasSpectrum && ms.mainTable().column("WEIGHT_SPECTRUM").isDefined(row)
                            ? spectrum(ms, row, perRow)[v] : w[v % c.correlations];
                    assertEquals(expected, c.valueWeight[r * perRow + v], where + " value " + v);
                }
            }
            expectedRow += c.rows;
        }
        assertEquals(ms.rows(), expectedRow, ms.path() + ": every row streamed once");
    }

    private static float[] spectrum(MeasurementSet ms, long row, int perRow) {
        float[] s = new float[perRow];
        ms.mainTable().column("WEIGHT_SPECTRUM").getFloats(row, 1, s, 0);
        return s;
    }
}
