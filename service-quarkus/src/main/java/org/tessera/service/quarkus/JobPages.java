package org.tessera.service.quarkus;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.jms.ConnectionFactory;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tessera.pipeline.JobMetrics;
import org.tessera.pipeline.ObjectStore;
import org.tessera.pipeline.PipelineConfig;
import org.tessera.pipeline.web.WebApp;
import org.tessera.pipeline.web.WebResponse;

/**
 * The job pages, {@code /api/jobs} and result files on the service's Quarkus HTTP port, with the
 * controller's gauges ({@code tessera_jobs}, {@code tessera_queue_depth}) in {@code /q/metrics}.
 * Only where {@code tessera.web.enabled} (gather-service); the other services serve health and metrics only.
 */
@Singleton
public final class JobPages {
    private final boolean enabled;
    private final PipelineConfig config;
    private final MeterRegistry registry;
    private final ConnectionFactory connections;

    JobPages(@ConfigProperty(name = "tessera.web.enabled", defaultValue = "false") boolean enabled,
             PipelineConfig config, MeterRegistry registry, ConnectionFactory connections) {
        this.enabled = enabled;
        this.config = config;
        this.registry = registry;
        this.connections = connections;
    }

    void routes(@Observes Router router) {
        if (!enabled) {
            return;
        }
        ObjectStore store = config.objectStore();
        JobMetrics.bind(registry, store, new QueueBrowserDepth(connections));
        WebApp app = new WebApp(store);
        // the store is blocking I/O: off the event loop
        router.getWithRegex("/|/index\\.html|/(jobs|api|files|static)/.*").blockingHandler(ctx -> {
            WebResponse r = app.get(ctx.normalizedPath());
            ctx.response().setStatusCode(r.status()).putHeader("Content-Type", r.contentType())
                    .putHeader("Cache-Control", "no-store").end(io.vertx.core.buffer.Buffer.buffer(r.body()));
        });
    }
}
