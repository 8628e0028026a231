package org.tessera.pipeline;

/** Names of the Artemis queues the services talk through; the same names appear in compose/ and k8s/. */
public final class Queues {
    public static final String JOBS = "tessera.jobs";
    public static final String PARTITION = "tessera.partition";
    public static final String GRID = "tessera.grid";
    public static final String CLEAN = "tessera.clean";
    public static final String RESTORE = "tessera.restore";
    /** Task-finished and task-failed events for the controller. */
    public static final String EVENTS = "tessera.events";
    /** Where the broker moves a message that failed too many deliveries. */
    public static final String DEAD_LETTERS = "DLQ";

    private Queues() {
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
