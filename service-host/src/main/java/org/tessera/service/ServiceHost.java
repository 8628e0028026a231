package org.tessera.service;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.tessera.clean.CleanRoutes;
import org.tessera.gather.GatherRoutes;
import org.tessera.gridder.GridderRoutes;
import org.tessera.partitioner.PartitionerRoutes;
import org.tessera.pipeline.PipelineConfig;
import org.tessera.restore.RestoreRoutes;

import java.util.List;
import java.util.Set;

/**
 * Runs the routes of some or all services in one plain Camel context: all five for
 * {@code tessera up}, one per process for a deployment without Quarkus. Each host has its own
 * broker connection, so stopping one (or killing its process) leaves its unfinished messages
 * to the broker.
 */
public final class ServiceHost implements AutoCloseable {
    public static final List<String> SERVICES = List.of("partitioner", "gridder", "gather", "clean", "restore");

    private final CamelContext camel;
    private final ActiveMQConnectionFactory connections;

    private ServiceHost(CamelContext camel, ActiveMQConnectionFactory connections) {
        this.camel = camel;
        this.connections = connections;
    }

    public static ServiceHost start(PipelineConfig config, Set<String> services) throws Exception {
        for (String s : services) {
            if (!SERVICES.contains(s)) {
                throw new IllegalArgumentException("unknown service '" + s + "' (known: " + SERVICES + ")");
            }
        }
        ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory(config.brokerUrl(), config.brokerUser(),
                config.brokerPassword());
        CamelContext camel = new DefaultCamelContext();
        camel.addComponent("jms", JmsComponent.jmsComponent(cf));
        for (String s : SERVICES) {
            if (services.contains(s)) {
                camel.addRoutes(routes(s, config));
            }
        }
        camel.start();
        return new ServiceHost(camel, cf);
    }

    static RouteBuilder routes(String service, PipelineConfig config) {
        return switch (service) {
            case "partitioner" -> new PartitionerRoutes(config);
            case "gridder" -> new GridderRoutes(config);
            case "gather" -> new GatherRoutes(config);
            case "clean" -> new CleanRoutes(config);
            case "restore" -> new RestoreRoutes(config);
            default -> throw new IllegalArgumentException(service);
        };
    }

    @Override
    public void close() {
        try {
            camel.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the services: " + e.getMessage(), e);
        } finally {
            connections.close();
        }
    }
}
