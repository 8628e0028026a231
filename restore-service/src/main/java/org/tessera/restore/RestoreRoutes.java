package org.tessera.restore;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.apache.camel.builder.RouteBuilder;
import org.tessera.pipeline.Endpoints;
import org.tessera.pipeline.JobContext;
import org.tessera.pipeline.JobRelease;
import org.tessera.pipeline.PipelineConfig;
import org.tessera.pipeline.Queues;
import org.tessera.pipeline.RestoreTask;
import org.tessera.pipeline.TaskRunner;

/** restore-service: beam fit, restored image, FITS and PNG into the results bucket. */
@Singleton
public final class RestoreRoutes extends RouteBuilder {
    private final PipelineConfig config;

    @Inject
    public RestoreRoutes(PipelineConfig config) {
        this.config = config;
    }

    @Override
    public void configure() {
        var store = config.objectStore();
        var jobs = new JobContext(store, config.threads());
        TaskRunner runner = new TaskRunner(store,
                config.withTimeout(new RestoreTask(jobs, config.workDir().resolve("restore"))));
        from(Endpoints.consume(Queues.RESTORE, 1)).routeId("restore")
                .bean(runner, "run")
                .to(Endpoints.send(Queues.EVENTS));
        from(Endpoints.subscribe(Queues.ENDED)).routeId("restore-release")
                .bean(JobRelease.of(jobs), "onEnded");
    }
}
