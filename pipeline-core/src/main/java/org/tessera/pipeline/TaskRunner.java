package org.tessera.pipeline;

import org.tessera.imaging.sequence.TaskFacts;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs a task the same way in every service: executes it, writes its "done" marker, and answers
 * the event for the controller. A {@link JobFailure} becomes a failed event (retrying cannot help);
 * any other exception is noted in the work bucket and rethrown, so the transacted consumer rolls
 * back and the broker redelivers the message, to this or another replica.
 */
public final class TaskRunner {
    /** The event of a task whose job had ended; the controller ignores events of ended jobs. */
    static final String DROPPED = "the job has ended: task dropped";

    private final ObjectStore store;
    private final Task task;
    private final String host;

    public TaskRunner(ObjectStore store, Task task) {
        this.store = store;
        this.task = task;
        this.host = TaskFacts.host();
    }

    /** Runs the task in {@code json} (a {@link TaskMessage}) and returns the event JSON. */
    public String run(String json) throws Exception {
        TaskMessage message = Json.read(json, TaskMessage.class);
        long started = System.currentTimeMillis();
        long t0 = System.nanoTime();
        if (ended(message.jobId())) {
            return Json.write(TaskEvent.failed(message, DROPPED));
        }
        store.put(ObjectStore.WORK, Keys.started(message.jobId(), message.stage(), message.cycle(), message.part()),
                Json.bytes(new TaskRecord(message.jobId(), message.stage(), message.cycle(), message.part(), host,
                        started, 0, Map.of())));
        Transfers transfers = Transfers.start();
        try {
            Map<String, Object> facts = new LinkedHashMap<>(task.execute(message));
            if (ended(message.jobId())) {
                return dropped(message);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            facts.putAll(transfers.facts());
            TaskRecord record = new TaskRecord(message.jobId(), message.stage(), message.cycle(), message.part(),
                    host, started, seconds, facts);
            store.put(ObjectStore.WORK, Keys.marker(message.jobId(), message.stage(), message.cycle(),
                    message.part()), Json.bytes(record));
            // the controller writes the final state before it deletes the work objects: if it had not
            // yet, it will find this marker and delete it; if it had, the task does
            if (ended(message.jobId())) {
                return dropped(message);
            }
            TaskMetrics.completed(message.stage(), TaskMetrics.DONE, seconds, transfers);
            return Json.write(TaskEvent.done(message));
        } catch (JobFailure e) {
            TaskMetrics.completed(message.stage(), TaskMetrics.FAILED, (System.nanoTime() - t0) / 1e9, transfers);
            return Json.write(TaskEvent.failed(message, e.getMessage()));
        } catch (Exception | Error e) {
            TaskMetrics.completed(message.stage(), TaskMetrics.ERROR, (System.nanoTime() - t0) / 1e9, transfers);
            if (ended(message.jobId())) {
                // its job ended under it (objects it read were deleted): nothing to retry
                return dropped(message);
            }
            noteError(message, e);
            throw e;
        }
    }

    /**
     * The job ended while the task ran: what it wrote would outlive the controller's cleanup (which
     * may still be deleting the objects it listed), so the task deletes the job's work objects too.
     */
    private String dropped(TaskMessage message) {
        JobState end = store.getJson(ObjectStore.RESULTS, Keys.finalState(message.jobId()), JobState.class);
        if (!end.workKept) {
            store.deletePrefix(ObjectStore.WORK, Keys.work(message.jobId()));
        }
        return Json.write(TaskEvent.failed(message, DROPPED));
    }

    /** The job ended (DONE, FAILED, CANCELLED): its final state is with its results. */
    private boolean ended(String job) {
        return store.exists(ObjectStore.RESULTS, Keys.finalState(job));
    }

    /**
     * The error's record: a first line for people (what the job's failure will say if the broker gives
     * up on the task: the messages, no exception names or frames), then the stack trace for debugging.
     */
    private void noteError(TaskMessage message, Throwable e) {
        try {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            store.put(ObjectStore.WORK, Keys.error(message.jobId(), message.stage(), message.cycle(), message.part()),
                    (host + ": " + reason(e) + "\n\n" + trace).getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException ignored) {
            // The store may be what failed; the broker's redelivery is what matters.
        }
    }

    /** The messages of an error and its causes, each once, on one line. */
    static String reason(Throwable e) {
        java.util.List<String> messages = new java.util.ArrayList<>();
        for (Throwable t = e; t != null && messages.size() < 4; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && !m.isBlank() && messages.stream().noneMatch(seen -> seen.contains(m))) {
                messages.add(m.strip().replaceAll("\\s*\\R\\s*", " "));
            }
        }
        return messages.isEmpty() ? "an unexpected internal error" : String.join(": ", messages);
    }
}
