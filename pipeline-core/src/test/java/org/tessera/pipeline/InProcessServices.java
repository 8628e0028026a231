package org.tessera.pipeline;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.tessera.imaging.gridding.CpuGridderFactory;
import org.tessera.imaging.gridding.DeviceMode;

/**
 * The five services' task code on an in-memory store, with the broker replaced by a list of sent
 * messages that a test delivers when and as often as it likes: lost, duplicated or out of order.
 */
final class InProcessServices implements Controller.Dispatcher {
    /** A message as the controller sent it. */
    record Message(String queue, String json) {
    }

    final InMemoryObjectStore store = new InMemoryObjectStore();
    final Deque<Message> sent = new ArrayDeque<>();
    final List<Message> ended = new ArrayList<>();
    final JobContext gridderJobs;
    final SubMsCache gridderCache;
    private final TaskRunner partitioner;
    private final TaskRunner gridder;
    private final TaskRunner cleaner;
    private final TaskRunner restorer;
    private final JobRelease gridderRelease;
    private final boolean keepWork;
    Controller controller;

    InProcessServices(Path scratch) {
        this(scratch, false);
    }

    /** @param keepWork whether the controller keeps ended jobs' work objects */
    InProcessServices(Path scratch, boolean keepWork) {
        this.keepWork = keepWork;
        gridderJobs = new JobContext(store, 2);
        gridderCache = new SubMsCache(scratch.resolve("gridder-cache"), 4);
        partitioner = new TaskRunner(store, new PartitionTask(new JobContext(store, 2), scratch.resolve("partitioner")));
        gridder = new TaskRunner(store, new GridTask(gridderJobs, gridderCache, DeviceMode.CPU,
                mode -> CpuGridderFactory.DEFAULT));
        cleaner = new TaskRunner(store, new CleanTask(store));
        restorer = new TaskRunner(store, new RestoreTask(new JobContext(store, 2), scratch.resolve("restore")));
        gridderRelease = JobRelease.of(gridderJobs, gridderCache);
        controller = new Controller(store, this, 2, keepWork);
    }

    /** A controller started afresh on the same store (the old one crashed). */
    void restartController() {
        controller = new Controller(store, this, 2, keepWork);
    }

    @Override
    public void send(String queue, String json) {
        if (queue.equals(Queues.ENDED)) {
            ended.add(new Message(queue, json));
            gridderRelease.onEnded(json);
        } else {
            sent.add(new Message(queue, json));
        }
    }

    /** Runs a task message in its service and returns the event it answers with. */
    String execute(Message m) throws Exception {
        TaskRunner runner = switch (m.queue()) {
            case Queues.PARTITION -> partitioner;
            case Queues.GRID -> gridder;
            case Queues.CLEAN -> cleaner;
            case Queues.RESTORE -> restorer;
            default -> throw new IllegalArgumentException("no service consumes " + m.queue());
        };
        return runner.run(m.json());
    }

    /** Delivers the oldest message: runs its task and hands the event to the controller. */
    void deliverNext() throws Exception {
        controller.onEvent(execute(sent.poll()));
    }

    /** Delivers every message, including those the deliveries send, until none is left. */
    void drain() throws Exception {
        while (!sent.isEmpty()) {
            deliverNext();
        }
    }

    /** Puts an MS tarball in the ingest bucket and submits a job for it. */
    String submit(String job, Path ms, java.util.Map<String, Object> parameters) throws Exception {
        java.io.ByteArrayOutputStream tar = new java.io.ByteArrayOutputStream();
        SafeTar.create(ms, tar);
        store.put(ObjectStore.INGEST, job + ".ms.tar", tar.toByteArray());
        return controller.submit(Json.write(new JobRequest(job, ObjectStore.INGEST + "/" + job + ".ms.tar", parameters)));
    }

    JobState state(String job) {
        return controller.load(job);
    }
}
