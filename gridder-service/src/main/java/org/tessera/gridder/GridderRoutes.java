package org.tessera.gridder;

import io.micrometer.core.instrument.Metrics;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.apache.camel.builder.RouteBuilder;
import org.tessera.gpu.DeviceGridderFactory;
import org.tessera.pipeline.Endpoints;
import org.tessera.pipeline.GpuMetrics;
import org.tessera.pipeline.GridTask;
import org.tessera.pipeline.JobContext;
import org.tessera.pipeline.JobRelease;
import org.tessera.pipeline.PipelineConfig;
import org.tessera.pipeline.Queues;
import org.tessera.pipeline.SubMsCache;
import org.tessera.pipeline.TaskRunner;

/**
 * gridder-service: competing consumers on the grid queue (replicas scale on its depth); the
 * fetched sub-MSs stay in the replica's cache for the next major cycle. Gridding runs where the
 * job's {@code device}, else {@code TESSERA_DEVICE}, says (auto: a usable CUDA device, else the CPU).
 */
@Singleton
public final class GridderRoutes extends RouteBuilder {
    private final PipelineConfig config;

    @Inject
    public GridderRoutes(PipelineConfig config) {
        this.config = config;
    }

    @Override
    public void configure() {
        var store = config.objectStore();
        var cache = new SubMsCache(config.workDir().resolve("gridder-cache"), config.maxCachedJobs());
        var jobs = new JobContext(store, config.threads());
        GridTask grid = new GridTask(jobs, cache, config.device(), mode -> DeviceGridderFactory.forMode(mode.text()));
        TaskRunner runner = new TaskRunner(store, config.withTimeout(grid));
        GpuMetrics.bind(Metrics.globalRegistry);
        from(Endpoints.consume(Queues.GRID, config.gridConsumers())).routeId("gridder")
                .bean(runner, "run")
                .to(Endpoints.send(Queues.EVENTS));
        from(Endpoints.subscribe(Queues.ENDED)).routeId("gridder-release")
                .bean(JobRelease.of(jobs, cache), "onEnded");
    }
}
