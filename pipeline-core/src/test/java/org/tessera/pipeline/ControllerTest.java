package org.tessera.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.imaging.ImageGeometry;
import org.tessera.imaging.sequence.RunSummary;
import org.tessera.imaging.sequence.Stage;
import org.tessera.imaging.simulation.ArrayLayout;
import org.tessera.imaging.simulation.Observation;
import org.tessera.imaging.simulation.PointSource;
import org.tessera.imaging.simulation.SimulatedMeasurementSet;

/**
 * The controller alone, without a broker or an S3 server: every transition, resume after a
 * restart, duplicate and out-of-order events, failures and dead letters, on the services' real
 * task code over an in-memory store and a small simulated MS.
 */
class ControllerTest {
    private static final int SIZE = 64;
    private static final double CELL = Math.toRadians(20.0 / 3600);

    @TempDir
    static Path shared;
    static Path ms;

    @TempDir
    Path scratch;
    InProcessServices services;

    @BeforeAll
    static void simulate() {
        ImageGeometry g = new ImageGeometry(SIZE, SIZE, CELL, Math.toRadians(150), Math.toRadians(-40));
        Observation obs = new Observation(ArrayLayout.spiral(10, 30, 800, Math.toRadians(-30), 12),
                Math.toRadians(150), Math.toRadians(-40), 4.9e9, 12, 300, Math.toRadians(-30), 1.4e9, 1e6, 2,
                List.of(new PointSource(2.0, g.l(32), g.m(32)), new PointSource(0.7, g.l(20), g.m(41))), 0.01, 3);
        ms = shared.resolve("sim.ms");
        SimulatedMeasurementSet.write(ms, obs);
    }

    @BeforeEach
    void start() {
        services = new InProcessServices(scratch);
    }

    private static Map<String, Object> parameters(String weight, int niter, int partitions) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("size", List.of(SIZE, SIZE));
        p.put("scale", "20asec");
        p.put("weight", weight);
        p.put("niter", niter);
        p.put("mgain", 0.8);
        p.put("partitions", partitions);
        return p;
    }

    /** The stages of a job's timeline, "stage:cycle". */
    private List<String> timeline(String job) {
        List<String> out = new ArrayList<>();
        for (JobState.StageTimes t : services.state(job).timeline) {
            out.add(t.stage.key() + ":" + t.cycle);
        }
        return out;
    }

    @Test
    void naturalWeightsGoFromPartitionStraightToImageAndRestore() throws Exception {
        String job = services.submit("natural", ms, parameters("natural", 0, 2));
        assertEquals(Stage.PARTITION, services.state(job).stage);
        assertEquals(Queues.PARTITION, services.sent.peek().queue());
        services.drain();
        JobState s = services.state(job);
        assertEquals(Stage.DONE, s.stage, s.failure);
        assertEquals(List.of("partition:0", "image:0", "restore:0"), timeline(job));
        assertEquals(2, s.parts);
    }

    @Test
    void uniformWeightsGatherADensityFirst() throws Exception {
        String job = services.submit("uniform", ms, parameters("uniform", 0, 2));
        services.deliverNext();
        JobState s = services.state(job);
        assertEquals(Stage.WEIGHTS, s.stage);
        assertEquals(2, s.tasksTotal);
        assertEquals(2, services.sent.size(), "one weights task per partition");
        services.drain();
        assertEquals(List.of("partition:0", "weights:0", "image:0", "restore:0"), timeline(job));
    }

    @Test
    void cleaningRunsMinorAndMajorCyclesUntilAStopCode() throws Exception {
        String job = services.submit("clean", ms, parameters("briggs 0", 200, 2));
        services.drain();
        JobState s = services.state(job);
        assertEquals(Stage.DONE, s.stage, s.failure);
        List<String> stages = timeline(job);
        assertEquals(List.of("partition:0", "weights:0", "image:0", "clean:0", "residual:0", "clean:1"),
                stages.subList(0, 6));
        assertEquals("restore:0", stages.get(stages.size() - 1));
        RunSummary summary = RunSummary.read(services.store.get(ObjectStore.RESULTS, job + "/summary.json"));
        assertEquals(s.majorCyclesDone, summary.majorCyclesDone);
        assertEquals(summary.majorCyclesDone, summary.cycles.size());
        assertTrue(summary.iterationsDone > 0 && summary.iterationsDone <= 200, "iterations " + summary.iterationsDone);
        assertNotNull(summary.beam);
        assertEquals(2, summary.stages.get(1).tasks.size(), "weights: one task per partition");
        assertTrue(summary.visibilitiesUsed > 0);
        for (String f : List.of("-psf.fits", "-dirty.fits", "-model.fits", "-residual.fits", "-image.fits", "-image.png")) {
            assertTrue(services.store.exists(ObjectStore.RESULTS, job + "/wsclean" + f), f);
        }
    }

    @Test
    void aRestartedControllerResendsTheTasksWhoseMessagesWereLost() throws Exception {
        String job = services.submit("resume", ms, parameters("natural", 100, 3));
        services.deliverNext();
        assertEquals(Stage.IMAGE, services.state(job).stage);
        services.deliverNext();
        // the controller dies: the two image messages still queued are lost with the broker's state
        services.sent.clear();
        services.restartController();
        assertEquals(List.of(job), services.controller.resumeAll());
        assertEquals(2, services.sent.size(), "only the tasks without a marker are sent again");
        services.drain();
        assertEquals(Stage.DONE, services.state(job).stage);
    }

    @Test
    void aResumeOfAFinishedBarrierAdvancesWithoutResending() throws Exception {
        String job = services.submit("barrier", ms, parameters("natural", 0, 2));
        services.deliverNext();
        // both image tasks ran but their events were lost (the controller was down)
        services.execute(services.sent.poll());
        services.execute(services.sent.poll());
        services.restartController();
        services.controller.resumeAll();
        assertEquals(Stage.RESTORE, services.state(job).stage);
        assertEquals(1, services.sent.size());
        services.drain();
        assertEquals(Stage.DONE, services.state(job).stage);
    }

    @Test
    void aDuplicateEventCountsOnce() throws Exception {
        String job = services.submit("duplicate", ms, parameters("natural", 0, 2));
        services.deliverNext();
        InProcessServices.Message first = services.sent.poll();
        String event = services.execute(first);
        services.controller.onEvent(event);
        services.controller.onEvent(event);
        JobState s = services.state(job);
        assertEquals(Stage.IMAGE, s.stage);
        assertEquals(1, s.tasksDone);
        assertEquals(1, services.sent.size(), "nothing new dispatched");
        // the same task delivered twice by the broker writes its marker twice: still one
        services.controller.onEvent(services.execute(first));
        assertEquals(1, services.state(job).tasksDone);
        services.drain();
        assertEquals(Stage.DONE, services.state(job).stage);
    }

    @Test
    void anEventOfAnEarlierStageChangesNothing() throws Exception {
        String job = services.submit("late", ms, parameters("natural", 100, 1));
        services.deliverNext();
        InProcessServices.Message image = services.sent.peek();
        String imageEvent = services.execute(image);
        services.drain();
        JobState done = services.state(job);
        assertEquals(Stage.DONE, done.stage);
        // a late duplicate of the image event after the job ended
        services.controller.onEvent(imageEvent);
        assertEquals(done.updatedMillis, services.state(job).updatedMillis);
        assertTrue(services.sent.isEmpty());
    }

    @Test
    void anEventOfAnEarlierStageDuringCleaningIsIgnored() throws Exception {
        String job = services.submit("reorder", ms, parameters("natural", 500, 1));
        services.deliverNext();
        String imageEvent = services.execute(services.sent.peek());
        services.deliverNext();
        JobState clean = services.state(job);
        assertEquals(Stage.CLEAN, clean.stage);
        services.controller.onEvent(imageEvent);
        JobState after = services.state(job);
        assertEquals(Stage.CLEAN, after.stage);
        assertEquals(clean.tasksTotal, after.tasksTotal);
        assertEquals(1, services.sent.size(), "the one clean task, not sent again");
    }

    @Test
    void aFailedTaskFailsTheJobWithItsReason() throws Exception {
        services.store.put(ObjectStore.INGEST, "junk.ms.tar", "not a tarball".getBytes());
        String job = services.controller.submit(Json.write(new JobRequest("junk", "ingest/junk.ms.tar",
                parameters("natural", 0, 1))));
        services.drain();
        JobState s = services.state(job);
        assertEquals(Stage.FAILED, s.stage);
        assertEquals("partition task 0: the tarball holds no MeasurementSet (no table.dat)", s.failure);
        RunSummary summary = RunSummary.read(services.store.get(ObjectStore.RESULTS, job + "/summary.json"));
        assertEquals("FAILED", summary.status);
        assertEquals(s.failure, summary.failure);
    }

    @Test
    void badParametersAndAMissingTarballFailAtSubmit() throws Exception {
        Map<String, Object> bad = parameters("natural", 0, 1);
        bad.put("niter", -5);
        String job = services.submit("bad", ms, bad);
        assertEquals(Stage.FAILED, services.state(job).stage);
        assertTrue(services.state(job).failure.contains("niter"), services.state(job).failure);
        String missing = services.controller.submit(Json.write(new JobRequest("missing", "ingest/none.ms.tar",
                parameters("natural", 0, 1))));
        assertEquals("no MS tarball at 'ingest/none.ms.tar' (expected bucket/key)", services.state(missing).failure);
        assertTrue(services.sent.isEmpty(), "no task for a failed job");
        assertEquals(2, services.ended.size(), "both endings announced");
    }

    @Test
    void aMessageThatIsNoJobRequestBecomesAFailedJobWithTheReason() throws Exception {
        String garbled = services.controller.submit("{\"jobId\": \"x\", \"parameters\": [1, 2]");
        JobState s = services.state(garbled);
        assertEquals(Stage.FAILED, s.stage);
        assertTrue(s.failure.startsWith("the job message is not a JSON job request: "), s.failure);
        assertFalse(s.failure.contains("Exception"), s.failure);
        String badId = services.controller.submit(Json.write(new JobRequest("../etc", "ingest/a.ms.tar",
                parameters("natural", 0, 1))));
        assertEquals("job id must be 1-64 letters, digits, '-' or '_', got '../etc'", services.state(badId).failure);
        assertTrue(services.store.exists(ObjectStore.RESULTS, badId + "/summary.json"));
        assertTrue(services.sent.isEmpty());
    }

    @Test
    void aResubmittedJobIdIsTheSameJob() throws Exception {
        String job = services.submit("twice", ms, parameters("natural", 0, 1));
        assertEquals(job, services.submit("twice", ms, parameters("natural", 0, 1)));
        assertEquals(1, services.sent.size());
    }

    @Test
    void aDeadLetteredTaskFailsTheJobNamingTheLastError() throws Exception {
        String job = services.submit("dead", ms, parameters("natural", 0, 2));
        services.deliverNext();
        InProcessServices.Message task = services.sent.poll();
        TaskMessage m = Json.read(task.json(), TaskMessage.class);
        services.store.put(ObjectStore.WORK, Keys.error(job, m.stage(), m.cycle(), m.part()),
                "host/1: Java heap space\n\njava.lang.OutOfMemoryError: Java heap space\n\tat ...".getBytes());
        services.controller.onDeadLetter(task.json());
        JobState s = services.state(job);
        assertEquals(Stage.FAILED, s.stage);
        assertEquals("image task " + m.part() + " (cycle 0) was given up after repeated delivery failures; last error: "
                + "host/1: Java heap space", s.failure);
    }

    @Test
    void aDeadLetteredEventIsHandledAsAnEventAndStaleTasksFailNothing() throws Exception {
        String job = services.submit("dlq-kinds", ms, parameters("natural", 0, 2));
        services.deliverNext();
        InProcessServices.Message first = services.sent.poll();
        String event = services.execute(first);
        // the event reached the DLQ (the controller failed on it repeatedly): it still counts, it fails nothing
        services.controller.onDeadLetter(event);
        JobState s = services.state(job);
        assertEquals(Stage.IMAGE, s.stage, s.failure);
        assertEquals(1, s.tasksDone);
        // a duplicate of the task that succeeded, given up on by the broker: stale
        services.controller.onDeadLetter(first.json());
        assertEquals(Stage.IMAGE, services.state(job).stage);
        // a dead partition task: its step is past
        services.controller.onDeadLetter(Json.write(new TaskMessage(job, Stage.PARTITION, 0, 0, Map.of())));
        assertEquals(Stage.IMAGE, services.state(job).stage);
        services.drain();
        assertEquals(Stage.DONE, services.state(job).stage);
    }

    @Test
    void deadLettersOfEndedJobsAndOtherMessagesChangeNothing() throws Exception {
        String job = services.submit("stale", ms, parameters("natural", 0, 1));
        services.deliverNext();
        String imageTask = services.sent.peek().json();
        services.drain();
        long updated = services.state(job).updatedMillis;
        services.controller.onDeadLetter(imageTask);
        services.controller.onDeadLetter("{\"not\": \"a task\"}");
        assertEquals(Stage.DONE, services.state(job).stage);
        assertEquals(updated, services.state(job).updatedMillis);
    }

    @Test
    void anEndedJobLeavesOnlyItsResultsAndItsIngestObject() throws Exception {
        String job = services.submit("reclaim", ms, parameters("uniform", 100, 2));
        services.deliverNext();
        services.deliverNext();
        services.deliverNext();
        assertEquals(Stage.IMAGE, services.state(job).stage);
        assertTrue(services.store.list(ObjectStore.WORK, Keys.partials(job, Stage.WEIGHTS, 0)).isEmpty(),
                "the weights' partials go once they are gathered and the next step is saved");
        services.drain();
        assertEquals(List.of(), services.store.list(ObjectStore.WORK, job + "/"));
        assertTrue(services.store.exists(ObjectStore.INGEST, job + ".ms.tar"), "the user's object stays");
        assertEquals(Stage.DONE, services.state(job).stage, "status still answers, from results/");
        assertTrue(services.store.exists(ObjectStore.RESULTS, job + "/wsclean-image.fits"));
        assertEquals(job, services.submit(job, ms, parameters("uniform", 100, 2)), "an ended id is not reused");
        assertTrue(services.sent.isEmpty());
    }

    @Test
    void keptWorkStaysForDebugging() throws Exception {
        InProcessServices keeping = new InProcessServices(scratch.resolve("keep"), true);
        String job = keeping.submit("keep", ms, parameters("natural", 0, 1));
        keeping.drain();
        assertEquals(Stage.DONE, keeping.state(job).stage);
        assertTrue(keeping.store.exists(ObjectStore.WORK, Keys.state(job)));
        assertTrue(keeping.store.exists(ObjectStore.WORK, Keys.gathered(job, "psf")));
    }

    @Test
    void aCancelledJobDropsItsQueuedAndRunningTasksAndLeavesNoWork() throws Exception {
        String job = services.submit("cancel", ms, parameters("natural", 100, 3));
        services.deliverNext();
        InProcessServices.Message running = services.sent.poll();
        services.controller.cancel(Json.write(new JobCancel(job)));
        JobState s = services.state(job);
        assertEquals(Stage.CANCELLED, s.stage);
        assertEquals("cancel: cancelled, 3 partitions", job + ": " + s.progress());
        assertEquals(new JobEnded(job, "CANCELLED"), Json.read(services.ended.get(0).json(), JobEnded.class));
        // the task that was running when the job was cancelled, and the two still queued
        assertEquals(TaskRunner.DROPPED, Json.read(services.execute(running), TaskEvent.class).failure());
        services.drain();
        assertEquals(List.of(), services.store.list(ObjectStore.WORK, job + "/"), "no orphan objects");
        assertEquals(Stage.CANCELLED, services.state(job).stage);
        assertEquals("CANCELLED", RunSummary.read(services.store.get(ObjectStore.RESULTS, job + "/summary.json")).status);
        services.controller.cancel(Json.write(new JobCancel(job)));
        assertEquals(1, services.ended.size(), "a second cancel changes nothing");
    }

    @Test
    void theGridderReleasesAJobsStateWhenItEnds() throws Exception {
        String job = services.submit("release", ms, parameters("natural", 0, 1));
        services.deliverNext();
        services.deliverNext();
        assertTrue(services.gridderJobs.holds(job), "kept between the job's stages");
        assertTrue(java.nio.file.Files.isDirectory(scratch.resolve("gridder-cache").resolve(job)));
        services.drain();
        assertEquals(1, services.ended.size());
        assertEquals(new JobEnded(job, "DONE"), Json.read(services.ended.get(0).json(), JobEnded.class));
        assertFalse(services.gridderJobs.holds(job));
        assertFalse(java.nio.file.Files.exists(scratch.resolve("gridder-cache").resolve(job)));
    }

    @Test
    void aReDropWithNewContentStartsANewJobAndLongNamesGetValidIds() throws Exception {
        java.io.ByteArrayOutputStream tar = new java.io.ByteArrayOutputStream();
        SafeTar.create(ms, tar);
        String longName = "a-very-long-observation-name-from-a-pipeline-that-names-things-fully.2024-01-01";
        services.store.put(ObjectStore.INGEST, longName + ".ms.json", Json.bytes(parameters("natural", 0, 1)));
        services.store.put(ObjectStore.INGEST, longName + ".ms.tar", tar.toByteArray());
        List<String> first = services.controller.scanIngest();
        assertEquals(1, first.size());
        assertTrue(first.get(0).matches("[A-Za-z0-9_-]{1,64}"), first.get(0));
        services.drain();
        assertEquals(Stage.DONE, services.state(first.get(0)).stage, services.state(first.get(0)).failure);
        assertTrue(services.controller.scanIngest().isEmpty(), "the same object again: no new job");
        byte[] changed = tar.toByteArray().clone();
        changed[changed.length - 1] ^= 1;
        services.store.put(ObjectStore.INGEST, longName + ".ms.tar", changed);
        List<String> second = services.controller.scanIngest();
        assertEquals(1, second.size(), "new content under the same name is a new job");
        assertFalse(second.get(0).equals(first.get(0)));
    }

    @Test
    void anIngestDropStartsOneJobWithItsParameters() throws Exception {
        java.io.ByteArrayOutputStream tar = new java.io.ByteArrayOutputStream();
        SafeTar.create(ms, tar);
        services.store.put(ObjectStore.INGEST, "drop.ms.json", Json.bytes(parameters("natural", 0, 1)));
        services.store.put(ObjectStore.INGEST, "drop.ms.tar", tar.toByteArray());
        List<String> started = services.controller.scanIngest();
        assertEquals(1, started.size());
        assertTrue(started.get(0).startsWith("drop-"), started.get(0));
        assertTrue(services.controller.scanIngest().isEmpty(), "claimed once");
        services.drain();
        JobState s = services.state(started.get(0));
        assertEquals(Stage.DONE, s.stage, s.failure);
        assertEquals(List.of(SIZE, SIZE), s.parameters.get("size"));
    }
}
