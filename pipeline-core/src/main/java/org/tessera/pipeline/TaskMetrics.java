package org.tessera.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import org.tessera.imaging.sequence.Stage;

import java.time.Duration;

/**
 * The tasks' Prometheus metrics, in Micrometer's global registry (Quarkus uses that one as its registry; the
 * local stack adds a Prometheus one): {@code tessera_tasks_completed_total{stage,result}},
 * {@code tessera_task_seconds{stage}} (a histogram) and {@code tessera_task_bytes_total{direction}}.
 */
public final class TaskMetrics {
    public static final String DONE = "done";
    /** The task failed for good (a {@link JobFailure}). */
    public static final String FAILED = "failed";
    /** The task threw; the broker redelivers it. */
    public static final String ERROR = "error";

    private TaskMetrics() {
    }

    static void completed(Stage stage, String result, double seconds, Transfers transfers) {
        MeterRegistry registry = Metrics.globalRegistry;
        Counter.builder("tessera.tasks.completed").description("Tasks finished, by stage and result")
                .tag("stage", stage.key()).tag("result", result).register(registry).increment();
        Timer.builder("tessera.task").description("Task wall time including transfers").tag("stage", stage.key())
                .publishPercentileHistogram().register(registry)
                .record(Duration.ofNanos((long) (seconds * 1e9)));
        bytes(registry, "download", transfers.bytesIn());
        bytes(registry, "upload", transfers.bytesOut());
    }

    private static void bytes(MeterRegistry registry, String direction, long bytes) {
        Counter.builder("tessera.task.bytes").description("Bytes tasks moved to and from the object store")
                .baseUnit("bytes").tag("direction", direction).register(registry).increment(bytes);
    }
}
