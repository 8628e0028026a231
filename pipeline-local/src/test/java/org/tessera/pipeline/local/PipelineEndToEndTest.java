package org.tessera.pipeline.local;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.imaging.Image;
import org.tessera.pipeline.JobRequest;
import org.tessera.pipeline.JobState;
import org.tessera.pipeline.Json;
import org.tessera.pipeline.MinioObjectStore;
import org.tessera.pipeline.ObjectStore;
import org.tessera.imaging.sequence.Stage;
import org.tessera.pipeline.Queues;
import org.tessera.pipeline.TaskMessage;
import org.tessera.service.JobClient;
import org.tessera.service.ServiceHost;
import org.tessera.testsupport.JobWatch;
import org.tessera.testsupport.Poll;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real embedded broker and S3 on loopback, all five services, whole jobs end to end. */
class PipelineEndToEndTest {
    @TempDir
    static Path dir;
    static LocalStack stack;
    static JobClient client;
    static JobWatch<JobState> jobs;
    static Path ms;
    static Path tarball;

    @BeforeAll
    static void start() throws Exception {
        stack = LocalStack.start(dir.resolve("stack"), new LinkedHashSet<>(ServiceHost.SERVICES), 3, 2);
        client = new JobClient(stack.config());
        jobs = new JobWatch<>(client::status, s -> s.stage.finished(), JobState::progress);
        ms = TestData.simulate(dir, "sim");
        tarball = TestData.tar(ms, dir.resolve("sim.ms.tar"));
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
    }

    /** The job an ingest drop started, or null until the partitioner has claimed the drop. */
    private static String claimedJob() throws Exception {
        String job = null;
        for (String key : client.store().list(ObjectStore.WORK, "ingest-claims/")) {
            job = Json.MAPPER.readTree(client.store().get(ObjectStore.WORK, key)).get("jobId").asText();
        }
        return job;
    }

    @Test
    void twoJobsAtOnceIngestDropAndJobMessageBothMatchTheInProcessImager() throws Exception {
        Map<String, Object> uniform = TestData.parameters("uniform", 4, "time");
        Map<String, Object> briggs = TestData.parameters("briggs 0", 3, "channel");
        client.drop(tarball, "drop/sim.ms.tar", uniform);
        client.submit("by-message", tarball, briggs);

        JobState byMessage = jobs.await("by-message", 240);
        String dropJob = Poll.until(PipelineEndToEndTest::claimedJob, Objects::nonNull, Duration.ofSeconds(60),
                Duration.ofMillis(100));
        assertNotNull(dropJob, "the ingest drop started no job");
        JobState dropped = jobs.await(dropJob, 240);
        assertEquals(Stage.DONE, byMessage.stage, byMessage.progress());
        assertEquals(Stage.DONE, dropped.stage, dropped.progress());
        assertTrue(client.store().exists(ObjectStore.INGEST, "drop/sim.ms.tar"), "the ingest object stays");

        compare(dropJob, uniform, 4);
        compare("by-message", briggs, 3);
    }

    private void compare(String job, Map<String, Object> parameters, int parts) throws Exception {
        Path out = dir.resolve("results-" + job);
        client.results(job, out);
        for (String f : new String[] {"sim-image.fits", "sim-image.png", "sim-model.fits", "summary.json"}) {
            assertTrue(Files.isRegularFile(out.resolve(f)), job + ": missing " + f);
        }
        JsonNode summary = Json.MAPPER.readTree(out.resolve("summary.json").toFile());
        assertEquals("DONE", summary.get("status").asText());
        assertEquals(parts, summary.get("partitions").asInt());
        assertTrue(summary.get("stages").size() >= 4);
        Map<String, Image> reference = TestData.reference(ms, parameters, dir.resolve("ref-" + job));
        Map<String, Image> pipeline = TestData.read(out, "sim");
        for (String product : reference.keySet()) {
            double err = TestData.relativeError(pipeline.get(product), reference.get(product));
            System.out.printf("%s: %s max |pipeline - in-process| / peak = %.3g%n", job, product, err);
            assertTrue(err <= 1e-5, job + " " + product + " differs by " + err + " of the peak");
        }
        System.out.printf("%s: overhead %.2f s per major cycle (%s)%n", job,
                summary.get("totals").get("overheadSecondsPerMajorCycle").asDouble(), summary.get("totals"));
    }

    @Test
    void badMeasurementSetAndBadParametersFailWithAReason() throws Exception {
        Path junk = dir.resolve("junk.ms.tar");
        Files.createDirectories(dir.resolve("junk.ms"));
        Files.writeString(dir.resolve("junk.ms/table.dat"), "not a table");
        TestData.tar(dir.resolve("junk.ms"), junk);
        client.submit("bad-ms", junk, TestData.parameters("natural", 2, "time"));
        JobState bad = jobs.await("bad-ms", 60);
        assertEquals(Stage.FAILED, bad.stage);
        assertTrue(bad.failure.contains("MeasurementSet"), bad.failure);

        client.submit("bad-params", tarball, Map.of("size", 100, "scale", "fast"));
        JobState params = jobs.await("bad-params", 30);
        assertEquals(Stage.FAILED, params.stage);
        assertTrue(params.failure.contains("scale"), params.failure);
        JsonNode summary = Json.MAPPER.readTree(client.store().get(ObjectStore.RESULTS, "bad-params/summary.json"));
        assertEquals("FAILED", summary.get("status").asText());
    }

    @Test
    void brokerAndS3RefuseWrongCredentials() {
        var c = stack.config();
        ObjectStore anonymous = new MinioObjectStore(c.s3Url(), "nobody", "wrong-secret");
        assertThrows(RuntimeException.class, () -> anonymous.list(ObjectStore.WORK, ""));
        JobClient intruder = new JobClient(new org.tessera.pipeline.PipelineConfig(c.brokerUrl(), "nobody", "wrong",
                c.s3Url(), c.s3AccessKey(), c.s3SecretKey(), c.workDir(), 1, 1, 1, 1000));
        assertThrows(Exception.class, () -> intruder.publish(new JobRequest("x", "ingest/x", Map.of())));
    }

    /** Parameters of a job that cleans for many major cycles: still running when a test acts on it. */
    private static Map<String, Object> longJob() {
        Map<String, Object> p = new java.util.HashMap<>(TestData.parameters("natural", 2, "time"));
        p.put("niter", 100000);
        p.put("mgain", 0.99);
        p.put("nmiter", 1000);
        return p;
    }

    @Test
    void aTaskThatKeepsFailingGoesToTheDeadLetterQueueAndFailsTheJob() throws Exception {
        // A long job, so it is still running when its poisoned task runs out of deliveries.
        client.submit("poisoned", tarball, longJob());
        Poll.until(() -> client.status("poisoned"), Objects::nonNull, Duration.ofSeconds(60), Duration.ofMillis(50));
        // A residual task whose model object does not exist fails on every delivery (not a JobFailure).
        TaskMessage poison = new TaskMessage("poisoned", Stage.RESIDUAL, 97, 0,
                Map.of("model", "poisoned/no-such-model.bin"));
        var c = stack.config();
        try (var cf = new org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory(c.brokerUrl(),
                c.brokerUser(), c.brokerPassword());
             jakarta.jms.Connection connection = cf.createConnection();
             jakarta.jms.Session session = connection.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE)) {
            session.createProducer(session.createQueue(Queues.GRID)).send(session.createTextMessage(Json.write(poison)));
        }
        JobState failed = jobs.await("poisoned", 120);
        assertEquals(Stage.FAILED, failed.stage);
        assertTrue(failed.failure.contains("given up after repeated delivery failures"), failed.failure);
        assertTrue(failed.failure.contains("residual task 0 (cycle 97)"), failed.failure);
        assertTrue(client.store().exists(ObjectStore.RESULTS, "poisoned/summary.json"), "the failure is reported");
    }

    @Test
    void aCancelledJobEndsWithinSecondsLeavesNoWorkAndItsResultsCanBeDeleted() throws Exception {
        client.submit("to-cancel", tarball, longJob());
        JobState running = Poll.until(() -> client.status("to-cancel"), s -> s != null && s.stage == Stage.RESIDUAL,
                Duration.ofSeconds(120), Duration.ofMillis(50));
        assertEquals(Stage.RESIDUAL, running.stage, running.progress());
        long asked = System.nanoTime();
        client.cancel("to-cancel");
        JobState cancelled = jobs.await("to-cancel", 30);
        double seconds = (System.nanoTime() - asked) / 1e9;
        assertEquals(Stage.CANCELLED, cancelled.stage);
        assertTrue(seconds < 10, "cancelled after " + seconds + " s");
        assertEquals("CANCELLED", Json.MAPPER.readTree(client.store().get(ObjectStore.RESULTS,
                "to-cancel/summary.json")).get("status").asText());
        List<String> left = Poll.until(() -> client.store().list(ObjectStore.WORK, "to-cancel/"), List::isEmpty,
                Duration.ofSeconds(30), Duration.ofMillis(200));
        assertEquals(List.of(), left, "queued and running tasks drop their outputs");
        assertEquals(List.of(), client.store().list(ObjectStore.WORK, "uploads/to-cancel/"),
                "the upload is deleted (before the work objects)");

        assertTrue(client.delete("to-cancel"));
        assertEquals(List.of(), client.store().list(ObjectStore.RESULTS, "to-cancel/"));
        assertEquals(null, client.status("to-cancel"));
    }
}
