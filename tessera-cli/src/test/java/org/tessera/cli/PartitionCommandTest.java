package org.tessera.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.casacore.ms.MeasurementSet;
import org.tessera.casacore.table.Column;
import org.tessera.casacore.table.Table;
import org.tessera.partition.PartitionManifest;
import org.tessera.partition.PartitionPlan;
import org.tessera.partition.PartitionPlanner;
import org.tessera.partition.Partitioner;
import org.tessera.testsupport.ExternalCommand;
import org.tessera.testsupport.Python;
import org.tessera.testsupport.PythonCasacore;
import org.tessera.testsupport.SharedMs;
import org.tessera.testsupport.Tools;
import org.tessera.testsupport.Wsclean;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code tessera partition} on MSs the test writes and on the real MSs of ../shared. */
class PartitionCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void byTimeKeepsEveryRowOnceInOrderOnASimulatedMs() throws Exception {
        Path ms = TestMs.simulate(tmp, 10);
        Path out = tmp.resolve("out");
        PartitionManifest manifest = partition(ms, out, "--parts", "3");
        assertEquals(3, manifest.parts().size());
        assertEquals(10L * TestMs.BASELINES, manifest.rows());
        assertPartsConcatenateToSource(ms, out, manifest);
        assertManifestMatchesParts(out, manifest);
        // 10 time steps of equal row counts in 3 parts: 4, 3, 3 steps (the planner fills shares in order).
        assertArrayEquals(new long[] {4 * TestMs.BASELINES, 3 * TestMs.BASELINES, 3 * TestMs.BASELINES}, manifest.parts().stream().mapToLong(PartitionManifest.Entry::rows).toArray());
        for (PartitionManifest.Entry e : manifest.parts()) {
            assertEquals(e.rows() * TestMs.CHANNELS * 4, e.visibilities(), e.path());
        }
    }

    /** One part of everything is the MS itself: its manifest entry equals that of the part written out, nothing is written. */
    @Test
    void onePartOfEverythingPassesThroughWithTheWrittenPartsEntry() throws Exception {
        Path ms = TestMs.simulate(tmp, 6);
        try (MeasurementSet source = MeasurementSet.open(ms)) {
            PartitionPlan one = PartitionPlanner.byTime(source, 1);
            assertTrue(Partitioner.keepsEverything(source, one));
            assertFalse(Partitioner.keepsEverything(source, PartitionPlanner.byTime(source, 2)));
            PartitionManifest.Entry passed = Partitioner.passThrough(source, one).parts().get(0);
            PartitionManifest.Entry written = Partitioner.write(source, one, tmp.resolve("out")).parts().get(0);
            assertEquals(ms.getFileName().toString(), passed.path());
            assertEquals(written.rows(), passed.rows());
            assertEquals(written.visibilities(), passed.visibilities());
            assertEquals(written.channels(), passed.channels());
            assertEquals(written.firstChannel(), passed.firstChannel());
            assertEquals(written.timeMin(), passed.timeMin());
            assertEquals(written.timeMax(), passed.timeMax());
            assertEquals(Partitioner.directorySize(ms), passed.bytes());
        }
    }

    @Test
    void byWKeepsEveryRowOnceInSlabsOfAbsoluteWWithEqualVisibilities() throws Exception {
        Path ms = TestMs.simulate(tmp, 10);
        Path out = tmp.resolve("out");
        PartitionManifest manifest = partition(ms, out, "--parts", "4", "--by", "w");
        assertEquals("w", manifest.mode());
        assertEquals(4, manifest.parts().size());
        assertManifestMatchesParts(out, manifest);
        // every source row (matched by TIME, ANTENNA1, ANTENNA2 and UVW) in exactly one part, in source order
        Columns source = Columns.of(ms);
        double[] sourceW = absW(ms);
        java.util.Set<String> seen = new java.util.HashSet<>();
        double previousMax = -1;
        for (PartitionManifest.Entry e : manifest.parts()) {
            Path part = out.resolve(e.path());
            Columns c = Columns.of(part);
            double[] w = absW(part);
            for (int i = 0; i < w.length; i++) {
                assertTrue(seen.add(c.time[i] + "/" + c.antenna1[i] + "/" + c.antenna2[i]), "row in two parts");
                assertTrue(i == 0 || c.time[i] >= c.time[i - 1], e.path() + ": rows out of source order");
            }
            double min = Arrays.stream(w).min().orElseThrow();
            double max = Arrays.stream(w).max().orElseThrow();
            // the planner orders |w| at float precision
            assertTrue(min >= previousMax * (1 - 1e-6), e.path() + ": |w| slabs overlap (" + min + " < "
                    + previousMax + ")");
            previousMax = max;
            // one data description of equal rows: equal visibility counts are equal row counts (±1)
            assertTrue(Math.abs(e.rows() - source.time.length / 4.0) <= 1, e.path() + ": " + e.rows() + " rows");
        }
        assertEquals(source.time.length, seen.size());
        double wMax = Arrays.stream(sourceW).max().orElseThrow();
        assertEquals(wMax, previousMax, 1e-6 * wMax);
    }

    /**
     * Balanced against the planes (gridding share 0), the slabs cover equal |w| extents instead of
     * equal visibility counts; every row is still in exactly one slab.
     */
    @Test
    void wSlabsWithoutGriddingShareCoverEqualWExtents() throws Exception {
        Path ms = TestMs.simulate(tmp, 10);
        double[] w = absW(ms);
        double min = Arrays.stream(w).min().orElseThrow();
        double max = Arrays.stream(w).max().orElseThrow();
        try (MeasurementSet set = MeasurementSet.open(ms)) {
            PartitionPlan plan = PartitionPlanner.byW(set, 4, 0);
            long rows = 0;
            for (PartitionPlan.Part part : plan.parts()) {
                double lo = Double.POSITIVE_INFINITY;
                double hi = Double.NEGATIVE_INFINITY;
                for (long[] r : part.rowRanges()) {
                    for (long row = r[0]; row < r[1]; row++) {
                        lo = Math.min(lo, w[(int) row]);
                        hi = Math.max(hi, w[(int) row]);
                    }
                }
                rows += part.rows();
                // part k holds |w| in [min + k/4 span, min + (k+1)/4 span] (float rounding at the cuts)
                double span = max - min;
                int k = part.index();
                assertTrue(lo >= min + k * span / 4 - 1e-6 * max && hi <= min + (k + 1) * span / 4 + 1e-6 * max,
                        "part " + k + " holds |w| " + lo + ".." + hi + " of " + min + ".." + max);
            }
            assertEquals(set.rows(), rows);
            PartitionPlan equalCounts = PartitionPlanner.byW(set, 4, 1);
            assertTrue(equalCounts.parts().stream().allMatch(p -> Math.abs(p.rows() - set.rows() / 4.0) <= 1));
        }
    }

    @Test
    void byChannelAndWSplitsChannelRangesIntoWSlabs() throws Exception {
        Path ms = TestMs.simulate(tmp, 6);
        Path out = tmp.resolve("out");
        PartitionManifest manifest = partition(ms, out, "--parts", "4", "--by", "channel,w");
        assertEquals("channel,w", manifest.mode());
        assertManifestMatchesParts(out, manifest);
        // 4 = 2 channel ranges x 2 w slabs; each channel range holds every row once
        long[] rowsPerRange = new long[2];
        for (PartitionManifest.Entry e : manifest.parts()) {
            assertEquals(e.index() < 2 ? 0 : TestMs.CHANNELS / 2, e.firstChannel(), e.path());
            assertEquals(TestMs.CHANNELS / 2, e.channels(), e.path());
            rowsPerRange[e.index() / 2] += e.rows();
        }
        assertArrayEquals(new long[] {manifest.rows(), manifest.rows()}, rowsPerRange);
    }

    /** |w| in metres of every row. */
    private static double[] absW(Path ms) {
        try (Table t = Table.open(ms)) {
            int n = (int) t.nrow();
            double[] uvw = new double[3 * n];
            t.column("UVW").getDoubles(0, n, uvw, 0);
            double[] w = new double[n];
            for (int i = 0; i < n; i++) {
                w[i] = Math.abs(uvw[3 * i + 2]);
            }
            return w;
        }
    }

    @Test
    void maxSizeKeepsEveryPartUnderTheSize() throws Exception {
        Path ms = TestMs.simulate(tmp, 12);
        Path out = tmp.resolve("out");
        long max = 200_000;
        PartitionManifest manifest = partition(ms, out, "--max-size", "200kB");
        assertTrue(manifest.parts().size() > 2, "parts: " + manifest.parts().size());
        for (PartitionManifest.Entry e : manifest.parts()) {
            boolean singleStep = e.timeMin() == e.timeMax();
            assertTrue(e.bytes() <= max || singleStep, e.path() + " has " + e.bytes() + " bytes");
        }
        assertPartsConcatenateToSource(ms, out, manifest);
        assertManifestMatchesParts(out, manifest);
    }

    @Test
    void maxSizeBelowTheSubtablesIsRefused() {
        Path ms = TestMs.simulate(tmp, 3);
        Path out = tmp.resolve("out");
        CliRun run = CliRun.of("partition", ms.toString(), "--max-size", "1kB", "--out", out.toString());
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.err().contains(ms.toString()) && run.err().contains("more than the maximum size of 1000 bytes"),
                run.err());
        assertTrue(!Files.exists(out), "output directory left behind");
    }

    @Test
    void byTimeOnRealMssMatchesPythonCasacore() throws Exception {
        PythonCasacore.assumeInstalled();
        for (String name : List.of("vla-tdem0003.ms", "oskar-sim.ms", "lofar-hba-3c48.ms")) {
            Path ms = SharedMs.require(name);
            Path out = tmp.resolve(name + "-time");
            PartitionManifest manifest = partition(ms, out, "--parts", "3");
            assertPartsConcatenateToSource(ms, out, manifest);
            assertManifestMatchesParts(out, manifest);
            List<String> args = new ArrayList<>(List.of("time", ms.toString()));
            for (PartitionManifest.Entry e : manifest.parts()) {
                args.add(out.resolve(e.path()).toString());
            }
            JsonNode check = JSON.readTree(Python.testScript("tessera-cli", "partition_check.py", args.toArray(String[]::new)).stdoutOk());
            for (String column : List.of("TIME", "ANTENNA1", "ANTENNA2", "DATA")) {
                assertTrue(check.get(column).asBoolean(), name + ": " + column + " differs from the source");
            }
        }
    }

    @Test
    void byChannelSlicesDataAndSpectralWindowOfRealMss() throws Exception {
        PythonCasacore.assumeInstalled();
        for (String name : List.of("vla-tdem0003.ms", "mwa-pupa.ms")) {
            Path ms = SharedMs.require(name);
            Path out = tmp.resolve(name + "-chan");
            PartitionManifest manifest = partition(ms, out, "--parts", "3", "--by", "channel");
            int channels;
            double[] freq;
            try (MeasurementSet set = MeasurementSet.open(ms)) {
                channels = set.spectralWindows().get(0).channels();
                freq = set.spectralWindows().get(0).chanFreq();
            }
            List<String> args = new ArrayList<>(List.of("channel", ms.toString()));
            int next = 0;
            for (PartitionManifest.Entry e : manifest.parts()) {
                assertEquals(manifest.rows(), e.rows(), name + " " + e.path());
                assertEquals(next, e.firstChannel(), name + ": channel ranges must be contiguous");
                next += e.channels();
                try (MeasurementSet part = MeasurementSet.open(out.resolve(e.path()))) {
                    assertEquals(e.channels(), part.spectralWindows().get(0).channels());
                    assertArrayEquals(Arrays.copyOfRange(freq, e.firstChannel(), e.firstChannel() + e.channels()),
                            part.spectralWindows().get(0).chanFreq());
                }
                args.addAll(List.of(out.resolve(e.path()).toString(), "" + e.firstChannel(), "" + e.channels()));
            }
            assertEquals(channels, next, name + ": channel ranges must cover every channel");
            assertManifestMatchesParts(out, manifest);
            JsonNode check = JSON.readTree(Python.testScript("tessera-cli", "partition_check.py", args.toArray(String[]::new)).stdoutOk());
            for (PartitionManifest.Entry e : manifest.parts()) {
                assertTrue(check.get(out.resolve(e.path()).toString()).asBoolean(),
                        name + " " + e.path() + ": DATA, CHAN_FREQ or NUM_CHAN differ from python's slice");
            }
        }
    }

    @Test
    void subMssPassMsselectAndOpenInWsclean() throws Exception {
        Path ms = SharedMs.require("vla-tdem0003.ms");
        Tools.assumeInstalled("msselect", "wsclean");
        Path out = tmp.resolve("parts");
        PartitionManifest manifest = partition(ms, out, "--parts", "2");
        for (PartitionManifest.Entry e : manifest.parts()) {
            Path part = out.resolve(e.path());
            Path copy = tmp.resolve("selected-" + e.index() + ".ms");
            ExternalCommand.Result selected = tool(ExternalCommand.of("msselect", "in=" + part, "out=" + copy));
            assertEquals(0, selected.exit(), "msselect " + part + "\n" + selected.output());
            assertTrue(Files.isDirectory(copy), "msselect wrote no " + copy);
        }
        Path first = out.resolve(manifest.parts().get(0).path());
        ExternalCommand.Result imaged = tool(Wsclean.command(List.of("-use-wgridder", "-size", "128", "128", "-scale",
                "2asec", "-name", tmp.resolve("ws").toString(), first.toString())));
        assertEquals(0, imaged.exit(), "wsclean on " + first + "\n" + imaged.output());
        assertTrue(Files.isRegularFile(tmp.resolve("ws-dirty.fits")), "wsclean wrote no dirty image");
    }

    private static PartitionManifest partition(Path ms, Path out, String... options) {
        List<String> args = new ArrayList<>(List.of("partition", ms.toString(), "--out", out.toString()));
        args.addAll(List.of(options));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("parts written to " + out), run.out());
        PartitionManifest manifest = Partitioner.readManifest(out.resolve(Partitioner.MANIFEST));
        for (PartitionManifest.Entry e : manifest.parts()) {
            assertEquals(Partitioner.partName(ms, e.index()), e.path());
        }
        return manifest;
    }

    /** TIME, ANTENNA1, ANTENNA2 and DATA of the parts, concatenated, equal the source; no TIME is in two parts. */
    private static void assertPartsConcatenateToSource(Path ms, Path out, PartitionManifest manifest) {
        Columns source = Columns.of(ms);
        Columns joined = new Columns();
        double previousMax = Double.NEGATIVE_INFINITY;
        for (PartitionManifest.Entry e : manifest.parts()) {
            Columns c = Columns.of(out.resolve(e.path()));
            double min = Arrays.stream(c.time).min().orElseThrow();
            double max = Arrays.stream(c.time).max().orElseThrow();
            assertEquals(e.timeMin(), min, e.path());
            assertEquals(e.timeMax(), max, e.path());
            assertTrue(min > previousMax, e.path() + ": rows sharing a TIME were split across parts");
            previousMax = max;
            joined.append(c);
        }
        assertArrayEquals(source.time, joined.time, "TIME");
        assertArrayEquals(source.antenna1, joined.antenna1, "ANTENNA1");
        assertArrayEquals(source.antenna2, joined.antenna2, "ANTENNA2");
        assertArrayEquals(source.data, joined.data, "DATA");
    }

    private static void assertManifestMatchesParts(Path out, PartitionManifest manifest) throws Exception {
        long rows = 0;
        for (PartitionManifest.Entry e : manifest.parts()) {
            Path part = out.resolve(e.path());
            assertEquals(Partitioner.directorySize(part), e.bytes(), e.path() + ": bytes");
            try (MeasurementSet set = MeasurementSet.open(part)) {
                assertEquals(set.rows(), e.rows(), e.path() + ": rows");
                int ncorr = set.polarizations().get(0).correlations();
                assertEquals(set.rows() * set.spectralWindows().get(0).channels() * ncorr, e.visibilities(),
                        e.path() + ": visibilities");
            }
            rows += e.rows();
        }
        if (manifest.mode().equals("time")) {
            assertEquals(manifest.rows(), rows, "every row in exactly one part");
        }
    }

    /** Runs a casacore tool or WSClean in the test's folder, where they leave their temporary files. */
    private ExternalCommand.Result tool(ExternalCommand command) {
        return command.env("OPENBLAS_NUM_THREADS", "1").in(tmp).timeout(Duration.ofSeconds(300)).run();
    }

    /** The main-table columns compared between source and parts. */
    private static final class Columns {
        double[] time = new double[0];
        int[] antenna1 = new int[0];
        int[] antenna2 = new int[0];
        float[] data = new float[0];

        static Columns of(Path ms) {
            Columns c = new Columns();
            try (Table t = Table.open(ms)) {
                int n = (int) t.nrow();
                c.time = new double[n];
                c.antenna1 = new int[n];
                c.antenna2 = new int[n];
                t.column("TIME").getDoubles(0, n, c.time, 0);
                t.column("ANTENNA1").getInts(0, n, c.antenna1, 0);
                t.column("ANTENNA2").getInts(0, n, c.antenna2, 0);
                Column data = t.column("DATA");
                long values = 0;
                for (long r = 0; r < n; r++) {
                    values += Arrays.stream(data.shape(r)).asLongStream().reduce(1, (a, b) -> a * b);
                }
                c.data = new float[(int) (2 * values)];
                data.getFloats(0, n, c.data, 0);
            }
            return c;
        }

        void append(Columns o) {
            time = concat(time, o.time);
            antenna1 = concat(antenna1, o.antenna1);
            antenna2 = concat(antenna2, o.antenna2);
            float[] d = Arrays.copyOf(data, data.length + o.data.length);
            System.arraycopy(o.data, 0, d, data.length, o.data.length);
            data = d;
        }

        private static double[] concat(double[] a, double[] b) {
            double[] r = Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, r, a.length, b.length);
            return r;
        }

        private static int[] concat(int[] a, int[] b) {
            int[] r = Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, r, a.length, b.length);
            return r;
        }
    }
}
