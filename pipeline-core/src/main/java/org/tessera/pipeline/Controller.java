package org.tessera.pipeline;

import org.tessera.imaging.Image;
import org.tessera.imaging.RunParameters;
import org.tessera.imaging.deconvolution.IterationController;
import org.tessera.imaging.deconvolution.IterationState;
import org.tessera.imaging.deconvolution.ResidualStats;
import org.tessera.imaging.gridding.GriddedImage;
import org.tessera.imaging.WscleanRules;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The job state machine: PARTITION → WEIGHTS (uniform/Briggs only) → IMAGE (PSF + dirty) →
 * [CLEAN → RESIDUAL]* → RESTORE → DONE, or FAILED with a reason. Every event triggers a
 * reconcile: count the markers of the current stage (the barrier), and when all are there
 * gather, decide with tclean's rules, dispatch the next stage, and only then save the state.
 * A crash anywhere repeats at most idempotent work; a duplicate event finds nothing new.
 */
public final class Controller {
    /** Sends a message to a queue; the messaging layer implements it. */
    public interface Dispatcher {
        void send(String queue, String json);
    }

    private final ObjectStore store;
    private final Dispatcher dispatcher;
    private final Gather gather;
    private final int threads;

    public Controller(ObjectStore store, Dispatcher dispatcher, int threads) {
        this.store = store;
        this.dispatcher = dispatcher;
        this.gather = new Gather(store);
        this.threads = threads;
    }

    /** A job message: creates the job unless it exists (a duplicate message). Returns the job id. */
    public synchronized String submit(String json) {
        JobRequest request = Json.read(json, JobRequest.class);
        String job = request.jobId() == null || request.jobId().isBlank()
                ? "job-" + UUID.randomUUID().toString().substring(0, 8) : request.jobId();
        if (!job.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("job id must be 1-64 letters, digits, '-' or '_': " + job);
        }
        if (load(job) != null) {
            return job;
        }
        JobState state = new JobState();
        state.jobId = job;
        state.source = request.msObject();
        state.parameters.putAll(request.parameters());
        state.createdMillis = System.currentTimeMillis();
        store.put(ObjectStore.WORK, Keys.request(job), Json.bytes(new JobRequest(job, request.msObject(),
                request.parameters())));
        try {
            JobContext.parse(request.parameters(), threads);
            String source = request.msObject() == null ? "" : request.msObject();
            int slash = source.indexOf('/');
            if (slash <= 0 || !store.exists(source.substring(0, slash), source.substring(slash + 1))) {
                throw new JobFailure("no MS tarball at '" + source + "' (expected bucket/key)");
            }
        } catch (JobFailure e) {
            fail(state, e.getMessage());
            return job;
        }
        enter(state, Stage.PARTITION, 0, List.of(task(job, Stage.PARTITION, 0, 0, Map.of("ms", state.source))));
        return job;
    }

    /** A task event: a failure fails the job; anything else reconciles the job's current stage. */
    public synchronized void onEvent(String json) {
        TaskEvent event = Json.read(json, TaskEvent.class);
        JobState state = load(event.jobId());
        if (state == null || state.stage.finished()) {
            return;
        }
        if (event.failure() != null) {
            fail(state, event.stage().key() + " task " + event.part() + ": " + event.failure());
            return;
        }
        reconcile(state);
    }

    /** A task the broker gave up on after its delivery attempts: the job fails, naming the last error. */
    public synchronized void onDeadLetter(String json) {
        TaskMessage task;
        try {
            task = Json.read(json, TaskMessage.class);
        } catch (IllegalArgumentException e) {
            return;
        }
        JobState state = load(task.jobId());
        if (state == null || state.stage.finished()) {
            return;
        }
        String key = Keys.error(task.jobId(), task.stage(), task.cycle(), task.part());
        String last = store.exists(ObjectStore.WORK, key)
                ? new String(store.get(ObjectStore.WORK, key), StandardCharsets.UTF_8).lines().limit(2)
                        .reduce((a, b) -> a + " " + b).orElse("") : "the service died while running it";
        fail(state, task.stage().key() + " task " + task.part() + " (cycle " + task.cycle()
                + ") was given up after repeated delivery failures; last error: " + last);
    }

    /**
     * On start: every unfinished job checks its barrier, and resends the current stage's tasks that
     * have no marker (a message lost with a crash; a duplicate of a live one is harmless).
     */
    public synchronized List<String> resumeAll() {
        List<String> resumed = new ArrayList<>();
        for (String key : store.list(ObjectStore.WORK, "")) {
            if (key.endsWith("/state.json") && key.indexOf('/') == key.length() - "/state.json".length()) {
                JobState state = load(key.substring(0, key.indexOf('/')));
                if (state == null || state.stage.finished()) {
                    continue;
                }
                reconcile(state);
                if (!state.stage.finished()) {
                    for (TaskMessage t : state.tasks) {
                        if (!store.exists(ObjectStore.WORK, Keys.marker(t.jobId(), t.stage(), t.cycle(), t.part()))) {
                            dispatcher.send(Queues.forStage(t.stage()), Json.write(t));
                        }
                    }
                    resumed.add(state.jobId);
                }
            }
        }
        return resumed;
    }

    /**
     * Starts a job for every MS tarball in the ingest bucket that has none yet, with the
     * parameters of {@code X.ms.json} beside {@code X.ms.tar}. The ingest object stays.
     */
    public synchronized List<String> scanIngest() {
        List<String> started = new ArrayList<>();
        List<String> keys = store.list(ObjectStore.INGEST, "");
        for (String key : keys) {
            String stem = tarballStem(key);
            if (stem == null || store.exists(ObjectStore.WORK, Keys.ingestClaim(key))) {
                continue;
            }
            var stat = store.stat(ObjectStore.INGEST, key);
            String tag = Integer.toHexString((stat.etag() + key).hashCode());
            String job = stem.replaceAll("[^A-Za-z0-9_-]", "-") + "-" + tag;
            Map<String, Object> params = Map.of();
            String failure = null;
            String paramsKey = stem + ".ms.json";
            if (keys.contains(paramsKey)) {
                try {
                    params = Json.MAPPER.readValue(store.get(ObjectStore.INGEST, paramsKey),
                            Json.MAPPER.getTypeFactory().constructMapType(Map.class, String.class, Object.class));
                } catch (Exception e) {
                    failure = paramsKey + " is not a JSON object of parameters: " + e.getMessage();
                }
            }
            store.put(ObjectStore.WORK, Keys.ingestClaim(key), Json.bytes(Map.of("jobId", job, "etag", stat.etag())));
            submit(Json.write(new JobRequest(job, ObjectStore.INGEST + "/" + key, params)));
            if (failure != null) {
                fail(load(job), failure);
            }
            started.add(job);
        }
        return started;
    }

    /** {@code X} for {@code X.ms.tar}, {@code X.ms.tar.gz}, {@code X.ms.tgz}; null for anything else. */
    static String tarballStem(String key) {
        for (String suffix : List.of(".ms.tar", ".ms.tar.gz", ".ms.tgz")) {
            if (key.endsWith(suffix)) {
                return key.substring(0, key.length() - suffix.length());
            }
        }
        return null;
    }

    public JobState load(String job) {
        String key = Keys.state(job);
        return store.exists(ObjectStore.WORK, key) ? store.getJson(ObjectStore.WORK, key, JobState.class) : null;
    }

    private void reconcile(JobState state) {
        while (!state.stage.finished()) {
            int done = store.list(ObjectStore.WORK, Keys.markers(state.jobId, state.stage, state.cycle)).size();
            if (done < state.tasksTotal) {
                if (done != state.tasksDone) {
                    state.tasksDone = done;
                    save(state);
                }
                return;
            }
            state.tasksDone = done;
            JobState.StageTimes times = state.current();
            if (times != null) {
                times.completed = System.currentTimeMillis();
            }
            try {
                advance(state);
            } catch (JobFailure e) {
                fail(state, e.getMessage());
            }
        }
    }

    private void advance(JobState s) {
        String job = s.jobId;
        RunParameters params = JobContext.parse(s.parameters, threads);
        switch (s.stage) {
            case PARTITION -> {
                JobSetup setup = store.getJson(ObjectStore.WORK, Keys.setup(job), JobSetup.class);
                s.parts = setup.parts();
                // merged before any gridding task is sent: every gridder then makes the same plan
                store.put(ObjectStore.WORK, Keys.wRange(job), Json.bytes(setup.wRange()));
                boolean density = WscleanRules.needsDensity(params.imaging().weighting());
                Stage next = density ? Stage.WEIGHTS : Stage.IMAGE;
                enter(s, next, 0, perPart(s, next, 0, Map.of()));
            }
            case WEIGHTS -> {
                store.put(ObjectStore.WORK, Keys.gathered(job, "weights"), gather.weights(job, s.parts).toBytes());
                enter(s, Stage.IMAGE, 0, perPart(s, Stage.IMAGE, 0, Map.of()));
            }
            case IMAGE -> {
                GriddedImage psf = gather.images(job, Stage.IMAGE, 0, s.parts, "psf");
                if (psf.sumWeights() <= 0) {
                    throw new JobFailure(s.source + ": no unflagged visibilities to image");
                }
                Image dirty = gather.images(job, Stage.IMAGE, 0, s.parts, "dirty").normalised();
                store.put(ObjectStore.WORK, Keys.gathered(job, "psf"), ImageBlob.toBytes(psf.normalised(), psf.sumWeights()));
                store.put(ObjectStore.WORK, Keys.gathered(job, "dirty"), ImageBlob.toBytes(dirty, psf.sumWeights()));
                IterationState iteration = IterationState.start(params.imaging().iteration());
                check(s, iteration, dirty, 0, Keys.gathered(job, "dirty"), null);
            }
            case CLEAN -> enter(s, Stage.RESIDUAL, s.cycle,
                    perPart(s, Stage.RESIDUAL, s.cycle, Map.of("model", Keys.model(job, s.cycle))));
            case RESIDUAL -> {
                int k = s.cycle;
                double sumWeights = ImageBlob.fromBytes(store.get(ObjectStore.WORK, Keys.gathered(job, "psf"))).sumWeights();
                Image residual = gather.images(job, Stage.RESIDUAL, k, s.parts, "residual").image();
                residual.scale(1 / sumWeights);
                String residualKey = Keys.gathered(job, String.format("residual-%03d", k + 1));
                store.put(ObjectStore.WORK, residualKey, ImageBlob.toBytes(residual, sumWeights));
                IterationState iteration = IterationState.fromJson(
                        new String(store.get(ObjectStore.WORK, Keys.cleanState(job, k)), StandardCharsets.UTF_8));
                iteration.recordMajorCycle();
                check(s, iteration, residual, k + 1, residualKey, Keys.model(job, k));
            }
            case RESTORE -> {
                s.stage = Stage.DONE;
                Summary.write(store, s);
                save(s);
            }
            default -> throw new IllegalStateException("no transition from " + s.stage);
        }
    }

    /** tclean's stop check on the residual after major cycle k: next minor cycle, or restore. */
    private void check(JobState s, IterationState iteration, Image residual, int k, String residualKey, String modelKey) {
        String job = s.jobId;
        boolean stop = new IterationController()
                .checkStop(iteration, ResidualStats.of(residual, iteration.parameters())).stop();
        store.put(ObjectStore.WORK, Keys.iteration(job, k), iteration.toJson().getBytes(StandardCharsets.UTF_8));
        s.majorCyclesDone = iteration.majorCyclesDone();
        s.peakResidual = iteration.peakResiduals().get(k);
        Map<String, String> inputs = new java.util.HashMap<>(Map.of("psf", Keys.gathered(job, "psf"),
                "residual", residualKey, "iteration", Keys.iteration(job, k)));
        if (modelKey != null) {
            inputs.put("model", modelKey);
        }
        if (stop) {
            inputs.put("dirty", Keys.gathered(job, "dirty"));
            inputs.put("maxBaselineWavelengths", String.valueOf(maxBaseline(job)));
            enter(s, Stage.RESTORE, 0, List.of(task(job, Stage.RESTORE, 0, 0, inputs)));
        } else {
            enter(s, Stage.CLEAN, k, List.of(task(job, Stage.CLEAN, k, 0, inputs)));
        }
    }

    /** The longest baseline over all partitions (each IMAGE task measured its own). */
    private double maxBaseline(String job) {
        double max = 0;
        for (String key : store.list(ObjectStore.WORK, Keys.markers(job, Stage.IMAGE, 0))) {
            Object v = store.getJson(ObjectStore.WORK, key, TaskRecord.class).facts().get("maxBaselineWavelengths");
            if (v instanceof Number n) {
                max = Math.max(max, n.doubleValue());
            }
        }
        return max;
    }

    private List<TaskMessage> perPart(JobState s, Stage stage, int cycle, Map<String, String> inputs) {
        List<TaskMessage> tasks = new ArrayList<>();
        for (int p = 0; p < s.parts; p++) {
            tasks.add(task(s.jobId, stage, cycle, p, inputs));
        }
        return tasks;
    }

    private static TaskMessage task(String job, Stage stage, int cycle, int part, Map<String, String> inputs) {
        return new TaskMessage(job, stage, cycle, part, inputs);
    }

    /** Sends the stage's tasks first and saves the state after: a crash in between only repeats sends. */
    private void enter(JobState s, Stage stage, int cycle, List<TaskMessage> tasks) {
        for (TaskMessage t : tasks) {
            dispatcher.send(Queues.forStage(stage), Json.write(t));
        }
        s.stage = stage;
        s.cycle = cycle;
        s.tasksTotal = tasks.size();
        s.tasksDone = 0;
        s.tasks = new ArrayList<>(tasks);
        s.timeline.removeIf(t -> t.stage == stage && t.cycle == cycle);
        JobState.StageTimes times = new JobState.StageTimes();
        times.stage = stage;
        times.cycle = cycle;
        times.tasks = tasks.size();
        times.dispatched = System.currentTimeMillis();
        s.timeline.add(times);
        save(s);
    }

    private void fail(JobState s, String reason) {
        s.stage = Stage.FAILED;
        s.failure = reason;
        // The summary first: a client that sees FAILED finds the reason in results/ too.
        Summary.write(store, s);
        save(s);
    }

    private void save(JobState s) {
        s.updatedMillis = System.currentTimeMillis();
        store.put(ObjectStore.WORK, Keys.state(s.jobId), Json.bytes(s));
    }
}
