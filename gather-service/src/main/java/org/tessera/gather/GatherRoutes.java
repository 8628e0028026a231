package org.tessera.gather;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.tessera.pipeline.Controller;
import org.tessera.pipeline.Endpoints;
import org.tessera.pipeline.PipelineConfig;
import org.tessera.pipeline.Queues;

/**
 * gather-service: the controller. Job messages, task events and dead letters go to the job
 * state machine one at a time (a single consumer each, the controller is a singleton); a timer
 * watches the ingest bucket, and another resumes unfinished jobs once at start.
 */
@Singleton
public final class GatherRoutes extends RouteBuilder {
    private final PipelineConfig config;

    @Inject
    public GatherRoutes(PipelineConfig config) {
        this.config = config;
    }

    @Override
    public void configure() {
        var store = config.objectStore();
        store.ensureBuckets();
        ProducerTemplate producer = getContext().createProducerTemplate();
        Controller controller = new Controller(store, (queue, json) -> producer.sendBody(Endpoints.send(queue), json),
                config.threads(), config.keepWork());
        from(Endpoints.consume(Queues.JOBS, 1)).routeId("jobs")
                .bean(controller, "submit");
        from(Endpoints.consume(Queues.EVENTS, 1)).routeId("controller")
                .bean(controller, "onEvent");
        from(Endpoints.consume(Queues.CANCEL, 1)).routeId("cancel")
                .bean(controller, "cancel");
        from(Endpoints.consume(Queues.DEAD_LETTERS, 1)).routeId("dead-letters")
                .bean(controller, "onDeadLetter");
        from("timer:resume?repeatCount=1&delay=200").routeId("resume")
                .bean(controller, "resumeAll");
        from("timer:ingest?delay=500&period=" + config.ingestPollMillis()).routeId("ingest")
                .bean(controller, "scanIngest");
    }
}
