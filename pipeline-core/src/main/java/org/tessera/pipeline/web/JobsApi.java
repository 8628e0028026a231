package org.tessera.pipeline.web;

import org.tessera.imaging.deconvolution.CycleRecord;
import org.tessera.imaging.deconvolution.IterationState;
import org.tessera.imaging.sequence.RunSummary;
import org.tessera.imaging.sequence.Stage;
import org.tessera.imaging.sequence.TaskFacts;
import org.tessera.pipeline.JobState;
import org.tessera.pipeline.Keys;
import org.tessera.pipeline.ObjectStore;
import org.tessera.pipeline.Summary;
import org.tessera.pipeline.TaskRecord;
import org.tessera.pipeline.Transfers;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code /api/jobs} and {@code /api/jobs/<id>} answer, read from the work and results buckets
 * (state, task markers, iteration state): the controller keeps nothing else, so any process that
 * can read the store can serve the page.
 */
public final class JobsApi {
    private final ObjectStore store;

    public JobsApi(ObjectStore store) {
        this.store = store;
    }

    /** Every job, newest first: one row each. */
    public List<Map<String, Object>> jobs() {
        List<JobState> states = new ArrayList<>(JobState.all(store));
        states.sort((a, b) -> Long.compare(b.createdMillis, a.createdMillis));
        return states.stream().map(JobsApi::row).toList();
    }

    /** One job in full, or null when there is no such job. */
    public Map<String, Object> job(String id) {
        JobState s = id.matches("[A-Za-z0-9_-]{1,64}") ? JobState.read(store, id) : null;
        if (s == null) {
            return null;
        }
        // an ended job's work objects are going or gone (unless kept): its summary holds its tasks and cycles
        RunSummary ended = s.stage.finished() && !s.workKept
                && store.exists(ObjectStore.RESULTS, Keys.result(id, "summary.json")) ? endedSummary(id) : null;
        Map<String, Object> out = row(s);
        out.put("failure", s.failure);
        out.put("parameters", s.parameters);
        out.put("now", System.currentTimeMillis());
        out.put("stages", stages(s));
        List<Map<String, Object>> tasks = ended != null ? tasks(ended) : tasks(s);
        out.put("tasks", tasks);
        out.put("stageTable", StageTable.of(tasks));
        out.put("cycles", ended != null ? cycles(ended.cycles) : cycles(s));
        RunSummary summary = ended != null ? ended : Summary.build(store, s);
        out.put("threshold", summary.parameters.get("threshold"));
        out.put("beam", summary.beam);
        out.put("files", files(id));
        return out;
    }

    static Map<String, Object> row(JobState s) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", s.jobId);
        r.put("source", s.source);
        r.put("stage", s.stage.key());
        r.put("majorCycle", s.majorCyclesDone);
        r.put("tasksDone", s.tasksDone);
        r.put("tasksTotal", s.tasksTotal);
        r.put("partitions", s.parts);
        r.put("peakResidual", s.peakResidual);
        r.put("created", s.createdMillis);
        r.put("updated", s.updatedMillis);
        r.put("ageSeconds", (System.currentTimeMillis() - s.createdMillis) / 1e3);
        r.put("progress", s.progress());
        return r;
    }

    private static List<Map<String, Object>> stages(JobState s) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (JobState.StageTimes t : s.timeline) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("stage", t.stage.key());
            m.put("cycle", t.cycle);
            m.put("tasks", t.tasks);
            m.put("dispatched", t.dispatched);
            m.put("completed", t.completed > 0 ? t.completed : null);
            out.add(m);
        }
        return out;
    }

    /** Finished tasks from their markers, then running ones (started, no marker yet) with no end. */
    private List<Map<String, Object>> tasks(JobState s) {
        List<Map<String, Object>> out = new ArrayList<>();
        Set<String> done = new HashSet<>();
        for (String key : store.list(ObjectStore.WORK, Keys.allMarkers(s.jobId))) {
            if (key.endsWith(".json")) {
                TaskRecord r = store.getJson(ObjectStore.WORK, key, TaskRecord.class);
                done.add(Keys.started(r.jobId(), r.stage(), r.cycle(), r.part()));
                out.add(task(r, true));
            }
        }
        for (String key : store.list(ObjectStore.WORK, Keys.allStarted(s.jobId))) {
            if (!done.contains(key) && !s.stage.finished()) {
                out.add(task(store.getJson(ObjectStore.WORK, key, TaskRecord.class), false));
            }
        }
        out.sort((a, b) -> Long.compare((Long) a.get("start"), (Long) b.get("start")));
        assignSlots(out, System.currentTimeMillis());
        return out;
    }

    private RunSummary endedSummary(String id) {
        try {
            return RunSummary.read(store.get(ObjectStore.RESULTS, Keys.result(id, "summary.json")));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The tasks of an ended job, from the task entries of its summary. */
    private static List<Map<String, Object>> tasks(RunSummary summary) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (RunSummary.StageRecord stage : summary.stages) {
            for (RunSummary.TaskEntry t : stage.tasks) {
                out.add(task(new TaskRecord(summary.jobId, Stage.valueOf(stage.stage.toUpperCase()), stage.cycle,
                        t.part, t.host, t.started, t.seconds, t.facts), true));
            }
        }
        out.sort((a, b) -> Long.compare((Long) a.get("start"), (Long) b.get("start")));
        assignSlots(out, System.currentTimeMillis());
        return out;
    }

    /**
     * Tasks that overlap on one host (a replica with several consumers) get separate rows of its track:
     * each takes the first slot free at its start. Tasks must come sorted by start.
     */
    private static void assignSlots(List<Map<String, Object>> tasks, long now) {
        Map<String, List<Long>> busyUntil = new LinkedHashMap<>();
        for (Map<String, Object> t : tasks) {
            List<Long> slots = busyUntil.computeIfAbsent((String) t.get("host"), h -> new ArrayList<>());
            long start = (Long) t.get("start");
            int slot = 0;
            while (slot < slots.size() && slots.get(slot) > start) {
                slot++;
            }
            long end = t.get("end") instanceof Long e ? e : now;
            if (slot == slots.size()) {
                slots.add(end);
            } else {
                slots.set(slot, end);
            }
            t.put("slot", slot);
        }
    }

    private static Map<String, Object> task(TaskRecord r, boolean finished) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("stage", r.stage().key());
        t.put("cycle", r.cycle());
        t.put("part", r.part());
        // host name and pid: one service replica, one track of the concurrency plot
        t.put("host", r.host());
        t.put("start", r.started());
        t.put("end", finished ? r.started() + Math.round(r.seconds() * 1e3) : null);
        t.put("seconds", finished ? r.seconds() : null);
        double download = number(r, Transfers.DOWNLOAD_SECONDS);
        double upload = number(r, Transfers.UPLOAD_SECONDS);
        t.put("downloadSeconds", download);
        t.put("uploadSeconds", upload);
        t.put("computeSeconds", finished ? Math.max(0, r.seconds() - download - upload) : null);
        t.put("bytesIn", (long) number(r, Transfers.BYTES_IN));
        t.put("bytesOut", (long) number(r, Transfers.BYTES_OUT));
        t.put("device", r.facts().getOrDefault(TaskFacts.DEVICE, "cpu"));
        return t;
    }

    private static double number(TaskRecord r, String fact) {
        return r.facts().get(fact) instanceof Number n ? n.doubleValue() : 0;
    }

    /** Per major cycle of a running job: the peak residual after it, the model flux, and the threshold cleaned to. */
    private List<Map<String, Object>> cycles(JobState s) {
        List<String> iterations = store.list(ObjectStore.WORK, s.jobId + "/iteration/");
        if (iterations.isEmpty()) {
            return new ArrayList<>();
        }
        IterationState state = IterationState.fromJson(new String(store.get(ObjectStore.WORK,
                iterations.get(iterations.size() - 1)), StandardCharsets.UTF_8));
        return cycles(state.peakResiduals(), state.cycles());
    }

    /** The same from an ended job's cycle records: the dirty image's peak, then each major cycle's. */
    private static List<Map<String, Object>> cycles(List<CycleRecord> records) {
        List<Double> peaks = new ArrayList<>();
        if (!records.isEmpty()) {
            peaks.add(records.get(0).peakResidualBefore());
        }
        for (CycleRecord r : records) {
            if (r.peakResidualAfterMajor() != null) {
                peaks.add(r.peakResidualAfterMajor());
            }
        }
        return cycles(peaks, records);
    }

    private static List<Map<String, Object>> cycles(List<Double> peaks, List<CycleRecord> records) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int k = 0; k < peaks.size(); k++) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("majorCycle", k);
            c.put("peakResidual", peaks.get(k));
            CycleRecord minor = k > 0 && k <= records.size() ? records.get(k - 1) : null;
            c.put("modelFlux", minor == null ? 0.0 : minor.modelFlux());
            c.put("cycleThreshold", minor == null ? null : minor.cycleThreshold());
            out.add(c);
        }
        return out;
    }

    private List<Map<String, Object>> files(String job) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String key : store.list(ObjectStore.RESULTS, job + "/")) {
            String name = key.substring(job.length() + 1);
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("name", name);
            f.put("url", "/files/" + job + "/" + name);
            out.add(f);
        }
        return out;
    }

    /** The bytes of a result object, or null when there is none. */
    public byte[] file(String job, String name) {
        if (!job.matches("[A-Za-z0-9_-]{1,64}") || !name.matches("[A-Za-z0-9._-]{1,200}") || name.startsWith(".")) {
            return null;
        }
        String key = Keys.result(job, name);
        return store.exists(ObjectStore.RESULTS, key) ? store.get(ObjectStore.RESULTS, key) : null;
    }
}
