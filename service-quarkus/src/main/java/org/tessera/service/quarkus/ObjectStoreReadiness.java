package org.tessera.service.quarkus;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.tessera.pipeline.ObjectStore;
import org.tessera.pipeline.PipelineConfig;

/** Ready only while S3 answers a listing of the work bucket with the service's keys. */
@Readiness
@Singleton
public final class ObjectStoreReadiness implements HealthCheck {
    private final ObjectStore store;

    @Inject
    public ObjectStoreReadiness(PipelineConfig config) {
        // a probe answers now: no retries
        this.store = config.objectStore(0);
    }

    @Override
    public HealthCheckResponse call() {
        try {
            store.list(ObjectStore.WORK, "readiness/");
            return HealthCheckResponse.up("s3");
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("s3").down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
