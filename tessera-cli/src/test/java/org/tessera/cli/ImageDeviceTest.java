package org.tessera.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.gpu.GpuDevice;
import org.tessera.imaging.fits.FitsImageReader;
import org.tessera.testsupport.JsonKeys;
import org.tessera.imaging.simulation.ArrayLayout;
import org.tessera.imaging.simulation.Observation;
import org.tessera.imaging.simulation.PointSource;
import org.tessera.imaging.simulation.SimulatedMeasurementSet;

/** {@code tessera image -device auto|cpu|gpu}: what runs, what the log and the summary say, and the refusals. */
class ImageDeviceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    private static Path ms;

    @BeforeAll
    static void simulate() {
        ArrayLayout layout = ArrayLayout.spiral(10, 30, 800, Math.toRadians(-30), 12);
        double cell = Math.toRadians(4.0 / 3600);
        ms = dir.resolve("small.ms");
        SimulatedMeasurementSet.write(ms, new Observation(layout, Math.toRadians(150), Math.toRadians(-40), 4.9e9, 8,
                120, Math.toRadians(-20), 1.4e9, 1e6, 4,
                List.of(new PointSource(1.0, 0, 0), new PointSource(0.4, Math.sin(10 * cell), Math.sin(-6 * cell))),
                0.01, 3));
    }

    private static CliRun image(String prefix, String... extra) {
        List<String> args = new ArrayList<>(List.of("image", "-size", "64", "64", "-scale", "4asec", "-niter", "50",
                "-mgain", "0.8", "-j", "2", "-name", prefix));
        args.addAll(List.of(extra));
        args.add(ms.toString());
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void cpuAndAutoWithoutAGpuMakeIdenticalImagesAndSaySo() throws IOException {
        assumeFalse(GpuDevice.probe().usable(), "this machine has a usable CUDA device: auto would take it");
        String cpu = dir.resolve("cpu/x").toString();
        String auto = dir.resolve("auto/x").toString();
        CliRun a = image(cpu, "-device", "cpu");
        CliRun b = image(auto);
        assertEquals(0, a.exitCode(), a.out() + a.err());
        assertEquals(0, b.exitCode(), b.out() + b.err());
        assertTrue(a.out().contains("device: cpu (CPU gridder: requested with -device cpu)"), a.out());
        assertTrue(b.out().contains("device: cpu (CPU gridder: -device auto found no usable CUDA device: "), b.out());

        JsonNode sa = JSON.readTree(Path.of(cpu + "-summary.json").toFile());
        JsonNode sb = JSON.readTree(Path.of(auto + "-summary.json").toFile());
        assertEquals("cpu", sa.get("device").asText());
        assertEquals("CPU gridder: requested with -device cpu", sa.get("deviceReason").asText());
        assertEquals("cpu", sb.get("device").asText());
        assertTrue(sb.get("deviceReason").asText().startsWith("CPU gridder: -device auto found no usable CUDA device: "),
                sb.get("deviceReason").asText());
        for (String product : List.of("psf", "dirty", "model", "residual", "image")) {
            assertArrayEquals(FitsImageReader.read(Path.of(cpu + "-" + product + ".fits")).image().pixels,
                    FitsImageReader.read(Path.of(auto + "-" + product + ".fits")).image().pixels, product);
        }
    }

    @Test
    void gpuWithoutAUsableDeviceIsOneLineAndWritesNothing() throws IOException {
        assumeFalse(GpuDevice.probe().usable(), "this machine has a usable CUDA device");
        Path out = dir.resolve("gpu");
        CliRun run = image(out.resolve("x").toString(), "-device", "gpu");
        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertEquals(1, run.err().strip().lines().count(), "one line: " + run.err());
        assertTrue(run.err().startsWith("tessera image: error: -device gpu was requested but no usable CUDA device: "),
                run.err());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void unknownDevicesAreRefusedBeforeAnyWork() {
        Path out = dir.resolve("foo");
        CliRun run = CliRun.of("image", "-size", "64", "64", "-scale", "4asec", "-device", "foo",
                "-name", out.resolve("x").toString(), dir.resolve("missing.ms").toString());
        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertEquals("tessera image: error: -device must be auto, cpu or gpu, got 'foo'", run.err().strip());
        assertFalse(Files.exists(out), "nothing written");
    }

    /** With -partitions the device travels in the job's parameters; without it the gridders' TESSERA_DEVICE (auto) decides. */
    @Test
    void partitionedRunsRecordTheDeviceOfEveryGridTask() throws IOException {
        assumeFalse(GpuDevice.probe().usable(), "this machine has a usable CUDA device: auto would take it");
        String cpu = dir.resolve("parts-cpu/x").toString();
        CliRun run = image(cpu, "-partitions", "2", "-device", "cpu");
        assertEquals(0, run.exitCode(), run.out() + run.err());
        JsonNode summary = JSON.readTree(Path.of(cpu + "-summary.json").toFile());
        assertEquals("cpu", summary.get("parameters").get("device").asText());
        List<JsonNode> grid = gridTasks(summary);
        assertFalse(grid.isEmpty(), summary.toPrettyString());
        for (JsonNode t : grid) {
            assertEquals("cpu", t.get("facts").get("device").asText(), t.toString());
            assertEquals("CPU gridder: requested with -device cpu", t.get("facts").get("deviceReason").asText());
        }

        String auto = dir.resolve("parts-auto/x").toString();
        run = image(auto, "-partitions", "2");
        assertEquals(0, run.exitCode(), run.out() + run.err());
        summary = JSON.readTree(Path.of(auto + "-summary.json").toFile());
        assertTrue(summary.get("parameters").get("device").isNull(), "the service default applies");
        for (JsonNode t : gridTasks(summary)) {
            assertEquals("cpu", t.get("facts").get("device").asText(), t.toString());
            assertTrue(t.get("facts").get("deviceReason").asText().contains("-device auto found no usable CUDA device"));
        }
    }

    /** {@code tessera image} in process and with {@code -partitions 2} write one summary layout. */
    @Test
    void inProcessAndPartitionedSummariesHaveTheSameKeys() throws IOException {
        String local = dir.resolve("keys-local/x").toString();
        String parts = dir.resolve("keys-parts/x").toString();
        CliRun a = image(local, "-weight", "uniform");
        CliRun b = image(parts, "-weight", "uniform", "-partitions", "2");
        assertEquals(0, a.exitCode(), a.out() + a.err());
        assertEquals(0, b.exitCode(), b.out() + b.err());
        JsonNode sa = JSON.readTree(Path.of(local + "-summary.json").toFile());
        JsonNode sb = JSON.readTree(Path.of(parts + "-summary.json").toFile());
        assertEquals(JsonKeys.paths(sa), JsonKeys.paths(sb));
        assertEquals(1, sa.get("partitions").asInt());
        assertEquals(2, sb.get("partitions").asInt());
        assertEquals(sa.get("iterationsDone"), sb.get("iterationsDone"));
        assertEquals(sa.get("visibilitiesUsed"), sb.get("visibilitiesUsed"));
        assertEquals(sa.get("parameters"), sb.get("parameters"));
    }

    /** The tasks of the gridding stages (PSF + dirty, residual), which carry facts about their device. */
    private static List<JsonNode> gridTasks(JsonNode summary) {
        List<JsonNode> tasks = new ArrayList<>();
        for (JsonNode stage : summary.get("stages")) {
            String name = stage.get("stage").asText();
            if (name.equals("image") || name.equals("residual")) {
                stage.get("tasks").forEach(tasks::add);
            }
        }
        return tasks;
    }
}
