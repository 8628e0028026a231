package org.tessera.pipeline;

import org.tessera.imaging.sequence.Stage;
import java.util.Map;

/**
 * One task: a stage of a job for one partition (or the whole job for PARTITION, CLEAN and RESTORE).
 *
 * @param jobId   job
 * @param stage   what to do
 * @param cycle   major cycle (0 outside CLEAN and RESIDUAL)
 * @param part    partition index (0 for single tasks)
 * @param inputs  by role: object keys in the work bucket the task reads (psf, model, ...) and small values
 */
public record TaskMessage(String jobId, Stage stage, int cycle, int part, Map<String, String> inputs) {
    public TaskMessage {
        inputs = inputs == null ? Map.of() : Map.copyOf(inputs);
    }

    public String input(String role) {
        String key = inputs.get(role);
        if (key == null) {
            throw new IllegalArgumentException(stage + " task of job " + jobId + " has no input '" + role + "'");
        }
        return key;
    }

    public String describe() {
        return String.format("%s %s cycle %d part %d", jobId, stage.key(), cycle, part);
    }
}
