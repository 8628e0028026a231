package org.tessera.casacore.write;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.casacore.CasacoreException;
import org.tessera.casacore.table.ArrayValue;
import org.tessera.casacore.table.Table;
import org.tessera.testsupport.ExternalCommand;
import org.tessera.testsupport.Python;
import org.tessera.testsupport.PythonCasacore;
import org.tessera.testsupport.SharedMs;
import org.tessera.testsupport.Tools;
import org.tessera.testsupport.Wsclean;

class MeasurementSetWriterTest {
    @TempDir
    Path tmp;

    @Test
    void everySharedMsRoundTripsAllRows() throws Exception {
        for (Path src : SharedMs.all()) {
            Path out = tmp.resolve("rt-" + src.getFileName());
            long n;
            try (Table t = Table.open(src)) {
                n = t.nrow();
            }
            assertEquals(n, MeasurementSetWriter.write(src, out, List.of(new MeasurementSetWriter.RowRange(0, n))));
            try (Table s = Table.open(src); Table o = Table.open(out)) {
                TableComparison.assertSameCells(s, TableComparison.range(0, n), o);
                assertEquals(s.desc().keywords().names(), o.desc().keywords().names());
                for (String sub : s.subtableNames()) {
                    // Dangling keywords (ALMA's ASDM_* without a directory) stay dangling.
                    if (Files.isDirectory(src.resolve(sub))) {
                        assertTrue(Files.isDirectory(out.resolve(sub)), sub);
                        try (Table a = s.subtable(sub); Table b = o.subtable(sub)) {
                            assertEquals(a.nrow(), b.nrow(), "rows of subtable " + sub);
                        }
                    }
                }
            }
            try (Stream<Path> files = Files.walk(out)) {
                assertFalse(files.anyMatch(p -> p.getFileName().toString().equals("table.lock")), "no lock files");
            }
        }
    }

    @Test
    void subMsOfRowRangesMatchesPythonCasacore() throws Exception {
        PythonCasacore.assumeInstalled();
        Tools.assumeInstalled("msselect");
        for (Path src : SharedMs.all()) {
            long n;
            try (Table t = Table.open(src)) {
                n = t.nrow();
            }
            long a = n / 5;
            long b = Math.max(a + 1, n / 2);
            long c = Math.min(n, b + 3);
            Path out = tmp.resolve("sub-" + src.getFileName());
            MeasurementSetWriter.write(src, out, List.of(new MeasurementSetWriter.RowRange(0, a),
                    new MeasurementSetWriter.RowRange(b, c)));
            String rows = "0:" + a + "," + b + ":" + c;
            String cmp = Python.testScript("casacore-tables", "write_compare.py", src.toString(), out.toString(), rows)
                    .runOk();
            assertTrue(cmp.startsWith("OK"), cmp);
            ExternalCommand.of("msselect", "in=" + out, "out=" + tmp.resolve("sel-" + src.getFileName())).runOk();
        }
    }

    @Test
    void channelRangeSlicesDataAndRewritesSpectralWindow() {
        PythonCasacore.assumeInstalled();
        Path src = SharedMs.require("vla-tdem0003.ms");
        Path out = tmp.resolve("chan.ms");
        long n;
        int nchan;
        try (Table t = Table.open(src); Table spw = t.subtable("SPECTRAL_WINDOW")) {
            n = t.nrow();
            nchan = spw.column("NUM_CHAN").getInt(0);
        }
        int c0 = nchan / 4;
        int c1 = Math.max(c0 + 1, nchan / 2);
        MeasurementSetWriter.write(src, out, List.of(new MeasurementSetWriter.RowRange(0, n)), c0, c1);
        String cmp = Python.testScript("casacore-tables", "write_compare.py", src.toString(), out.toString(), "all",
                Integer.toString(c0), Integer.toString(c1)).runOk();
        assertTrue(cmp.startsWith("OK"), cmp);
        try (Table s = Table.open(src); Table o = Table.open(out);
             Table sspw = s.subtable("SPECTRAL_WINDOW"); Table ospw = o.subtable("SPECTRAL_WINDOW")) {
            assertEquals(c1 - c0, ospw.column("NUM_CHAN").getInt(0));
            double[] f = ((ArrayValue) sspw.column("CHAN_FREQ").get(0)).doubles();
            double[] g = ((ArrayValue) ospw.column("CHAN_FREQ").get(0)).doubles();
            assertArrayEquals(java.util.Arrays.copyOfRange(f, c0, c1), g);
            assertEquals(f[c0], ospw.column("REF_FREQUENCY").getDouble(0));
            assertEquals(sspw.desc().columns().get(0).keywords().names(), ospw.desc().columns().get(0).keywords().names());
        }
    }

    @Test
    void wscleanImagesASubMsOfVla() {
        Wsclean.assumeInstalled();
        Path src = SharedMs.require("vla-tdem0003.ms");
        Path out = tmp.resolve("vla-sub.ms");
        long n;
        try (Table t = Table.open(src)) {
            n = t.nrow();
        }
        MeasurementSetWriter.write(src, out, List.of(new MeasurementSetWriter.RowRange(0, n / 2)));
        String log = Wsclean.command(List.of("-size", "256", "256", "-scale", "1amin",
                "-name", tmp.resolve("vla").toString(), out.toString())).runOk();
        assertTrue(Files.exists(tmp.resolve("vla-dirty.fits")), log);
    }

    @Test
    void badChannelRangeLeavesNoOutput() {
        Path src = SharedMs.require("vla-tdem0003.ms");
        Path out = tmp.resolve("bad.ms");
        assertThrows(CasacoreException.class, () -> MeasurementSetWriter.write(src, out,
                List.of(new MeasurementSetWriter.RowRange(0, 10)), 0, 1_000_000));
        assertFalse(Files.exists(out));
    }
}
