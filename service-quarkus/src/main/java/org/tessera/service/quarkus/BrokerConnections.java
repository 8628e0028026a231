package org.tessera.service.quarkus;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import jakarta.jms.ConnectionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.tessera.pipeline.PipelineConfig;

/**
 * The Artemis connection factory; camel-quarkus-jms autowires the single ConnectionFactory bean
 * into the {@code jms} component. Named so that ArC does not remove it as unused.
 */
public final class BrokerConnections {
    @Produces
    @Singleton
    @Named("jmsConnectionFactory")
    ConnectionFactory connectionFactory(PipelineConfig config) {
        return new ActiveMQConnectionFactory(config.brokerUrl(), config.brokerUser(), config.brokerPassword());
    }

    void close(@Disposes ConnectionFactory factory) {
        ((ActiveMQConnectionFactory) factory).close();
    }
}
