package org.tessera.imaging.sequence;

/**
 * Where an imaging run is: the stage whose tasks run now, and the major cycle it belongs to
 * (0 outside CLEAN and RESIDUAL; CLEAN k and RESIDUAL k make major cycle k + 1).
 */
public record Step(Stage stage, int cycle) {
    public static Step of(Stage stage) {
        return new Step(stage, 0);
    }

    public boolean finished() {
        return stage.finished();
    }

    /** Whether this step runs before {@code other} in any run: the steps of a sequence never go back. */
    public boolean before(Step other) {
        return rank() < other.rank();
    }

    private long rank() {
        return switch (stage) {
            case PARTITION -> 0;
            case WEIGHTS -> 1;
            case IMAGE -> 2;
            case CLEAN -> 3 + 2L * cycle;
            case RESIDUAL -> 4 + 2L * cycle;
            case RESTORE -> Long.MAX_VALUE - 1;
            case DONE, FAILED, CANCELLED -> Long.MAX_VALUE;
        };
    }
}
