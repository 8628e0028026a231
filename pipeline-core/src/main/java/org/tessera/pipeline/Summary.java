package org.tessera.pipeline;

import org.tessera.imaging.deconvolution.IterationState;
import org.tessera.imaging.sequence.RunSummary;
import org.tessera.imaging.sequence.Stage;
import org.tessera.imaging.sequence.TaskFacts;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * {@code results/<job>/summary.json}: the {@link RunSummary} of a job, built from its state, its
 * task markers (one task entry each, with host, device and seconds) and its latest iteration state.
 */
public final class Summary {
    private Summary() {
    }

    public static RunSummary build(ObjectStore store, JobState s) {
        RunSummary out = new RunSummary();
        out.jobId = s.jobId;
        out.status = s.stage == Stage.DONE ? "DONE" : s.stage.name();
        out.failure = s.failure;
        out.source = s.source;
        out.parameters.putAll(parameters(store, s));
        out.partitions = s.parts;
        // a joined job's grid tasks are its groups' (numbered group × parts + part)
        List<TaskRecord> records = new java.util.ArrayList<>(records(store, s.jobId, 0));
        for (int k = 0; k < s.joinedGroups.size(); k++) {
            records.addAll(records(store, s.joinedGroups.get(k), k * s.parts));
        }
        for (JobState.StageTimes t : s.timeline) {
            RunSummary.StageRecord stage = RunSummary.StageRecord.of(t.stage, t.cycle,
                    t.completed > 0 ? (t.completed - t.dispatched) / 1e3 : null);
            for (TaskRecord r : records) {
                if (r.stage() == t.stage && r.cycle() == t.cycle) {
                    stage.tasks.add(RunSummary.TaskEntry.of(r.part(), r.host(), r.started(), r.seconds(), r.facts()));
                }
            }
            out.addStage(stage);
        }
        if (s.sumOfWeights != null) {
            out.sumOfWeights = s.sumOfWeights;
        }
        addGroups(store, s, out);
        List<String> iterations = store.list(ObjectStore.WORK, s.jobId + "/iteration/");
        if (!iterations.isEmpty()) {
            IterationState state = IterationState.fromJson(new String(store.get(ObjectStore.WORK,
                    iterations.get(iterations.size() - 1)), StandardCharsets.UTF_8));
            out.setIteration(state);
            addJoinedGroups(store, s, out, state);
        }
        out.setWallSeconds(((s.stage.finished() ? s.updatedMillis : System.currentTimeMillis()) - s.createdMillis) / 1e3);
        return out;
    }

    /** A job's task markers, their parts numbered from {@code firstPart}. */
    private static List<TaskRecord> records(ObjectStore store, String job, int firstPart) {
        return store.list(ObjectStore.WORK, Keys.allMarkers(job)).stream()
                .filter(k -> k.endsWith(".json"))
                .map(k -> store.getJson(ObjectStore.WORK, k, TaskRecord.class))
                .map(r -> new TaskRecord(r.jobId(), r.stage(), r.cycle(), firstPart + r.part(), r.host(), r.started(),
                        r.seconds(), r.facts())).toList();
    }

    /**
     * A cube's channel groups: each group job's stop, cycles and stages (its tasks with when and where they ran),
     * the stages marked with the group; its run-level stop is that of the group with the most major cycles.
     */
    private static void addGroups(ObjectStore store, JobState s, RunSummary out) {
        if (s.groupJobs.isEmpty() || !store.exists(ObjectStore.WORK, Keys.setup(s.jobId))) {
            return;
        }
        JobSetup setup = store.getJson(ObjectStore.WORK, Keys.setup(s.jobId), JobSetup.class);
        RunSummary busiest = null;
        double sumOfWeights = 0;
        for (int k = 0; k < s.groupJobs.size(); k++) {
            String key = Keys.result(s.groupJobs.get(k), "summary.json");
            if (!store.exists(ObjectStore.RESULTS, key)) {
                continue;
            }
            RunSummary group;
            try {
                group = RunSummary.read(store.get(ObjectStore.RESULTS, key));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            out.groups.add(RunSummary.GroupRecord.of(setup.groups().get(k), group));
            sumOfWeights += group.sumOfWeights;
            for (RunSummary.StageRecord stage : group.stages) {
                stage.group = k;
                out.addStage(stage);
            }
            if (out.device == null) {
                out.device = group.device;
                out.deviceReason = group.deviceReason;
            }
            if (busiest == null || group.majorCyclesDone > busiest.majorCyclesDone) {
                busiest = group;
            }
        }
        out.sumOfWeights = sumOfWeights;
        if (busiest != null) {
            out.cycles = busiest.cycles;
            out.stopCode = busiest.stopCode;
            out.stopWords = busiest.stopWords;
            out.iterationsDone = out.groups.stream().mapToLong(g -> g.iterationsDone).sum();
            out.majorCyclesDone = busiest.majorCyclesDone;
        }
    }

    /**
     * A joined-channel job's channel groups, as the in-process run records them: the joint stop and cycles, and each
     * group's sum of weights, beam and restored peak from the RESTORE task's facts (none before it ran).
     */
    @SuppressWarnings("unchecked")
    private static void addJoinedGroups(ObjectStore store, JobState s, RunSummary out, IterationState state) {
        if (s.joinedGroups.isEmpty() || !store.exists(ObjectStore.WORK, Keys.setup(s.jobId))) {
            return;
        }
        List<Map<String, Object>> restored = out.stages.stream().filter(r -> r.stage.equals(Stage.RESTORE.key()))
                .flatMap(r -> r.tasks.stream())
                .map(t -> t.facts.get(TaskFacts.GROUPS))
                .filter(List.class::isInstance).map(g -> (List<Map<String, Object>>) g)
                .findFirst().orElse(List.of());
        JobSetup setup = store.getJson(ObjectStore.WORK, Keys.setup(s.jobId), JobSetup.class);
        for (int k = 0; k < restored.size() && k < setup.groups().size(); k++) {
            Map<String, Object> facts = restored.get(k);
            out.groups.add(RunSummary.GroupRecord.of(setup.groups().get(k),
                    TaskFacts.number(facts, TaskFacts.SUM_OF_WEIGHTS), state, TaskFacts.beam(facts),
                    TaskFacts.number(facts, "restoredPeak")));
        }
    }

    /** The parameters as the in-process run names them; as given when they do not parse (a failed job says why). */
    private static java.util.Map<String, Object> parameters(ObjectStore store, JobState s) {
        try {
            String column = store.exists(ObjectStore.WORK, Keys.setup(s.jobId))
                    ? store.getJson(ObjectStore.WORK, Keys.setup(s.jobId), JobSetup.class).dataColumn() : null;
            return RunSummary.describe(JobContext.parse(s.parameters, Runtime.getRuntime().availableProcessors()), column);
        } catch (JobFailure e) {
            return s.parameters;
        }
    }

    public static void write(ObjectStore store, JobState s) {
        s.updatedMillis = System.currentTimeMillis();
        store.put(ObjectStore.RESULTS, Keys.result(s.jobId, "summary.json"), build(store, s).toBytes());
    }
}
