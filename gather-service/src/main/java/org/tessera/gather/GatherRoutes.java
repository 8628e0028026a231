package org.tessera.gather;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.service.ServiceSupport;
import org.tessera.pipeline.Controller;
import org.tessera.pipeline.ControllerLease;
import org.tessera.pipeline.Endpoints;
import org.tessera.pipeline.PipelineConfig;
import org.tessera.pipeline.Queues;

import java.util.List;

/**
 * gather-service: the controller. Job messages, task events, cancels and dead letters go to the job
 * state machine one at a time (a single consumer each, the controller is a singleton); a timer
 * watches the ingest bucket. With several replicas only the holder of the {@link ControllerLease}
 * consumes and scans: the others wait, and the first to take over an expired lease resumes the jobs.
 */
@Singleton
public final class GatherRoutes extends RouteBuilder {
    private static final List<String> INPUTS = List.of("jobs", "controller", "cancel", "dead-letters");

    private final PipelineConfig config;
    private boolean leading;

    @Inject
    public GatherRoutes(PipelineConfig config) {
        this.config = config;
    }

    @Override
    public void configure() throws Exception {
        var store = config.objectStore();
        store.ensureBuckets();
        ProducerTemplate producer = getContext().createProducerTemplate();
        Controller controller = new Controller(store, (queue, json) -> producer.sendBody(Endpoints.send(queue), json),
                config.threads(), config.keepWork());
        ControllerLease lease = new ControllerLease(store, ControllerLease.DEFAULT_TTL);
        from(Endpoints.consume(Queues.JOBS, 1)).routeId("jobs").autoStartup(false)
                .bean(controller, "submit");
        from(Endpoints.consume(Queues.EVENTS, 1)).routeId("controller").autoStartup(false)
                .bean(controller, "onEvent");
        from(Endpoints.consume(Queues.CANCEL, 1)).routeId("cancel").autoStartup(false)
                .bean(controller, "cancel");
        from(Endpoints.consume(Queues.DEAD_LETTERS, 1)).routeId("dead-letters").autoStartup(false)
                .bean(controller, "onDeadLetter");
        from("timer:lease?delay=0&period=" + lease.renewEvery().toMillis()).routeId("lease")
                .process(e -> renew(lease, controller));
        from("timer:ingest?delay=500&period=" + config.ingestPollMillis()).routeId("ingest")
                .filter(e -> lease.held())
                .bean(controller, "scanIngest");
        getContext().addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                try {
                    lease.release();
                } catch (RuntimeException e) {
                    // S3 unreachable: the lease expires by itself
                }
            }
        });
    }

    /** Takes or renews the lease: gained, unfinished jobs resume and the inputs start; lost, they stop. */
    private void renew(ControllerLease lease, Controller controller) throws Exception {
        boolean held = lease.renew();
        if (held && !leading) {
            // the jobs as the last holder left them first, then what came since
            controller.resumeAll();
            for (String route : INPUTS) {
                getContext().getRouteController().startRoute(route);
            }
        } else if (!held && leading) {
            for (String route : INPUTS) {
                getContext().getRouteController().stopRoute(route);
            }
        }
        leading = held;
    }
}
