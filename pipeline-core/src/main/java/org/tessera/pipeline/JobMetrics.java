package org.tessera.pipeline;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.tessera.imaging.sequence.Stage;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The controller's gauges: {@code tessera_jobs{state}} (jobs per stage, from the states in the work
 * bucket, recounted at most once a second) and {@code tessera_queue_depth{queue}} from whatever
 * can count a queue's messages (the embedded broker, or a JMS browser).
 */
public final class JobMetrics {
    private static final long RECOUNT_MS = 1000;

    private final ObjectStore store;
    private Map<Stage, Long> counts = new EnumMap<>(Stage.class);
    private long counted;

    private JobMetrics(ObjectStore store) {
        this.store = store;
    }

    public static void bind(MeterRegistry registry, ObjectStore store, ToLongFunction<String> queueDepth) {
        JobMetrics jobs = new JobMetrics(store);
        for (Stage stage : Stage.values()) {
            Gauge.builder("tessera.jobs", () -> jobs.count(stage)).description("Jobs by state (stage, done or failed)")
                    .tag("state", stage.key()).strongReference(true).register(registry);
        }
        for (String queue : Queues.QUEUES) {
            Gauge.builder("tessera.queue.depth", () -> queueDepth.applyAsLong(queue))
                    .description("Messages waiting in a queue").tag("queue", queue).strongReference(true)
                    .register(registry);
        }
    }

    private synchronized long count(Stage stage) {
        if (System.currentTimeMillis() - counted > RECOUNT_MS) {
            Map<Stage, Long> fresh = new EnumMap<>(Stage.class);
            for (JobState s : JobState.all(store)) {
                fresh.merge(s.stage, 1L, Long::sum);
            }
            counts = fresh;
            counted = System.currentTimeMillis();
        }
        return counts.getOrDefault(stage, 0L);
    }
}
