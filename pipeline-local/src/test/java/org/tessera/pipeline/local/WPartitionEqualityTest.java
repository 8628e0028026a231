package org.tessera.pipeline.local;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.imaging.Image;
import org.tessera.imaging.simulation.MakeWideMs;
import org.tessera.imaging.sequence.Stage;
import org.tessera.pipeline.JobState;
import org.tessera.pipeline.Json;
import org.tessera.service.JobClient;
import org.tessera.service.ServiceHost;
import org.tessera.testsupport.JobWatch;
import org.tessera.testsupport.SharedMs;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Partitions along w through the real embedded services (Artemis, S3) equal the in-process
 * imager within 1e-5 of the peak, with CLEAN cycles: on mwa-pupa.ms (wide field, where auto picks
 * w) and on a simulated MS; each part's gridder reaches fewer w-planes than the whole stack.
 */
class WPartitionEqualityTest {
    @TempDir
    static Path dir;
    static LocalStack stack;
    static JobClient client;
    static JobWatch<JobState> jobs;

    @BeforeAll
    static void start() throws Exception {
        stack = LocalStack.start(dir.resolve("stack"), new LinkedHashSet<>(ServiceHost.SERVICES), 3, 2);
        client = new JobClient(stack.config());
        jobs = new JobWatch<>(client::status, s -> s.stage.finished(), JobState::progress);
    }

    @AfterAll
    static void stop() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    /** MwaPartitionEqualityTest's parameters, with more CLEAN iterations (the issue's -niter 1000). */
    static Map<String, Object> mwaParameters(int partitions, String by) {
        Map<String, Object> p = MwaPartitionEqualityTest.parameters(partitions, by);
        p.put("niter", 1000);
        return p;
    }

    @Test
    void wPartitionsOfMwaPupaEqualTheInProcessImage() throws Exception {
        Path ms = SharedMs.require("mwa-pupa.ms");
        Path tarball = TestData.tar(ms, dir.resolve("mwa-pupa.ms.tar"));
        Map<String, Image> reference = TestData.reference(ms, mwaParameters(1, "time"), dir.resolve("mwa-ref"));
        for (String by : List.of("w", "auto")) {
            JsonNode partition = runAndCompare("mwa-4-" + by, tarball, mwaParameters(4, by), "mwa", reference);
            assertEquals("w", partition.get("by").asText(), "the axis -partition-by " + by + " chose");
            assertWSlabsReachFewerPlanes(partition);
        }
    }

    @Test
    void wAndChannelWPartitionsOfASimulatedMsEqualTheInProcessImage() throws Exception {
        Path ms = TestData.simulate(dir, "sim");
        Path tarball = TestData.tar(ms, dir.resolve("sim.ms.tar"));
        Map<String, Object> base = new LinkedHashMap<>(TestData.parameters("briggs 0", 1, "time"));
        base.put("niter", 1000);
        Map<String, Image> reference = TestData.reference(ms, base, dir.resolve("sim-ref"));
        for (Object[] run : new Object[][] {{3, "w"}, {4, "channel,w"}}) {
            Map<String, Object> p = new LinkedHashMap<>(base);
            p.put("partitions", run[0]);
            p.put("partition-by", run[1]);
            JsonNode partition = runAndCompare("sim-" + run[0] + "-" + ((String) run[1]).replace(',', '-'), tarball,
                    p, "sim", reference);
            assertEquals(run[1], partition.get("by").asText());
            assertEquals((int) run[0], partition.get("partWPlanes").size());
        }
    }

    /**
     * The benchmark MS (MakeWideMs from mwa-pupa.ms, 60 time steps, 11.7 M visibilities) at the
     * benchmark's field of view (34°, here 1024² of 2'), 1000 CLEAN iterations, four w slabs. Minutes of
     * CPU, so a benchmark-time check: {@code -Dtessera.benchmarkMs=true}.
     */
    @Test
    void wPartitionsOfTheBenchmarkMsEqualTheInProcessImage() throws Exception {
        assumeTrue(Boolean.getBoolean("tessera.benchmarkMs"), "the benchmark-MS check runs with -Dtessera.benchmarkMs=true");
        Path template = SharedMs.require("mwa-pupa.ms");
        Path ms = dir.resolve("wide.ms");
        MakeWideMs.main(new String[] {template.toString(), ms.toString(), "60"});
        Map<String, Object> base = mwaParameters(1, "time");
        base.put("size", List.of(1024, 1024));
        base.put("scale", "2amin");
        base.put("name", "wide");
        Map<String, Image> reference = TestData.reference(ms, base, dir.resolve("wide-ref"));
        Map<String, Object> p = new LinkedHashMap<>(base);
        p.put("partitions", 4);
        p.put("partition-by", "w");
        // the MS directory itself: tarred straight into the upload, as the CLI sends it
        JsonNode partition = runAndCompare("wide-4-w", ms, p, "wide", reference);
        assertEquals("w", partition.get("by").asText());
        assertWSlabsReachFewerPlanes(partition);
    }

    /** Runs the job, compares every product with the in-process one, returns the partition task's facts. */
    private static JsonNode runAndCompare(String job, Path tarball, Map<String, Object> parameters, String name,
                                          Map<String, Image> reference) throws Exception {
        client.submit(job, tarball, parameters);
        JobState state = jobs.await(job, 900);
        assertEquals(Stage.DONE, state.stage, state.progress());
        Path out = dir.resolve(job);
        client.results(job, out);
        Map<String, Image> pipeline = TestData.read(out, name);
        for (String product : reference.keySet()) {
            double err = TestData.relativeError(pipeline.get(product), reference.get(product));
            System.out.printf("%s (%d parts): %s max |pipeline - in-process| / peak = %.3g%n", job, state.parts,
                    product, err);
            assertTrue(err <= 1e-5, job + " " + product + " differs by " + err + " of the peak");
        }
        JsonNode summary = Json.MAPPER.readTree(out.resolve("summary.json").toFile());
        System.out.printf("%s: %s%n", job, summary.get("totals"));
        for (JsonNode stage : summary.get("stages")) {
            if (stage.get("stage").asText().equals(Stage.PARTITION.key())) {
                JsonNode facts = stage.get("tasks").get(0).get("facts");
                System.out.printf("%s: partition facts %s%n", job, facts);
                return facts;
            }
        }
        throw new AssertionError(job + ": no PARTITION stage in the summary");
    }

    /** Each slab reaches fewer planes than the stack, so all together fewer than K stacks (time partitions). */
    private static void assertWSlabsReachFewerPlanes(JsonNode partition) {
        int planes = partition.get("wPlanes").asInt();
        int sum = 0;
        for (JsonNode n : partition.get("partWPlanes")) {
            assertTrue(n.asInt() < planes, n + " of " + planes + " planes");
            sum += n.asInt();
        }
        int parts = partition.get("partWPlanes").size();
        assertTrue(sum < parts * planes, "the slabs reach " + sum + " planes of " + parts + " x " + planes);
    }
}
