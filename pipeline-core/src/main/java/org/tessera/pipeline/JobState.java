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
    /** Whether an ended job's work objects were kept ({@code TESSERA_KEEP_WORK}); tasks that outlive it clean up otherwise. */
    public boolean workKept;
    public long createdMillis;
    public long updatedMillis;
    /** One entry per dispatched stage and cycle, with when it was dispatched and when its barrier was met. */
    public List<StageTimes> timeline = new ArrayList<>();
    /** A {@code -channels-out} cube's jobs, one per channel group, in group order; empty otherwise. */
    public List<String> groupJobs = new ArrayList<>();
    /** For a channel group's job: the cube's job and the group's index; null otherwise. */
    public String parent;
    public Integer group;
    /**
     * A {@code -join-channels} job's channel groups: work namespaces (setup, weights, gathered images, models) whose
     * grid tasks this job's steps dispatch and whose markers its barriers count; empty otherwise.
     */
    public List<String> joinedGroups = new ArrayList<>();
    /** For a joined channel group's namespace: the job whose steps it follows; null otherwise. */
    public String joinedTo;
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

    /** A running job's state, or an ended one's (kept with its results), or null when there is no such job. */
    public static JobState read(ObjectStore store, String job) {
        // the final state is written before the work state is deleted: look for it first
        if (store.exists(ObjectStore.RESULTS, Keys.finalState(job))) {
            return store.getJson(ObjectStore.RESULTS, Keys.finalState(job), JobState.class);
        }
        if (!store.exists(ObjectStore.WORK, Keys.state(job))) {
            return null;
        }
        try {
            return store.getJson(ObjectStore.WORK, Keys.state(job), JobState.class);
        } catch (RuntimeException e) {
            if (store.exists(ObjectStore.WORK, Keys.state(job))) {
                throw e;
            }
            // it ended between the two reads
            return store.getJson(ObjectStore.RESULTS, Keys.finalState(job), JobState.class);
        }
    }

    /** Every job's state in the store: the running ones' from work/, the ended ones' kept with their results. */
    public static List<JobState> all(ObjectStore store) {
        java.util.Map<String, JobState> states = new java.util.TreeMap<>();
        for (String key : store.list(ObjectStore.WORK, "")) {
            if (Keys.isState(key)) {
                try {
                    JobState s = store.getJson(ObjectStore.WORK, key, JobState.class);
                    states.put(s.jobId, s);
                } catch (RuntimeException e) {
                    // it ended (and its work went) since the listing: the next loop finds it
                }
            }
        }
        for (String key : store.list(ObjectStore.RESULTS, "")) {
            if (Keys.isState(key)) {
                JobState s = store.getJson(ObjectStore.RESULTS, key, JobState.class);
                states.put(s.jobId, s);
            }
        }
        return new ArrayList<>(states.values());
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
            s.append(", ").append(parts).append(parts == 1 ? " partition" : " partitions");
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
