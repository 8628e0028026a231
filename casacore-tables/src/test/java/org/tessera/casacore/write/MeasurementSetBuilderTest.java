package org.tessera.casacore.write;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.casacore.CasacoreException;
import org.tessera.casacore.table.ArrayValue;
import org.tessera.casacore.table.Table;
import org.tessera.testsupport.ExternalCommand;
import org.tessera.testsupport.Python;
import org.tessera.testsupport.PythonCasacore;
import org.tessera.testsupport.Tools;
import org.tessera.testsupport.Wsclean;

class MeasurementSetBuilderTest {
    @TempDir
    Path tmp;

    static MsSetup setup(int nchan) {
        List<MsSetup.Antenna> ants = new ArrayList<>();
        double[] vla = {-1601185.4, -5041977.5, 3554875.9};
        for (int i = 0; i < 6; i++) {
            ants.add(new MsSetup.Antenna("ANT" + i, "ST" + i,
                    new double[] {vla[0] + 150.0 * i, vla[1] - 90.0 * i * i, vla[2] + 40.0 * i}, 25));
        }
        double[] f = new double[nchan];
        for (int i = 0; i < nchan; i++) {
            f[i] = 1.4e9 + i * 1e6;
        }
        return new MsSetup(ants, f, 1e6, new int[] {9, 10, 11, 12}, 1.0, 0.5, "F0", "VLA",
                5e9, 5e9 + 600, true, true);
    }

    /** 20 time steps of all 15 baselines, unit Stokes I visibilities. */
    static void build(Path dir, int nchan) {
        try (MeasurementSetBuilder b = MeasurementSetBuilder.create(dir, setup(nchan))) {
            for (int t = 0; t < 20; t++) {
                for (int i = 0; i < 6; i++) {
                    for (int j = i + 1; j < 6; j++) {
                        float[] d = new float[2 * 4 * nchan];
                        for (int k = 0; k < 4 * nchan; k += 4) {
                            d[2 * k] = 1f;
                            d[2 * (k + 3)] = 1f;
                        }
                        double[] uvw = {(i - j) * 100.0 + t, (i + j) * 50.0 - t, 1.0};
                        b.addRow(new MeasurementSetBuilder.Row(i, j, 5e9 + 30 * t + 15, 30, uvw, d, null,
                                null, null, null));
                    }
                }
            }
        }
    }

    @Test
    void builtMsReadsBackWithTheJavaReader() {
        Path ms = tmp.resolve("sim.ms");
        build(ms, 8);
        assertFalse(Files.exists(ms.resolve("table.lock")));
        try (Table t = Table.open(ms)) {
            assertEquals(300, t.nrow());
            assertEquals(2.0, t.keywords().getDouble("MS_VERSION"));
            assertEquals(MsSchema.REQUIRED_SUBTABLES.size(), t.subtableNames().size());
            assertEquals(1, t.column("ANTENNA2").getInt(0));
            ArrayValue data = (ArrayValue) t.column("DATA").get(17);
            assertArrayEquals(new int[] {4, 8}, data.shape());
            assertEquals(1f, data.floats()[0]);
            assertEquals(1f, data.floats()[6]);
            try (Table spw = t.subtable("SPECTRAL_WINDOW")) {
                assertEquals(8, spw.column("NUM_CHAN").getInt(0));
                assertEquals(1.401e9, ((ArrayValue) spw.column("CHAN_FREQ").get(0)).doubles()[1]);
            }
            try (Table ant = t.subtable("ANTENNA")) {
                assertEquals("ANT5", ant.column("NAME").getString(5));
            }
        }
    }

    @Test
    void builtMsIsValidForCasacoreTools() {
        PythonCasacore.assumeInstalled();
        Tools.assumeInstalled("msselect", "showtableinfo");
        Path ms = tmp.resolve("sim.ms");
        build(ms, 8);
        String info = ExternalCommand.of("showtableinfo", "in=" + ms).runOk();
        assertTrue(info.contains("300 rows"), info);
        String sel = ExternalCommand.of("msselect", "in=" + ms, "out=" + tmp.resolve("sel.ms")).runOk();
        assertTrue(sel.contains("300 rows"), sel);
        String out = Python.code(String.join("\n",
                "from casacore.tables import table, makecoldesc",
                "import numpy as np",
                "t = table('" + ms + "', readonly=False, ack=False)",
                "d = t.getcol('DATA')",
                "assert d.shape == (300, 8, 4) and d[0, 0, 0] == 1 and d[0, 0, 1] == 0",
                "assert t.getcol('UVW')[16][0] == -199.0 and t.getcol('UVW')[0][0] == -100.0",
                "cd = makecoldesc('MODEL_DATA', t.getcoldesc('DATA'))",
                "t.addcols(cd)",
                "t.putcol('MODEL_DATA', d * 2)",
                "t.flush(); t.close()",
                "t = table('" + ms + "', ack=False)",
                "assert np.array_equal(t.getcol('MODEL_DATA'), d * 2) and np.array_equal(t.getcol('DATA'), d)",
                "assert table('" + ms + "/POLARIZATION', ack=False).getcell('CORR_TYPE', 0).tolist() == [9, 10, 11, 12]",
                "print('done')")).runOk();
        assertTrue(out.contains("done"), out);
    }

    @Test
    void wscleanImagesABuiltMs() {
        Wsclean.assumeInstalled();
        Path ms = tmp.resolve("sim.ms");
        build(ms, 16);
        String out = Wsclean.command(List.of("-size", "256", "256", "-scale", "1amin",
                "-name", tmp.resolve("img").toString(), ms.toString())).runOk();
        assertTrue(Files.exists(tmp.resolve("img-dirty.fits")), out);
    }

    @Test
    void failedBuildLeavesNoDirectory() {
        Path ms = tmp.resolve("bad.ms");
        MeasurementSetBuilder b = MeasurementSetBuilder.create(ms, setup(4));
        b.addRow(new MeasurementSetBuilder.Row(0, 1, 5e9, 10, new double[3], null, null, null, null, null));
        assertThrows(CasacoreException.class, () -> b.addRow(new MeasurementSetBuilder.Row(0, 1, 5e9, 10,
                new double[3], new float[5], null, null, null, null)));
        assertFalse(Files.exists(ms));
    }
}
