package org.tessera.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.tessera.imaging.sequence.Stage;

/** A hung task is interrupted at its limit and fails (so the broker delivers it again); others pass through. */
class TaskTimeoutTest {
    private static final TaskMessage GRID = new TaskMessage("j", Stage.IMAGE, 0, 2, Map.of());

    @Test
    void aHungTaskIsInterruptedAtItsLimit() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        Task hung = m -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return Map.of();
        };
        long t0 = System.nanoTime();
        TimeoutException e = assertThrows(TimeoutException.class,
                () -> TaskTimeout.limit(hung, Duration.ofMillis(300)).execute(GRID));
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(seconds < 5, "gave up after " + seconds + " s");
        assertEquals("j image cycle 0 part 2 did not finish in 0 s (TESSERA_TASK_TIMEOUT_S): interrupted, the broker"
                + " delivers it again", e.getMessage());
        assertTrue(interrupted.await(5, TimeUnit.SECONDS), "the hung thread was interrupted");
    }

    @Test
    void transfersOnTheTasksThreadCountForTheCaller() throws Exception {
        Transfers counts = Transfers.start();
        TaskTimeout.limit(m -> {
            Transfers.current().download(1_000_000, 4096);
            return Map.of();
        }, Duration.ofSeconds(5)).execute(GRID);
        assertEquals(4096, counts.bytesIn());
    }

    @Test
    void resultsAndFailuresPassThrough() throws Exception {
        Map<String, Object> facts = Map.of("parts", 3);
        assertSame(facts, TaskTimeout.limit(m -> facts, Duration.ofSeconds(5)).execute(GRID));
        JobFailure failure = new JobFailure("bad MS");
        assertSame(failure, assertThrows(JobFailure.class,
                () -> TaskTimeout.limit(m -> { throw failure; }, Duration.ofSeconds(5)).execute(GRID)));
    }
}
