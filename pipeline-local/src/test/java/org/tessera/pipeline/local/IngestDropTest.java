package org.tessera.pipeline.local;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.imaging.Image;
import org.tessera.imaging.sequence.Stage;
import org.tessera.pipeline.JobState;
import org.tessera.pipeline.Json;
import org.tessera.pipeline.ObjectStore;
import org.tessera.pipeline.PipelineConfig;
import org.tessera.service.JobClient;
import org.tessera.service.ServiceHost;
import org.tessera.testsupport.ExternalCommand;
import org.tessera.testsupport.JobWatch;
import org.tessera.testsupport.Poll;
import org.tessera.testsupport.Python;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ingest drops as a user makes them: boto3 (Debian's python3-boto3) puts the tarball into the
 * ingest bucket of a running embedded stack, nothing of Tessera on the client side.
 */
class IngestDropTest {
    @TempDir
    static Path dir;
    static LocalStack stack;
    static JobClient client;
    static JobWatch<JobState> jobs;
    static Path ms;
    static Path tarball;

    @BeforeAll
    static void start() throws Exception {
        Python.assumeModules("boto3", "apt-get install python3-boto3");
        stack = LocalStack.start(dir.resolve("stack"), new LinkedHashSet<>(ServiceHost.SERVICES), 3, 1);
        client = new JobClient(stack.config());
        jobs = new JobWatch<>(client::status, s -> s.stage.finished(), JobState::progress);
        ms = TestData.simulate(dir, "sim");
        tarball = TestData.tar(ms, dir.resolve("sim.ms.tar"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aTarballDroppedWithBoto3IsImaged() throws Exception {
        Map<String, Object> parameters = TestData.parameters("natural", 2, "time");
        Path json = Files.write(dir.resolve("params.json"), Json.bytes(parameters));
        String out = drop("user/sim.ms.tar", json.toString());
        assertTrue(out.contains("dropped ingest/user/sim.ms.tar"), out);
        String job = claimedJob("user/sim.ms.tar");
        JobState state = jobs.await(job, 240);
        assertEquals(Stage.DONE, state.stage, state.progress());
        Map<String, Image> reference = TestData.reference(ms, parameters, dir.resolve("ref"));
        TestData.assertSameImage(client, job, reference, dir);
        assertEquals(List.of(), TestData.orphans(client, job));
        assertTrue(client.store().exists(ObjectStore.INGEST, "user/sim.ms.tar"), "the user's drop stays");
    }

    @Test
    void aSymlinkChainDroppedWithBoto3FailsNamingTheEntryAndWritesNothingOutside() throws Exception {
        Path json = Files.write(dir.resolve("evil-params.json"), Json.bytes(TestData.parameters("natural", 2, "time")));
        drop("evil.ms.tar", json.toString(), "--symlink-chain");
        String job = claimedJob("evil.ms.tar");
        JobState state = jobs.await(job, 120);
        assertEquals(Stage.FAILED, state.stage, state.progress());
        assertEquals("partition task 0: ingest/evil.ms.tar: tarball entry a/b is a symbolic link to ..: an MS has only directories"
                + " and files; refused", state.failure);
        try (Stream<Path> all = Files.walk(dir)) {
            List<Path> escaped = all.filter(p -> p.getFileName().toString().startsWith("escaped-")).toList();
            assertEquals(List.of(), escaped, "entries written through the links");
        }
        // the refused extraction is removed: the partitioner's scratch holds nothing of the job
        Path scratch = dir.resolve("stack/services/partitioner");
        try (Stream<Path> left = Files.exists(scratch) ? Files.list(scratch) : Stream.empty()) {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().startsWith(job)).toList());
        }
        assertEquals(List.of(), TestData.orphans(client, job));
    }

    /** Runs the boto3 client against the stack's S3 with the stack's credentials; returns its output. */
    private static String drop(String key, String parametersFile, String... flags) {
        PipelineConfig c = stack.config();
        List<String> args = new java.util.ArrayList<>(List.of(c.s3Url(), c.s3AccessKey(), c.s3SecretKey(), key,
                tarball.toString()));
        if (parametersFile != null) {
            args.add(parametersFile);
        }
        args.addAll(List.of(flags));
        ExternalCommand.Result r = Python.testScript("pipeline-local", "s3_drop.py", args.toArray(String[]::new))
                .timeout(Duration.ofSeconds(60)).run();
        assertEquals(0, r.exit(), r.output());
        return r.output();
    }

    /** The job the controller started for an ingest key (it claims the drop first). */
    private static String claimedJob(String key) throws Exception {
        String claim = org.tessera.pipeline.Keys.ingestClaim(key);
        String job = Poll.until(() -> client.store().exists(ObjectStore.WORK, claim)
                        ? Json.MAPPER.readTree(client.store().get(ObjectStore.WORK, claim)).get("jobId").asText() : null,
                Objects::nonNull, Duration.ofSeconds(60), Duration.ofMillis(100));
        assertTrue(job != null, "no job claimed " + key);
        return job;
    }
}
