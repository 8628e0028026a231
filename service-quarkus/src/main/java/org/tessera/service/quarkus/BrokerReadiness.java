package org.tessera.service.quarkus;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the broker accepts a connection with the service's credentials. */
@Readiness
@Singleton
public final class BrokerReadiness implements HealthCheck {
    private final ConnectionFactory connections;

    @Inject
    public BrokerReadiness(ConnectionFactory connections) {
        this.connections = connections;
    }

    @Override
    public HealthCheckResponse call() {
        try (Connection c = connections.createConnection()) {
            return HealthCheckResponse.up("broker");
        } catch (Exception e) {
            return HealthCheckResponse.named("broker").down().withData("error", String.valueOf(e.getMessage()))
                    .build();
        }
    }
}
