package org.tessera.pipeline.local;

import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.imaging.Image;
import org.tessera.imaging.sequence.Stage;
import org.tessera.pipeline.JobRequest;
import org.tessera.pipeline.JobState;
import org.tessera.pipeline.Json;
import org.tessera.pipeline.Keys;
import org.tessera.pipeline.ObjectStore;
import org.tessera.pipeline.PipelineConfig;
import org.tessera.pipeline.Queues;
import org.tessera.pipeline.TaskEvent;
import org.tessera.pipeline.TaskMessage;
import org.tessera.service.JobClient;
import org.tessera.service.ServiceHost;
import org.tessera.testsupport.JobWatch;
import org.tessera.testsupport.Poll;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real faults against the real embedded broker and S3 (issue 16): an outage of each, a hung and a
 * starved service, the controller killed with SIGKILL, duplicated and stale messages, five jobs at
 * once. Each job ends with the image of an undisturbed run and leaves no work or upload objects.
 * Each test prints a {@code FAULT |} line: the rows of the table in docs/pipeline.md.
 */
class FaultTest {
    private static final Set<String> ALL = new LinkedHashSet<>(ServiceHost.SERVICES);
    private static final Set<String> ALL_BUT_GRIDDER = Set.of("partitioner", "gather", "clean", "restore");

    @TempDir
    static Path dir;
    static LocalStack stack;
    static JobClient client;
    static JobWatch<JobState> jobs;
    static Path tarball;
    static Map<String, Object> parameters;
    static Map<String, Image> reference;
    /** Seconds an undisturbed job takes on this stack. */
    static double undisturbed;

    private final List<Process> processes = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        stack = LocalStack.start(dir.resolve("stack"), Set.of(), 5, 1);
        client = new JobClient(stack.config());
        jobs = new JobWatch<>(client::status, s -> s.stage.finished(), JobState::progress);
        Path ms = TestData.simulate(dir, "sim");
        tarball = TestData.tar(ms, dir.resolve("sim.ms.tar"));
        parameters = TestData.parameters("natural", 2, "time");
        reference = TestData.reference(ms, parameters, dir.resolve("ref"));
        stack.startServices(ALL);
        // a first job warms the JVM, so that the second's time is the undisturbed one
        client.submit("warm-up", tarball, parameters);
        assertEquals(Stage.DONE, jobs.await("warm-up", 120).stage);
        long t0 = System.nanoTime();
        client.submit("undisturbed", tarball, parameters);
        assertEquals(Stage.DONE, jobs.await("undisturbed", 120).stage);
        undisturbed = (System.nanoTime() - t0) / 1e9;
        TestData.assertSameImage(client, "undisturbed", reference, dir);
        System.out.printf("FAULT | none | DONE, same image | - | %.1f s | %d%n", undisturbed,
                TestData.orphans(client, "undisturbed").size());
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
    }

    @AfterEach
    void killProcesses() throws Exception {
        for (Process p : processes) {
            p.destroyForcibly().waitFor();
        }
    }

    @Test
    void brokerStoppedAndRestartedMidJob() throws Exception {
        stack.startServices(ALL);
        long t0 = System.nanoTime();
        client.submit("broker-restart", tarball, parameters);
        awaitStage("broker-restart", Stage.RESIDUAL);
        stack.restartBroker(Duration.ofSeconds(3));
        double recovery = recovery("broker-restart");
        finishedWithTheSameImage("broker-restart", "broker stopped 3 s in the residual stage", t0, recovery);
    }

    @Test
    void s3UnavailableForTenSecondsMidTask() throws Exception {
        stack.startServices(ALL);
        long t0 = System.nanoTime();
        client.submit("s3-outage", tarball, parameters);
        // a gridding task has started: its reads and writes, and the controller's, meet the outage
        Poll.until(() -> client.store().list(ObjectStore.WORK, Keys.allStarted("s3-outage") + "image/"),
                l -> !l.isEmpty(), Duration.ofSeconds(60), Duration.ofMillis(20));
        stack.s3Outage(Duration.ofSeconds(10));
        double recovery = recovery("s3-outage");
        finishedWithTheSameImage("s3-outage", "S3 down 10 s while an image task ran", t0, recovery);
    }

    @Test
    void aHungGridderIsTimedOutAndItsTaskDeliveredAgain() throws Exception {
        stack.startServices(ALL_BUT_GRIDDER);
        // each task of this gridder "computes" 60 s, past its 2 s limit
        PipelineConfig hung = TestData.with(stack.config().withWorkDir(dir.resolve("hung")),
                Map.of(PipelineConfig.TASK_TIMEOUT_S, "2"));
        processes.add(TestData.serviceProcess(hung, dir.resolve("hung.log"), List.of(), 60_000, "gridder"));
        long t0 = System.nanoTime();
        client.submit("hung", tarball, parameters);
        String timedOut = Poll.until(() -> errorText("hung"), e -> e.contains("TESSERA_TASK_TIMEOUT_S"),
                Duration.ofSeconds(90), Duration.ofMillis(50));
        assertTrue(timedOut.contains("did not finish in 2 s"), timedOut);
        assertFalse(client.status("hung").stage.finished(), "a timed-out task is retried, not a failure");
        // the hung replica goes; its message went back to the broker, and a healthy gridder takes it
        processes.get(0).destroyForcibly().waitFor();
        stack.startServices(ALL);
        double recovery = recovery("hung");
        finishedWithTheSameImage("hung", "gridder hung (60 s task, 2 s limit), replaced after its first timeout",
                t0, recovery);
    }

    @Test
    void controllerKilledWithSigkillMidTransitionAndANewOneResumes() throws Exception {
        stack.startServices(Set.of("partitioner", "gridder", "clean", "restore"));
        Process controller = TestData.serviceProcess(stack.config().withWorkDir(dir.resolve("controller")),
                dir.resolve("controller.log"), List.of(), 0, "gather");
        processes.add(controller);
        long t0 = System.nanoTime();
        client.submit("controller-kill", tarball, parameters);
        // the moment the residual barrier is met the controller is gathering and dispatching: kill it there
        JobState s = Poll.until(() -> client.status("controller-kill"),
                st -> st != null && st.stage == Stage.RESIDUAL && st.cycle >= 1
                        && client.store().list(ObjectStore.WORK, Keys.markers("controller-kill", st.stage, st.cycle))
                        .size() == st.tasksTotal, Duration.ofSeconds(120), Duration.ofMillis(5));
        assertTrue(s != null && !s.stage.finished(), "the job ended before the kill");
        controller.destroyForcibly().waitFor();
        assertEquals(137, controller.exitValue(), "killed by SIGKILL");
        stack.startServices(ALL);
        // the new controller waits for the dead one's lease to expire, then resumes the job
        double recovery = recovery("controller-kill");
        finishedWithTheSameImage("controller-kill", "controller SIGKILLed at a residual barrier, new one started",
                t0, recovery);
    }

    @Test
    void diskFullDuringPartitionIsRetriedElsewhere() throws Exception {
        Assumptions.assumeTrue(canMountTmpfs(), "unshare -rm cannot mount a tmpfs here: no small filesystem");
        stack.startServices(Set.of("gridder", "gather", "clean", "restore"));
        // a partitioner whose scratch disk is a 256 KiB tmpfs, smaller than the MS it extracts
        Path small = Files.createDirectories(dir.resolve("small-disk"));
        long msBytes = Files.size(tarball);
        assertTrue(msBytes > 4 * 256 * 1024, "the MS must not fit: " + msBytes + " bytes");
        processes.add(TestData.serviceProcess(stack.config().withWorkDir(small), dir.resolve("small-disk.log"),
                List.of("unshare", "-rm", "sh", "-c", "mount -t tmpfs -o size=256k tmpfs \"$0\" && exec \"$@\"",
                        small.toString()), 0, "partitioner"));
        long t0 = System.nanoTime();
        client.submit("disk-full", tarball, parameters);
        String error = Poll.until(() -> errorText("disk-full"), e -> e.contains("No space left on device"),
                Duration.ofSeconds(60), Duration.ofMillis(50));
        assertTrue(error.contains("No space left on device"), error);
        assertEquals(Stage.PARTITION, client.status("disk-full").stage, "a full disk is retried, not a failure");
        processes.get(0).destroyForcibly().waitFor();
        stack.startServices(ALL);
        double recovery = recovery("disk-full");
        finishedWithTheSameImage("disk-full", "partitioner's disk full (256 KiB tmpfs), task retried on another",
                t0, recovery);
    }

    @Test
    void duplicateAndStaleMessagesChangeNothing() throws Exception {
        stack.startServices(ALL);
        long t0 = System.nanoTime();
        client.submit("duplicates", tarball, parameters);
        JobState early = awaitStage("duplicates", Stage.IMAGE);
        List<TaskMessage> stale = List.copyOf(early.tasks);
        JobState later = Poll.until(() -> client.status("duplicates"),
                st -> st != null && (st.stage.finished() || st.stage == Stage.RESIDUAL && st.cycle >= 1),
                Duration.ofSeconds(120), Duration.ofMillis(10));
        assertFalse(later.stage.finished(), "the job ended before the duplicates were sent");
        try (ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory(stack.config().brokerUrl(),
                stack.config().brokerUser(), stack.config().brokerPassword());
             Connection c = cf.createConnection();
             Session session = c.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            MessageProducer producer = session.createProducer(null);
            for (TaskMessage t : later.tasks) {
                // every current task twice more, and its "done" event before it is done
                send(session, producer, Queues.forStage(t.stage()), Json.write(t));
                send(session, producer, Queues.forStage(t.stage()), Json.write(t));
                send(session, producer, Queues.EVENTS, Json.write(TaskEvent.done(t)));
            }
            for (TaskMessage t : stale) {
                // out of order: the image step's tasks and events again, long after it passed
                send(session, producer, Queues.forStage(t.stage()), Json.write(t));
                send(session, producer, Queues.EVENTS, Json.write(TaskEvent.done(t)));
            }
            send(session, producer, Queues.JOBS, Json.write(new JobRequest("duplicates", "work/none", Map.of())));
        }
        finishedWithTheSameImage("duplicates", "current tasks sent twice more, stale image tasks and events, "
                + "the job message again", t0, Double.NaN);
    }

    @Test
    void fiveJobsAtOnce() throws Exception {
        stack.startServices(ALL);
        long t0 = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            client.submit("five-" + i, tarball, parameters);
        }
        for (int i = 0; i < 5; i++) {
            assertEquals(Stage.DONE, jobs.await("five-" + i, 300).stage);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        int left = 0;
        for (int i = 0; i < 5; i++) {
            TestData.assertSameImage(client, "five-" + i, reference, dir);
            left += TestData.orphans(client, "five-" + i).size();
        }
        System.out.printf("FAULT | 5 jobs at once | all DONE, same images | - | %.1f s for all five | %d%n",
                seconds, left);
        assertEquals(0, left);
    }

    private static void send(Session session, MessageProducer producer, String queue, String json) throws Exception {
        producer.send(session.createQueue(queue), session.createTextMessage(json));
    }

    private static JobState awaitStage(String job, Stage stage) throws Exception {
        JobState s = Poll.until(() -> client.status(job), st -> st != null && (st.stage == stage || st.stage.finished()),
                Duration.ofSeconds(120), Duration.ofMillis(10));
        assertTrue(s != null && s.stage == stage, job + " never reached " + stage + ": "
                + (s == null ? "no state" : s.progress()));
        return s;
    }

    /** The texts of the job's recorded task errors, joined; empty when there are none. */
    private static String errorText(String job) {
        StringBuilder text = new StringBuilder();
        for (String key : client.store().list(ObjectStore.WORK, job + "/errors/")) {
            text.append(new String(client.store().get(ObjectStore.WORK, key), java.nio.charset.StandardCharsets.UTF_8));
        }
        return text.toString();
    }

    private static double recovery(String job) throws Exception {
        return TestData.recovery(client, job);
    }

    /**
     * The job ends DONE with the undisturbed image and leaves nothing behind; prints its row of the
     * table: fault, outcome, seconds from the fault's end to the job moving again, job time, objects left.
     */
    private static void finishedWithTheSameImage(String job, String fault, long t0, double recovery)
            throws Exception {
        JobState state = jobs.await(job, 240);
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(Stage.DONE, state.stage, state.progress());
        TestData.assertSameImage(client, job, reference, dir);
        List<String> left = TestData.orphans(client, job);
        System.out.printf("FAULT | %s | DONE, same image | %s | %.1f s (undisturbed %.1f s) | %d%n", fault,
                Double.isNaN(recovery) ? "-" : String.format("%.1f s", recovery), seconds, undisturbed, left.size());
        assertEquals(List.of(), left, "the ended job's work and upload objects are deleted");
    }

    private static boolean canMountTmpfs() {
        try {
            Path probe = Files.createDirectories(dir.resolve("probe"));
            Process p = new ProcessBuilder("unshare", "-rm", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs \"$0\"",
                    probe.toString()).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
