package org.tessera.service.quarkus;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.tessera.pipeline.PipelineConfig;

/** The services' settings, read from the same TESSERA_* variables as the plain-Camel host reads. */
public final class ConfigProducer {
    @Produces
    @Singleton
    PipelineConfig config() {
        return PipelineConfig.fromEnvironment();
    }
}
