package org.tessera.partitioner;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.apache.camel.builder.RouteBuilder;
import org.tessera.pipeline.Endpoints;
import org.tessera.pipeline.JobContext;
import org.tessera.pipeline.JobRelease;
import org.tessera.pipeline.PartitionTask;
import org.tessera.pipeline.PipelineConfig;
import org.tessera.pipeline.Queues;
import org.tessera.pipeline.TaskRunner;

/** partitioner: one partition task at a time per replica (it is I/O bound and needs scratch disk). */
@Singleton
public final class PartitionerRoutes extends RouteBuilder {
    private final PipelineConfig config;

    @Inject
    public PartitionerRoutes(PipelineConfig config) {
        this.config = config;
    }

    @Override
    public void configure() {
        var store = config.objectStore();
        var jobs = new JobContext(store, config.threads());
        TaskRunner runner = new TaskRunner(store,
                config.withTimeout(new PartitionTask(jobs, config.workDir().resolve("partitioner"))));
        from(Endpoints.consume(Queues.PARTITION, 1)).routeId("partitioner")
                .bean(runner, "run")
                .to(Endpoints.send(Queues.EVENTS));
        from(Endpoints.subscribe(Queues.ENDED)).routeId("partitioner-release")
                .bean(JobRelease.of(jobs), "onEnded");
    }
}
