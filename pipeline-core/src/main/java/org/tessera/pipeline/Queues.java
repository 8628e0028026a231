package org.tessera.pipeline;

import org.tessera.imaging.sequence.Stage;

/** Names of the Artemis queues the services talk through; the same names appear in compose/ and k8s/. */
public final class Queues {
    public static final String JOBS = "tessera.jobs";
    public static final String PARTITION = "tessera.partition";
    public static final String GRID = "tessera.grid";
    public static final String CLEAN = "tessera.clean";
    public static final String RESTORE = "tessera.restore";
    /** Requests to cancel a job, for the controller. */
    public static final String CANCEL = "tessera.cancel";
    /** Task-finished and task-failed events for the controller. */
    public static final String EVENTS = "tessera.events";
    /** A topic: the controller announces each job that ended, so services release what they keep for it. */
    public static final String ENDED = "tessera.ended";
    /** Where the broker moves a message that failed too many deliveries. */
    public static final String DEAD_LETTERS = "DLQ";

    /** The point-to-point queues, for their depth in the metrics. */
    public static final java.util.List<String> QUEUES = java.util.List.of(JOBS, PARTITION, GRID, CLEAN, RESTORE, EVENTS,
            DEAD_LETTERS);

    private Queues() {
    }

    /** Whether a name is a topic (every subscriber gets each message) rather than a queue. */
    public static boolean isTopic(String name) {
        return name.equals(ENDED);
    }

    /** The queue a stage's tasks go to. */
    public static String forStage(Stage stage) {
        return switch (stage) {
            case PARTITION -> PARTITION;
            case WEIGHTS, IMAGE, RESIDUAL -> GRID;
            case CLEAN -> CLEAN;
            case RESTORE -> RESTORE;
            default -> throw new IllegalArgumentException("stage " + stage + " has no tasks");
        };
    }
}
