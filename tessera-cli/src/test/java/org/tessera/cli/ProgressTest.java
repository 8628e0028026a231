package org.tessera.cli;

import org.junit.jupiter.api.Test;
import org.tessera.imaging.sequence.Stage;
import org.tessera.pipeline.JobState;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The terminal progress line: the stage's bar, its cycle and peak, and the time left from the rates so far. */
class ProgressTest {
    @Test
    void barShowsTasksCycleAndTimeLeftFromTheStageRateAndTheCyclesStillAllowed() {
        JobState s = new JobState();
        s.parameters.putAll(Map.of("size", 64, "scale", "2asec", "nmiter", 4));
        s.stage = Stage.RESIDUAL;
        s.cycle = 1;
        s.tasksDone = 1;
        s.tasksTotal = 4;
        s.peakResidual = 0.0123;
        s.timeline.add(times(Stage.CLEAN, 0, 0, 1_000));
        s.timeline.add(times(Stage.RESIDUAL, 0, 1_000, 5_000));
        s.timeline.add(times(Stage.CLEAN, 1, 5_000, 6_000));
        s.timeline.add(times(Stage.RESIDUAL, 1, 6_000, 0));
        // 1 of 4 tasks in 2 s: 6 s more; cycles 3 and 4 may follow, 5 s each as cycle 1 took
        assertEquals(16.0, Progress.secondsLeft(s, 8_000), 1e-9);
        assertEquals("  [######..................] residual 1/4, major cycle 2, peak 0.0123 Jy/beam, ~16 s left",
                Progress.bar(s, 8_000));
    }

    private static JobState.StageTimes times(Stage stage, int cycle, long dispatched, long completed) {
        JobState.StageTimes t = new JobState.StageTimes();
        t.stage = stage;
        t.cycle = cycle;
        t.dispatched = dispatched;
        t.completed = completed;
        return t;
    }
}
