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
}
