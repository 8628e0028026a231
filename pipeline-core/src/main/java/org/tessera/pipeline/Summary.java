package org.tessera.pipeline;

import org.tessera.imaging.deconvolution.IterationState;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code results/<job>/summary.json}: the outcome (DONE or FAILED with the reason), the
 * parameters, the iteration record, and per stage and cycle the tasks with where they ran and
 * how long, and the orchestration overhead (wall time not spent computing on the critical path).
 */
public final class Summary {
    private Summary() {
    }

    public static Map<String, Object> build(ObjectStore store, JobState s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("jobId", s.jobId);
        out.put("status", s.stage == Stage.DONE ? "DONE" : s.stage.name());
        if (s.failure != null) {
            out.put("failure", s.failure);
        }
        out.put("source", s.source);
        out.put("parameters", s.parameters);
        out.put("partitions", s.parts);
        List<TaskRecord> records = store.list(ObjectStore.WORK, Keys.allMarkers(s.jobId)).stream()
                .filter(k -> k.endsWith(".json"))
                .map(k -> store.getJson(ObjectStore.WORK, k, TaskRecord.class)).toList();
        List<Map<String, Object>> stages = new ArrayList<>();
        double criticalCompute = 0;
        double summedCompute = 0;
        for (JobState.StageTimes t : s.timeline) {
            List<Map<String, Object>> tasks = new ArrayList<>();
            double longest = 0;
            for (TaskRecord r : records) {
                if (r.stage() == t.stage && r.cycle() == t.cycle) {
                    Map<String, Object> task = new LinkedHashMap<>();
                    task.put("part", r.part());
                    task.put("host", r.host());
                    task.put("seconds", r.seconds());
                    if (!r.facts().isEmpty()) {
                        task.put("facts", r.facts());
                    }
                    tasks.add(task);
                    longest = Math.max(longest, r.seconds());
                    summedCompute += r.seconds();
                }
            }
            criticalCompute += longest;
            Map<String, Object> stage = new LinkedHashMap<>();
            stage.put("stage", t.stage.key());
            stage.put("cycle", t.cycle);
            stage.put("wallSeconds", t.completed > 0 ? (t.completed - t.dispatched) / 1e3 : null);
            stage.put("longestTaskSeconds", longest);
            stage.put("tasks", tasks);
            stages.add(stage);
            if (t.stage == Stage.RESTORE && !tasks.isEmpty() && tasks.get(0).get("facts") != null) {
                out.put("restore", tasks.get(0).get("facts"));
            }
        }
        List<String> iterations = store.list(ObjectStore.WORK, s.jobId + "/iteration/");
        if (!iterations.isEmpty()) {
            IterationState it = IterationState.fromJson(new String(store.get(ObjectStore.WORK,
                    iterations.get(iterations.size() - 1)), StandardCharsets.UTF_8));
            out.put("stopCode", it.stopCode().code);
            out.put("stopWords", it.stopCode().words);
            out.put("iterationsDone", it.iterationsDone());
            out.put("majorCyclesDone", it.majorCyclesDone());
            out.put("cycles", it.cycles());
        }
        double wall = ((s.stage.finished() ? s.updatedMillis : System.currentTimeMillis()) - s.createdMillis) / 1e3;
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("wallSeconds", wall);
        totals.put("summedTaskSeconds", summedCompute);
        totals.put("criticalPathTaskSeconds", criticalCompute);
        totals.put("overheadSeconds", wall - criticalCompute);
        totals.put("overheadSecondsPerMajorCycle", (wall - criticalCompute) / Math.max(1, s.majorCyclesDone));
        out.put("totals", totals);
        out.put("stages", stages);
        return out;
    }

    public static void write(ObjectStore store, JobState s) {
        s.updatedMillis = System.currentTimeMillis();
        store.put(ObjectStore.RESULTS, Keys.result(s.jobId, "summary.json"), Json.bytes(build(store, s)));
    }
}
