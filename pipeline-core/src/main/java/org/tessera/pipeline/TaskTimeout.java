package org.tessera.pipeline;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;

/**
 * A task with a time limit: one that hangs (a stuck read, a wedged device) is interrupted and
 * fails with a timeout, so its transacted message goes back to the broker for another delivery
 * instead of being held for ever.
 */
public final class TaskTimeout implements Task {
    /**
     * Extra milliseconds of pretend compute per task, within the limit, so that fault tests can kill a
     * service mid-task, or make one hang past its limit.
     */
    private static final long TEST_DELAY_MS = Long.getLong("tessera.task.delayMs",
            Long.parseLong(System.getenv().getOrDefault("TESSERA_TASK_DELAY_MS", "0")));

    private final Task task;
    private final Duration limit;
    private final ExecutorService runner = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "task-with-timeout");
        t.setDaemon(true);
        return t;
    });

    private TaskTimeout(Task task, Duration limit) {
        this.task = task;
        this.limit = limit;
    }

    public static Task limit(Task task, Duration limit) {
        return new TaskTimeout(task, limit);
    }

    @Override
    public Map<String, Object> execute(TaskMessage message) throws Exception {
        Transfers transfers = Transfers.current();
        Future<Map<String, Object>> run = runner.submit(() -> {
            // the task's reads and writes count as the calling task's
            Transfers.attach(transfers);
            Map<String, Object> facts = task.execute(message);
            if (TEST_DELAY_MS > 0) {
                Thread.sleep(TEST_DELAY_MS);
            }
            return facts;
        });
        try {
            return run.get(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            run.cancel(true);
            throw new TimeoutException(message.describe() + " did not finish in " + limit.toSeconds()
                    + " s (TESSERA_TASK_TIMEOUT_S): interrupted, the broker delivers it again");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw (Error) e.getCause();
        }
    }
}
