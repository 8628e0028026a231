package org.tessera.clean;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.apache.camel.builder.RouteBuilder;
import org.tessera.pipeline.CleanTask;
import org.tessera.pipeline.Endpoints;
import org.tessera.pipeline.PipelineConfig;
import org.tessera.pipeline.Queues;
import org.tessera.pipeline.TaskRunner;

/** clean-service: the minor cycle on the gathered residual, one job's cycle at a time per consumer. */
@Singleton
public final class CleanRoutes extends RouteBuilder {
    private final PipelineConfig config;

    @Inject
    public CleanRoutes(PipelineConfig config) {
        this.config = config;
    }

    @Override
    public void configure() {
        var store = config.objectStore();
        TaskRunner runner = new TaskRunner(store, config.withTimeout(new CleanTask(store)));
        from(Endpoints.consume(Queues.CLEAN, 2)).routeId("clean")
                .bean(runner, "run")
                .to(Endpoints.send(Queues.EVENTS));
    }
}
