package org.tessera.pipeline;

import org.tessera.imaging.sequence.Stage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A job's durable state ({@code work/<job>/state.json}), owned by the controller and read by
 * {@code tessera status}. The barrier itself is never kept here: it is recounted from the task
 * markers, so losing or repeating a state write cannot lose or double-count a task.
 */
public final class JobState {
    public String jobId;
    public String source;
    public Map<String, Object> parameters = new LinkedHashMap<>();
    public Stage stage = Stage.PARTITION;
    public int cycle;
    public int parts;
    public int tasksDone;
    public int tasksTotal;
    public int majorCyclesDone;
    public Double peakResidual;
    /** Sum of the imaging weights, from the gathered PSF; null before IMAGE is gathered. */
    public Double sumOfWeights;
    public String failure;
    public long createdMillis;
    public long updatedMillis;
    /** One entry per dispatched stage and cycle, with when it was dispatched and when its barrier was met. */
    public List<StageTimes> timeline = new ArrayList<>();
    /** The current stage's tasks, so a restarted controller can resend any whose message was lost. */
    public List<TaskMessage> tasks = new ArrayList<>();

    /** Dispatch and barrier times (epoch ms) of one stage and cycle. */
    public static final class StageTimes {
        public Stage stage;
        public int cycle;
        public int tasks;
        public long dispatched;
        public long completed;
    }

    /** Every job's state in the store. */
    public static List<JobState> all(ObjectStore store) {
        List<JobState> states = new ArrayList<>();
        for (String key : store.list(ObjectStore.WORK, "")) {
            if (Keys.isState(key)) {
                states.add(store.getJson(ObjectStore.WORK, key, JobState.class));
            }
        }
        return states;
    }

    public StageTimes current() {
        for (int i = timeline.size() - 1; i >= 0; i--) {
            StageTimes t = timeline.get(i);
            if (t.stage == stage && t.cycle == cycle) {
                return t;
            }
        }
        return null;
    }

    /** One line for people: stage, cycle, tasks done, peak residual. */
    public String progress() {
        StringBuilder s = new StringBuilder(stage.key());
        if (stage == Stage.CLEAN || stage == Stage.RESIDUAL) {
            s.append(" (major cycle ").append(cycle + 1).append(')');
        }
        if (!stage.finished()) {
            s.append(", ").append(tasksDone).append('/').append(tasksTotal).append(" tasks done");
        }
        if (parts > 0) {
            s.append(", ").append(parts).append(" partitions");
        }
        if (peakResidual != null) {
            s.append(String.format(", peak residual %.4g Jy/beam", peakResidual));
        }
        if (failure != null) {
            s.append(": ").append(failure);
        }
        return s.toString();
    }
}
