package org.tessera.pipeline;

import org.tessera.imaging.sequence.Stage;
import org.tessera.imaging.Image;
import org.tessera.imaging.RunParameters;
import org.tessera.imaging.deconvolution.IterationState;
import org.tessera.imaging.gridding.GriddedImage;
import org.tessera.imaging.sequence.ImagingSequence;
import org.tessera.imaging.sequence.Step;
import org.tessera.imaging.sequence.RunSummary;
import org.tessera.imaging.sequence.TaskFacts;
import org.tessera.imaging.spectral.ChannelGroup;
import org.tessera.imaging.spectral.Mfs;
import org.tessera.imaging.weighting.WeightDensity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Runs each job through the steps of {@link ImagingSequence} as messages to the services, or
 * FAILED with a reason. Every event triggers a reconcile: count the markers of the current stage
 * (the barrier), and when all are there gather, ask the sequence for the next step, dispatch its
 * tasks, and only then save the state.
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
    private final boolean keepWork;

    /** A controller that deletes an ended job's work objects. */
    public Controller(ObjectStore store, Dispatcher dispatcher, int threads) {
        this(store, dispatcher, threads, false);
    }

    /** @param keepWork keep an ended job's work objects ({@code TESSERA_KEEP_WORK}), for debugging */
    public Controller(ObjectStore store, Dispatcher dispatcher, int threads, boolean keepWork) {
        this.store = store;
        this.dispatcher = dispatcher;
        this.gather = new Gather(store);
        this.threads = threads;
        this.keepWork = keepWork;
    }

    /** A job message: creates the job unless it exists (a duplicate message). Returns the job id. */
    public synchronized String submit(String json) {
        JobRequest request;
        try {
            request = Json.read(json, JobRequest.class);
        } catch (IllegalArgumentException e) {
            // never dropped: whoever sent it finds a FAILED job saying why
            return failedAtOnce(newJobId(), null, "the job message is not a JSON job request: " + e.getMessage());
        }
        String job = request.jobId() == null || request.jobId().isBlank() ? newJobId() : request.jobId();
        if (!job.matches("[A-Za-z0-9_-]{1,64}")) {
            return failedAtOnce(newJobId(), request.msObject(),
                    "job id must be 1-64 letters, digits, '-' or '_', got '" + job + "'");
        }
        if (load(job) != null) {
            return job;
        }
        JobState state = newJob(job, request.msObject());
        state.parameters.putAll(request.parameters());
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

    private static String newJobId() {
        return "job-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private JobState newJob(String job, String source) {
        JobState state = new JobState();
        state.jobId = job;
        state.source = source;
        state.createdMillis = System.currentTimeMillis();
        return state;
    }

    /** A job that fails before it starts (a message that cannot be a job), so that the reason is on record. */
    private String failedAtOnce(String job, String source, String reason) {
        fail(newJob(job, source), reason);
        return job;
    }

    /** A task event: a failure fails the job; anything else reconciles the job's current stage. */
    public synchronized void onEvent(String json) {
        TaskEvent event = Json.read(json, TaskEvent.class);
        JobState state = owner(load(event.jobId()));
        if (state == null || state.stage.finished()) {
            return;
        }
        if (event.failure() != null) {
            fail(state, event.stage().key() + " task " + event.part() + ": " + event.failure());
            return;
        }
        reconcile(state);
    }

    /** A {@link JobCancel} message: the job ends CANCELLED; its running and queued tasks find that out. */
    public synchronized void cancel(String json) {
        String job;
        try {
            job = Json.read(json, JobCancel.class).jobId();
        } catch (IllegalArgumentException e) {
            return;
        }
        JobState state = job == null ? null : load(job);
        if (state == null || state.stage.finished()) {
            return;
        }
        state.stage = Stage.CANCELLED;
        end(state);
        endGroups(state, Stage.CANCELLED, null);
    }

    /** The live channel-group jobs of a cube that ended: cancelled (with the cube) or failed (naming why). */
    private void endGroups(JobState cube, Stage stage, String reason) {
        for (String id : cube.groupJobs) {
            JobState g = load(id);
            if (g != null && !g.stage.finished()) {
                g.stage = stage;
                g.failure = reason;
                end(g);
            }
        }
    }

    /** A task the broker gave up on after its delivery attempts: the job fails, naming the last error. */
    public synchronized void onDeadLetter(String json) {
        TaskMessage task;
        try {
            if (Json.MAPPER.readTree(json).has("failure")) {
                // an event the controller itself could not handle (S3 down, say): handle it now
                onEvent(json);
                return;
            }
            task = Json.read(json, TaskMessage.class);
        } catch (IOException | IllegalArgumentException e) {
            return;
        }
        JobState state = owner(load(task.jobId()));
        if (state == null || state.stage.finished()) {
            return;
        }
        Step step = new Step(task.stage(), task.cycle());
        if (step.before(new Step(state.stage, state.cycle))
                || store.exists(ObjectStore.WORK, Keys.marker(task.jobId(), task.stage(), task.cycle(), task.part()))) {
            // a stale duplicate: another delivery of the task succeeded, or its step is long past
            return;
        }
        String key = Keys.error(task.jobId(), task.stage(), task.cycle(), task.part());
        String last = store.exists(ObjectStore.WORK, key)
                ? new String(store.get(ObjectStore.WORK, key), StandardCharsets.UTF_8).lines().findFirst().orElse("")
                : "the service died while running it";
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
            if (Keys.isState(key)) {
                JobState state = load(key.substring(0, key.indexOf('/')));
                if (state == null || state.stage.finished()) {
                    continue;
                }
                Step before = new Step(state.stage, state.cycle);
                reconcile(state);
                // a step just entered had its tasks sent by reconcile; only an unchanged one may have lost some
                if (!state.stage.finished() && before.equals(new Step(state.stage, state.cycle))) {
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
            String etag = stem == null ? null : store.etag(ObjectStore.INGEST, key);
            if (etag == null || etag.equals(claimedEtag(key))) {
                continue;
            }
            String job = ingestJobId(stem, key, etag);
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
            store.put(ObjectStore.WORK, Keys.ingestClaim(key), Json.bytes(Map.of("jobId", job, "etag", etag)));
            submit(Json.write(new JobRequest(job, ObjectStore.INGEST + "/" + key, params)));
            if (failure != null) {
                fail(load(job), failure);
            }
            started.add(job);
        }
        return started;
    }

    /** The ETag of the drop a claim started a job for; null when the key was never claimed. */
    private String claimedEtag(String key) {
        if (!store.exists(ObjectStore.WORK, Keys.ingestClaim(key))) {
            return null;
        }
        Object etag = Json.read(store.get(ObjectStore.WORK, Keys.ingestClaim(key)), Map.class).get("etag");
        return etag == null ? "" : etag.toString();
    }

    /**
     * A valid job id for a drop: its name (cut to 48 characters, other characters as '-') and a
     * hash of the key and the ETag, so that a re-drop with new content is a new job.
     */
    static String ingestJobId(String stem, String key, String etag) {
        String name = stem.replaceAll("[^A-Za-z0-9_-]", "-");
        return name.substring(0, Math.min(name.length(), 48)) + "-" + String.format("%08x", (etag + key).hashCode());
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

    /** A running job's state, or an ended one's (kept with its results), or null when there is no such job. */
    public JobState load(String job) {
        return JobState.read(store, job);
    }

    /** The job whose steps {@code state} follows: a joined channel group's job, or the job itself. */
    private JobState owner(JobState state) {
        return state == null || state.joinedTo == null ? state : load(state.joinedTo);
    }

    private void reconcile(JobState state) {
        if (state.joinedTo != null) {
            JobState owner = owner(state);
            if (owner != null && !owner.stage.finished()) {
                reconcile(owner);
            }
            return;
        }
        markEndedGroups(state);
        while (!state.stage.finished()) {
            int done = doneTasks(state);
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

    /** The current step's markers: a joined job's grid tasks are its channel groups'. */
    private int doneTasks(JobState s) {
        if (!joinedGridStep(s, s.stage)) {
            return store.list(ObjectStore.WORK, Keys.markers(s.jobId, s.stage, s.cycle)).size();
        }
        int done = 0;
        for (String g : s.joinedGroups) {
            done += store.list(ObjectStore.WORK, Keys.markers(g, s.stage, s.cycle)).size();
        }
        return done;
    }

    private static boolean joinedGridStep(JobState s, Stage stage) {
        return !s.joinedGroups.isEmpty() && (stage == Stage.WEIGHTS || stage == Stage.IMAGE || stage == Stage.RESIDUAL);
    }

    /**
     * The barrier of the current step is met: gathers its products, asks the sequence what comes
     * next (with tclean's stop check after IMAGE and RESIDUAL), and dispatches that step's tasks.
     */
    private void advance(JobState s) {
        String job = s.jobId;
        RunParameters params = JobContext.parse(s.parameters, threads);
        ImagingSequence sequence = ImagingSequence.of(params.imaging());
        Step done = new Step(s.stage, s.cycle);
        Step next = switch (s.stage) {
            case PARTITION -> {
                JobSetup setup = store.getJson(ObjectStore.WORK, Keys.setup(job), JobSetup.class);
                s.parts = setup.parts();
                JobMasks.storeUserMask(store, job, params, setup);
                // merged before any gridding task is sent: every gridder then makes the same plan
                store.put(ObjectStore.WORK, Keys.wRange(job), Json.bytes(setup.wRange()));
                if (params.spectral().joinChannels()) {
                    joinGroups(s, setup);
                } else if (params.spectral().isMultiChannel()) {
                    startGroups(s, params, setup, sequence.next(done));
                    yield null;
                }
                yield sequence.next(done);
            }
            case WEIGHTS -> {
                if (!s.joinedGroups.isEmpty()) {
                    // WSClean's weighting of joined channels: one density over all the groups' channels
                    WeightDensity density = null;
                    for (String g : s.joinedGroups) {
                        WeightDensity d = gather.weights(g, s.parts);
                        if (density == null) {
                            density = d;
                        } else {
                            density.add(d);
                        }
                    }
                    for (String g : s.joinedGroups) {
                        store.put(ObjectStore.WORK, Keys.gathered(g, "weights"), density.toBytes());
                    }
                    yield sequence.next(done);
                }
                store.put(ObjectStore.WORK, Keys.gathered(job, "weights"), gather.weights(job, s.parts).toBytes());
                yield sequence.next(done);
            }
            case IMAGE -> {
                if (!s.joinedGroups.isEmpty()) {
                    yield checked(s, sequence, done, sequence.startIteration(), joinedImages(s));
                }
                if (!s.groupJobs.isEmpty()) {
                    // every channel group's job is done: the cube's own RESTORE writes the MFS images and the cube
                    enter(s, Stage.RESTORE, 0, List.of(task(job, Stage.RESTORE, 0, 0, Map.of("groups",
                            String.join(",", s.groupJobs), TaskFacts.MAX_BASELINE, String.valueOf(maxBaseline(job))))));
                    yield null;
                }
                GriddedImage psf = gather.images(job, Stage.IMAGE, 0, s.parts, "psf");
                if (psf.sumWeights() <= 0) {
                    throw new JobFailure(s.source + ": no unflagged visibilities to image");
                }
                s.sumOfWeights = psf.sumWeights();
                Image dirty = gather.images(job, Stage.IMAGE, 0, s.parts, "dirty").normalised();
                store.put(ObjectStore.WORK, Keys.gathered(job, "psf"), ImageBlob.toBytes(psf.normalised(), psf.sumWeights()));
                store.put(ObjectStore.WORK, Keys.gathered(job, "dirty"), ImageBlob.toBytes(dirty, psf.sumWeights()));
                yield checked(s, sequence, done, sequence.startIteration(), dirty);
            }
            case CLEAN -> sequence.next(done);
            case RESIDUAL -> {
                IterationState after = IterationState.fromJson(
                        new String(store.get(ObjectStore.WORK, Keys.cleanState(job, s.cycle)), StandardCharsets.UTF_8));
                if (!s.joinedGroups.isEmpty()) {
                    yield checked(s, sequence, done, after, joinedResiduals(s));
                }
                Image residual = gather.images(job, Stage.RESIDUAL, s.cycle, s.parts, "residual").image();
                double sumWeights = sumOfWeights(s);
                residual.scale(1 / sumWeights);
                store.put(ObjectStore.WORK, Keys.residual(job, s.cycle + 1), ImageBlob.toBytes(residual, sumWeights));
                yield checked(s, sequence, done, after, residual);
            }
            case RESTORE -> sequence.next(done);
            default -> throw new IllegalStateException("no transition from " + s.stage);
        };
        if (next == null) {
            // a cube's own steps: its groups' jobs started, or its RESTORE entered
            return;
        }
        if (next.finished()) {
            s.stage = next.stage();
            end(s);
            return;
        }
        enter(s, next.stage(), next.cycle(), tasks(s, next));
        // summed and saved: the step's partials are not needed again, even after a crash
        store.deletePrefix(ObjectStore.WORK, Keys.partials(job, done.stage(), done.cycle()));
        for (String g : s.joinedGroups) {
            store.deletePrefix(ObjectStore.WORK, Keys.partials(g, done.stage(), done.cycle()));
        }
    }

    /**
     * A {@code -join-channels} job: one namespace per channel group (its request, setup and w range, and a state that
     * routes its tasks' events here), whose grid tasks this job dispatches, one per partition × group.
     */
    private void joinGroups(JobState s, JobSetup setup) {
        for (ChannelGroup g : setup.groups()) {
            String id = s.jobId + "-g" + g.tag();
            if (!s.joinedGroups.contains(id)) {
                s.joinedGroups.add(id);
            }
            if (load(id) != null) {
                continue;
            }
            JobState state = newJob(id, s.source);
            state.parameters.putAll(s.parameters);
            state.joinedTo = s.jobId;
            state.group = g.index();
            state.parts = s.parts;
            store.put(ObjectStore.WORK, Keys.request(id), Json.bytes(new JobRequest(id, s.source, s.parameters)));
            store.put(ObjectStore.WORK, Keys.setup(id), Json.bytes(setup.forGroup(s.jobId, g)));
            store.put(ObjectStore.WORK, Keys.wRange(id), Json.bytes(setup.wRange()));
            save(state);
        }
        save(s);
    }

    /**
     * A joined job's IMAGE gathered: each group's PSF and dirty image kept in its namespace, the MFS PSF and dirty
     * image (weighted by the groups' sums of weights) in the job's; returns the MFS dirty image the stop check judges.
     */
    private Image joinedImages(JobState s) {
        int n = s.joinedGroups.size();
        List<Image> psfs = new ArrayList<>();
        List<Image> dirties = new ArrayList<>();
        double[] sums = new double[n];
        for (int k = 0; k < n; k++) {
            String g = s.joinedGroups.get(k);
            GriddedImage psf = gather.images(g, Stage.IMAGE, 0, s.parts, "psf");
            sums[k] = psf.sumWeights();
            if (!(sums[k] > 0)) {
                throw new JobFailure(s.source + ": channel group " + String.format("%04d", k)
                        + " has no unflagged visibilities to image");
            }
            Image dirty = gather.images(g, Stage.IMAGE, 0, s.parts, "dirty").normalised();
            psfs.add(psf.normalised());
            dirties.add(dirty);
            store.put(ObjectStore.WORK, Keys.gathered(g, "psf"), ImageBlob.toBytes(psfs.get(k), sums[k]));
            store.put(ObjectStore.WORK, Keys.gathered(g, "dirty"), ImageBlob.toBytes(dirty, sums[k]));
        }
        double[] weights = Mfs.normalised(sums);
        s.sumOfWeights = java.util.Arrays.stream(sums).sum();
        Image mfsDirty = Mfs.mean(dirties, weights);
        store.put(ObjectStore.WORK, Keys.gathered(s.jobId, "psf"), ImageBlob.toBytes(Mfs.mean(psfs, weights),
                s.sumOfWeights));
        store.put(ObjectStore.WORK, Keys.gathered(s.jobId, "dirty"), ImageBlob.toBytes(mfsDirty, s.sumOfWeights));
        return mfsDirty;
    }

    /** A joined job's RESIDUAL gathered: each group's residual kept in its namespace; returns the MFS residual. */
    private Image joinedResiduals(JobState s) {
        List<Image> residuals = new ArrayList<>();
        double[] sums = new double[s.joinedGroups.size()];
        for (int k = 0; k < sums.length; k++) {
            String g = s.joinedGroups.get(k);
            sums[k] = ImageBlob.fromBytes(store.get(ObjectStore.WORK, Keys.gathered(g, "psf"))).sumWeights();
            Image residual = gather.images(g, Stage.RESIDUAL, s.cycle, s.parts, "residual").image();
            residual.scale(1 / sums[k]);
            store.put(ObjectStore.WORK, Keys.residual(g, s.cycle + 1), ImageBlob.toBytes(residual, sums[k]));
            residuals.add(residual);
        }
        return Mfs.mean(residuals, Mfs.normalised(sums));
    }

    /**
     * A cube ({@code -channels-out N > 1}): one job per channel group, each with the cube's parameters, its parts and
     * its w range, its own barrier, stop decisions and records, starting at {@code first}. The cube waits at IMAGE
     * for a marker from each group's job as it ends.
     */
    private void startGroups(JobState cube, RunParameters params, JobSetup setup, Step first) {
        String job = cube.jobId;
        for (ChannelGroup g : setup.groups()) {
            String id = job + "-g" + g.tag();
            cube.groupJobs.add(id);
            if (load(id) != null) {
                continue;
            }
            JobState state = newJob(id, cube.source);
            state.parameters.putAll(cube.parameters);
            state.parent = job;
            state.group = g.index();
            state.parts = cube.parts;
            store.put(ObjectStore.WORK, Keys.request(id), Json.bytes(new JobRequest(id, cube.source, cube.parameters)));
            JobSetup groupSetup = setup.forGroup(job, g);
            store.put(ObjectStore.WORK, Keys.setup(id), Json.bytes(groupSetup));
            store.put(ObjectStore.WORK, Keys.wRange(id), Json.bytes(setup.wRange()));
            JobMasks.storeUserMask(store, id, params, groupSetup);
            enter(state, first.stage(), first.cycle(), tasks(state, first));
        }
        enter(cube, Stage.IMAGE, 0, List.of());
        cube.tasksTotal = cube.groupJobs.size();
        save(cube);
        store.deletePrefix(ObjectStore.WORK, Keys.partials(job, Stage.PARTITION, 0));
    }

    /**
     * A channel group's job is DONE: the cube's marker for it, with its facts (the longest baseline from the group's
     * summary, which its end wrote first). Idempotent.
     */
    private void markGroupDone(JobState g) {
        Map<String, Object> facts = new java.util.LinkedHashMap<>();
        double maxBaseline = 0;
        try {
            RunSummary summary = RunSummary.read(store.get(ObjectStore.RESULTS, Keys.result(g.jobId, "summary.json")));
            for (RunSummary.StageRecord stage : summary.stages) {
                for (RunSummary.TaskEntry t : stage.tasks) {
                    if (t.facts.get(TaskFacts.MAX_BASELINE) instanceof Number n) {
                        maxBaseline = Math.max(maxBaseline, n.doubleValue());
                    }
                }
            }
        } catch (IOException e) {
            throw new JobFailure("channel group " + g.group + ": unreadable summary: " + e.getMessage(), e);
        }
        facts.put(TaskFacts.MAX_BASELINE, maxBaseline);
        facts.put("sumOfWeights", g.sumOfWeights);
        facts.put("majorCyclesDone", g.majorCyclesDone);
        long now = System.currentTimeMillis();
        store.put(ObjectStore.WORK, Keys.marker(g.parent, Stage.IMAGE, 0, g.group), Json.bytes(new TaskRecord(
                g.parent, Stage.IMAGE, 0, g.group, TaskFacts.host(), g.createdMillis, (now - g.createdMillis) / 1e3,
                facts)));
    }

    /** A cube waiting for its groups: a group's job that is DONE without its marker (a crash in between) gets it. */
    private void markEndedGroups(JobState cube) {
        if (cube.groupJobs.isEmpty() || cube.stage != Stage.IMAGE) {
            return;
        }
        for (String id : cube.groupJobs) {
            JobState g = load(id);
            if (g != null && g.stage == Stage.DONE
                    && !store.exists(ObjectStore.WORK, Keys.marker(cube.jobId, Stage.IMAGE, 0, g.group))) {
                markGroupDone(g);
            }
        }
    }

    /** A channel group's job ended: the cube checks its barrier, or fails when the group failed. */
    private void groupEnded(JobState g) {
        JobState cube = load(g.parent);
        if (cube == null || cube.stage.finished() || g.stage == Stage.CANCELLED) {
            return;
        }
        if (g.stage == Stage.FAILED) {
            fail(cube, "channel group " + String.format("%04d", g.group) + ": " + g.failure);
            return;
        }
        reconcile(cube);
    }

    /** From the state; a state saved before it had the field reads the gathered PSF's. */
    private double sumOfWeights(JobState s) {
        if (s.sumOfWeights == null) {
            s.sumOfWeights = ImageBlob.fromBytes(store.get(ObjectStore.WORK, Keys.gathered(s.jobId, "psf"))).sumWeights();
        }
        return s.sumOfWeights;
    }

    /** The stop check on the residual of major cycle k (k = 0: the dirty image); its state is saved for the next tasks. */
    private Step checked(JobState s, ImagingSequence sequence, Step done, IterationState iteration, Image residual) {
        Step next = sequence.next(done, iteration, residual, JobMasks.current(store, s.jobId, iteration));
        int k = iteration.majorCyclesDone();
        store.put(ObjectStore.WORK, Keys.iteration(s.jobId, k), iteration.toJson().getBytes(StandardCharsets.UTF_8));
        s.majorCyclesDone = k;
        s.peakResidual = iteration.peakResiduals().get(k);
        return next;
    }

    /** The tasks of a step: one per partition for the gridding stages, one for the others. */
    private List<TaskMessage> tasks(JobState s, Step step) {
        String job = s.jobId;
        int k = s.majorCyclesDone;
        if (!s.joinedGroups.isEmpty()) {
            return joinedTasks(s, step);
        }
        return switch (step.stage()) {
            case WEIGHTS, IMAGE -> perPart(s, step.stage(), 0, Map.of());
            case RESIDUAL -> perPart(s, Stage.RESIDUAL, step.cycle(), Map.of("model", Keys.model(job, step.cycle())));
            case CLEAN, RESTORE -> {
                Map<String, String> inputs = new java.util.HashMap<>(Map.of("psf", Keys.gathered(job, "psf"),
                        "residual", Keys.residual(job, k), "iteration", Keys.iteration(job, k)));
                if (k > 0) {
                    inputs.put("model", Keys.model(job, k - 1));
                }
                if (step.stage() == Stage.RESTORE) {
                    inputs.put("dirty", Keys.gathered(job, "dirty"));
                    inputs.put(TaskFacts.MAX_BASELINE, String.valueOf(maxBaseline(job)));
                } else {
                    // the theoretic beam, from which multiscale takes its scales as the in-process run does
                    double cell = JobContext.parse(s.parameters, threads).imaging().cellRad();
                    inputs.put(CleanTask.THEORETIC_BEAM_PIXELS, String.valueOf(1 / maxBaseline(job) / cell));
                }
                yield List.of(task(job, step.stage(), step.cycle(), 0, inputs));
            }
            default -> throw new IllegalStateException("no tasks for " + step.stage());
        };
    }

    /**
     * A joined job's tasks: grid tasks per partition × group in the groups' namespaces; one CLEAN task on every
     * group's residual, PSF and model; one RESTORE task writing every group's images and the MFS ones.
     */
    private List<TaskMessage> joinedTasks(JobState s, Step step) {
        String job = s.jobId;
        int k = s.majorCyclesDone;
        List<TaskMessage> tasks = new ArrayList<>();
        switch (step.stage()) {
            case WEIGHTS, IMAGE, RESIDUAL -> {
                for (String g : s.joinedGroups) {
                    Map<String, String> inputs = step.stage() == Stage.RESIDUAL
                            ? Map.of("model", Keys.model(g, step.cycle())) : Map.of();
                    for (int p = 0; p < s.parts; p++) {
                        tasks.add(task(g, step.stage(), step.cycle(), p, inputs));
                    }
                }
            }
            case CLEAN, RESTORE -> {
                Map<String, String> inputs = new java.util.HashMap<>(Map.of(CleanTask.JOINED_GROUPS,
                        String.join(",", s.joinedGroups), CleanTask.MAJOR_CYCLES, String.valueOf(k),
                        "iteration", Keys.iteration(job, k)));
                if (step.stage() == Stage.RESTORE) {
                    inputs.put(TaskFacts.MAX_BASELINE, String.valueOf(maxBaseline(job)));
                    inputs.put(RestoreTask.GROUP_MAX_BASELINES, String.join(",", s.joinedGroups.stream()
                            .map(g -> String.valueOf(maxBaseline(g))).toList()));
                } else {
                    double cell = JobContext.parse(s.parameters, threads).imaging().cellRad();
                    inputs.put(CleanTask.THEORETIC_BEAM_PIXELS, String.valueOf(1 / maxBaseline(job) / cell));
                }
                tasks.add(task(job, step.stage(), step.cycle(), 0, inputs));
            }
            default -> throw new IllegalStateException("no tasks for " + step.stage());
        }
        return tasks;
    }

    /** The longest baseline over all partitions (each IMAGE task measured its own), and a joined job's groups. */
    private double maxBaseline(String job) {
        JobState state = load(job);
        if (state != null && !state.joinedGroups.isEmpty()) {
            double max = 0;
            for (String g : state.joinedGroups) {
                max = Math.max(max, maxBaseline(g));
            }
            return max;
        }
        double max = 0;
        for (String key : store.list(ObjectStore.WORK, Keys.markers(job, Stage.IMAGE, 0))) {
            Object v = store.getJson(ObjectStore.WORK, key, TaskRecord.class).facts().get(TaskFacts.MAX_BASELINE);
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
        end(s);
        endGroups(s, Stage.CANCELLED, null);
    }

    /**
     * The summary first (a client that sees the end finds it in results/), then the final state beside
     * it, then the announcement, and last the work objects and the uploaded tarball go (unless kept):
     * once they are gone the controller is done with the job.
     */
    private void end(JobState s) {
        Summary.write(store, s);
        s.updatedMillis = System.currentTimeMillis();
        s.workKept = keepWork;
        store.put(ObjectStore.RESULTS, Keys.finalState(s.jobId), Json.bytes(s));
        dispatcher.send(Queues.ENDED, Json.write(new JobEnded(s.jobId, s.stage.name())));
        if (s.parent != null && s.stage == Stage.DONE) {
            markGroupDone(s);
        }
        if (keepWork) {
            save(s);
        } else {
            store.deletePrefix(ObjectStore.WORK, Keys.uploads(s.jobId));
            for (String g : s.joinedGroups) {
                store.deletePrefix(ObjectStore.WORK, Keys.work(g));
            }
            store.deletePrefix(ObjectStore.WORK, Keys.work(s.jobId));
        }
        if (s.parent != null) {
            groupEnded(s);
        }
    }

    private void save(JobState s) {
        s.updatedMillis = System.currentTimeMillis();
        store.put(ObjectStore.WORK, Keys.state(s.jobId), Json.bytes(s));
    }
}
