package org.tessera.pipeline.local;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.imaging.sequence.Stage;
import org.tessera.pipeline.ControllerLease;
import org.tessera.pipeline.JobState;
import org.tessera.pipeline.Json;
import org.tessera.pipeline.Keys;
import org.tessera.pipeline.ObjectStore;
import org.tessera.pipeline.Queues;
import org.tessera.service.JobClient;
import org.tessera.service.ServiceHost;
import org.tessera.testsupport.JobWatch;
import org.tessera.testsupport.Poll;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two controllers (two gather-service replicas) on one stack: only the lease holder scans the
 * ingest bucket and consumes, so a drop runs once; when it stops, the other takes over.
 */
class ControllerLeaseTest {
    @TempDir
    static Path dir;
    static LocalStack stack;
    static JobClient client;
    static JobWatch<JobState> jobs;
    static Path tarball;

    @BeforeAll
    static void start() throws Exception {
        stack = LocalStack.start(dir.resolve("stack"), Set.of("partitioner", "gridder", "clean", "restore"), 3, 1);
        client = new JobClient(stack.config());
        jobs = new JobWatch<>(client::status, s -> s.stage.finished(), JobState::progress);
        tarball = TestData.tar(TestData.simulate(dir, "sim"), dir.resolve("sim.ms.tar"));
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
    }

    @Test
    void twoControllersRunADropOnceAndTheSecondTakesOverWhenTheFirstStops() throws Exception {
        ServiceHost first = ServiceHost.start(stack.config().withWorkDir(dir.resolve("first")), Set.of("gather"));
        String holder = Poll.until(() -> ControllerLease.read(client.store()), Objects::nonNull, Duration.ofSeconds(10),
                Duration.ofMillis(50)).holder();
        ServiceHost second = ServiceHost.start(stack.config().withWorkDir(dir.resolve("second")), Set.of("gather"));
        try {
            Map<String, Object> parameters = TestData.parameters("natural", 2, "time");
            client.drop(tarball, "twice/sim.ms.tar", parameters);
            String claim = Keys.ingestClaim("twice/sim.ms.tar");
            Poll.until(() -> client.store().exists(ObjectStore.WORK, claim), b -> b, Duration.ofSeconds(30),
                    Duration.ofMillis(50));
            String job = Json.MAPPER.readTree(client.store().get(ObjectStore.WORK, claim)).get("jobId").asText();
            assertEquals(Stage.DONE, jobs.await(job, 120).stage);
            // both replicas polled the bucket several times while the job ran: one partition task was ever sent
            assertEquals(1, stack.broker().messagesAdded(Queues.PARTITION), "partition tasks sent");
            assertEquals(holder, ControllerLease.read(client.store()).holder(), "the lease stayed with the first");
            assertEquals(List.of(), TestData.orphans(client, job));

            first.close();
            first = null;
            // released on stop: the second takes it at its next renewal, and runs the next job
            String next = Poll.until(() -> ControllerLease.read(client.store()), r -> r != null
                    && !r.holder().equals(holder), Duration.ofSeconds(15), Duration.ofMillis(50)).holder();
            assertNotEquals(holder, next);
            client.submit("after-takeover", tarball, parameters);
            assertEquals(Stage.DONE, jobs.await("after-takeover", 120).stage);
            assertEquals(2, stack.broker().messagesAdded(Queues.PARTITION), "one more partition task");
        } finally {
            if (first != null) {
                first.close();
            }
            second.close();
        }
    }
}
