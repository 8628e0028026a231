package org.tessera.pipeline.local;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.imaging.Image;
import org.tessera.pipeline.JobState;
import org.tessera.imaging.sequence.Stage;
import org.tessera.service.JobClient;
import org.tessera.testsupport.JobWatch;
import org.tessera.testsupport.Poll;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Failure semantics with the real broker and S3: a gridder process killed mid-task leaves its
 * message to another replica, and a controller restarted mid-job resumes it; both jobs still
 * make the image a clean run makes.
 */
class FailureRecoveryTest {
    @TempDir
    static Path dir;
    static LocalStack stack;
    static JobClient client;
    static JobWatch<JobState> jobs;
    static Path ms;
    static Path tarball;
    static Map<String, Image> reference;

    @BeforeAll
    static void start() throws Exception {
        stack = LocalStack.start(dir.resolve("stack"), Set.of(), 5, 1);
        client = new JobClient(stack.config());
        jobs = new JobWatch<>(client::status, s -> s.stage.finished(), JobState::progress);
        ms = TestData.simulate(dir, "sim");
        tarball = TestData.tar(ms, dir.resolve("sim.ms.tar"));
        reference = TestData.reference(ms, TestData.parameters("natural", 4, "time"), dir.resolve("ref"));
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
    }

    @Test
    void gridderKilledMidTaskJobCompletesWithTheSameImage() throws Exception {
        stack.startServices(Set.of("partitioner", "gather", "clean", "restore"));
        Process gridder = TestData.gridderProcess(stack, dir, "slow-gridder", 3000);
        try {
            client.submit("kill-gridder", tarball, TestData.parameters("natural", 4, "time"));
            Poll.until(() -> hasTaskInFlight("kill-gridder"), inFlight -> inFlight, Duration.ofSeconds(120),
                    Duration.ofMillis(50));
            Thread.sleep(500);
            gridder.destroyForcibly().waitFor();
        } finally {
            gridder.destroyForcibly();
        }
        stack.startServices(Set.of("partitioner", "gather", "clean", "restore", "gridder"));
        double recovery = TestData.recovery(client, "kill-gridder");
        JobState state = jobs.await("kill-gridder", 240);
        assertEquals(Stage.DONE, state.stage, state.progress());
        assertSameImage("kill-gridder");
        System.out.printf("FAULT | gridder process killed mid-task, another started | DONE, same image | %.1f s | - | 0%n",
                recovery);
    }

    @Test
    void controllerRestartedMidJobResumes() throws Exception {
        stack.startServices(Set.of("partitioner", "gather", "clean", "restore", "gridder"));
        client.submit("restart-controller", tarball, TestData.parameters("natural", 4, "time"));
        JobState s = Poll.until(() -> client.status("restart-controller"),
                st -> st != null && (st.stage == Stage.RESIDUAL || st.stage == Stage.CLEAN), Duration.ofSeconds(120),
                Duration.ofMillis(20));
        assertTrue(s != null && !s.stage.finished(), "job ended before the restart: " + (s == null ? "" : s.progress()));
        stack.stopServices();
        Thread.sleep(1500);
        stack.startServices(Set.of("partitioner", "gather", "clean", "restore", "gridder"));
        JobState state = jobs.await("restart-controller", 240);
        assertEquals(Stage.DONE, state.stage, state.progress());
        assertSameImage("restart-controller");
    }

    private static boolean hasTaskInFlight(String job) {
        JobState s = client.status(job);
        return s != null && (s.stage == Stage.IMAGE || s.stage == Stage.RESIDUAL);
    }

    private static void assertSameImage(String job) throws Exception {
        TestData.assertSameImage(client, job, reference, dir);
        assertEquals(List.of(), TestData.orphans(client, job), "the ended job's work objects are deleted");
    }
}
