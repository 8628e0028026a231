package org.tessera.pipeline;

import org.tessera.imaging.sequence.Stage;

/**
 * What a service tells the controller after a task: done (its marker is in the work bucket) or
 * failed for good (a bad MS, bad parameters: retrying cannot help).
 *
 * @param failure  null when done, else the reason shown to the user
 */
public record TaskEvent(String jobId, Stage stage, int cycle, int part, String failure) {
    public static TaskEvent done(TaskMessage task) {
        return new TaskEvent(task.jobId(), task.stage(), task.cycle(), task.part(), null);
    }

    public static TaskEvent failed(TaskMessage task, String reason) {
        return new TaskEvent(task.jobId(), task.stage(), task.cycle(), task.part(), reason);
    }
}
