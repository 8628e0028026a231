package org.tessera.cli;

import jakarta.jms.Connection;
import jakarta.jms.Session;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.imaging.sequence.Stage;
import org.tessera.pipeline.Json;
import org.tessera.pipeline.PipelineConfig;
import org.tessera.pipeline.Queues;
import org.tessera.pipeline.TaskMessage;
import org.tessera.pipeline.local.LocalStack;
import org.tessera.service.JobClient;
import org.tessera.service.ServiceHost;
import org.tessera.testsupport.Poll;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code tessera status} of failed jobs: the reason in words, exit 2, never a Java stack trace. */
class StatusCommandTest {
    /** What a stack trace or an exception's name looks like in text. */
    private static final Pattern TRACE = Pattern.compile("\\tat |\\bat [a-z]+\\.[a-z]+\\.|[A-Za-z]+(Exception|Error)\\b"
            + "|java\\.|org\\.tessera\\.|\\.java:\\d+");

    @TempDir
    Path dir;

    @Test
    void aFailedJobsStatusIsItsReasonWithoutAStackTrace() throws Exception {
        Path home = dir.resolve("home");
        Path ms = TestMs.simulate(dir, 10);
        Path junk = Files.createDirectories(dir.resolve("junk.ms"));
        Files.writeString(junk.resolve("table.dat"), "not a table");
        try (LocalStack stack = LocalStack.start(home.resolve("stack"), new LinkedHashSet<>(ServiceHost.SERVICES), 2,
                1)) {
            // absurd parameters: refused at submit, exit 1, no job and no upload afterwards
            JobClient client = new JobClient(stack.config());
            for (String[] bad : new String[][] {{"size=1000000,1000000", "-size"}, {"niter=-1", "-niter must be >= 0"},
                    {"partitions=100000", "-partitions must be in 1..1024"}, {"scale=0asec", "pixel scale must be positive"}}) {
                CliRun refused = CliRun.of("submit", ms.toString(), "--job-id", "absurd", "--home", home.toString(),
                        "-p", "size=64,64", "-p", "scale=20asec", "-p", bad[0]);
                assertEquals(1, refused.exitCode(), bad[0] + ": " + refused.out() + refused.err());
                assertTrue(refused.err().contains(bad[1]), bad[0] + ": " + refused.err());
                assertEquals(1, refused.err().trim().lines().count(), "one line: " + refused.err());
                assertNoTrace(refused);
                assertEquals(null, client.status("absurd"), bad[0] + " made a job");
                assertEquals(java.util.List.of(), client.store().list(org.tessera.pipeline.ObjectStore.WORK,
                        "uploads/absurd/"), bad[0] + " was uploaded");
            }

            // a bad MS: the reader's reason
            CliRun submit = CliRun.of("submit", junk.toString(), "--job-id", "junk", "--home", home.toString(),
                    "-p", "size=64,64", "-p", "scale=20asec");
            assertEquals(0, submit.exitCode(), submit.err());
            CliRun junkStatus = CliRun.of("status", "junk", "--wait", "--home", home.toString());
            assertEquals(2, junkStatus.exitCode(), junkStatus.out() + junkStatus.err());
            String last = lastLine(junkStatus.out());
            assertTrue(last.startsWith("junk: failed: partition task 0: "), last);
            assertTrue(last.contains("junk.ms"), "names the file: " + last);
            assertNoTrace(junkStatus);

            // a task that throws on every delivery until the broker gives up: the error's message, not its trace
            submit = CliRun.of("submit", ms.toString(), "--job-id", "poisoned", "--home", home.toString(),
                    "-p", "size=64,64", "-p", "scale=20asec", "-p", "niter=100000", "-p", "mgain=0.99",
                    "-p", "nmiter=1000");
            assertEquals(0, submit.exitCode(), submit.err());
            Poll.until(() -> client.status("poisoned"), java.util.Objects::nonNull, Duration.ofSeconds(60),
                    Duration.ofMillis(50));
            poison(stack.config(), new TaskMessage("poisoned", Stage.RESIDUAL, 97, 0,
                    Map.of("model", "poisoned/no-such-model.bin")));
            CliRun status = CliRun.of("status", "poisoned", "--wait", "--home", home.toString());
            assertEquals(2, status.exitCode(), status.out() + status.err());
            last = lastLine(status.out());
            assertTrue(last.startsWith("poisoned: failed"), last);
            assertTrue(last.contains(": residual task 0 (cycle 97) was given up after repeated delivery failures;"
                    + " last error: "), last);
            assertTrue(last.contains("work/poisoned/") && last.contains("does not exist"), "names the object: " + last);
            assertNoTrace(status);
            CliRun once = CliRun.of("status", "poisoned", "--home", home.toString());
            assertEquals(2, once.exitCode());
            assertEquals(last, once.out().trim());
            assertNoTrace(once);
            CliRun cancel = CliRun.of("cancel", "poisoned", "--home", home.toString());
            assertNoTrace(cancel);
        }
    }

    private static void poison(PipelineConfig c, TaskMessage task) throws Exception {
        try (ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory(c.brokerUrl(), c.brokerUser(),
                c.brokerPassword());
             Connection connection = cf.createConnection();
             Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            session.createProducer(session.createQueue(Queues.GRID)).send(session.createTextMessage(Json.write(task)));
        }
    }

    private static String lastLine(String out) {
        String[] lines = out.trim().split("\n");
        return lines[lines.length - 1];
    }

    private static void assertNoTrace(CliRun run) {
        assertFalse(TRACE.matcher(run.out()).find(), "a stack trace or exception name in: " + run.out());
        assertFalse(TRACE.matcher(run.err()).find(), "a stack trace or exception name in: " + run.err());
    }
}
