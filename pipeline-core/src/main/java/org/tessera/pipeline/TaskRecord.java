package org.tessera.pipeline;

import org.tessera.imaging.sequence.Stage;
import java.util.Map;

/**
 * The durable "task done" marker, one small object per finished task; the gather barrier counts
 * these, so a duplicated task or message is never counted twice.
 *
 * @param host     where the task ran
 * @param started  epoch milliseconds
 * @param seconds  wall time of the task, its transfers included (the facts of {@link Transfers} give them apart)
 * @param facts    what the task learned that later stages need (e.g. the number of parts)
 */
public record TaskRecord(String jobId, Stage stage, int cycle, int part, String host, long started,
                         double seconds, Map<String, Object> facts) {
    public TaskRecord {
        facts = facts == null ? Map.of() : Map.copyOf(facts);
    }
}
