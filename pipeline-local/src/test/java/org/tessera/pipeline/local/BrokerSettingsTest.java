package org.tessera.pipeline.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.junit.jupiter.api.Test;
import org.tessera.pipeline.Queues;

/** The deployments' broker settings (k8s/broker.properties) parse into Artemis' address settings. */
class BrokerSettingsTest {
    @Test
    void redeliveryBacksOffAndEndsInTheDeadLetterQueue() throws Exception {
        ConfigurationImpl config = new ConfigurationImpl();
        config.parsePrefixedProperties(EmbeddedBroker.brokerProperties(), null);
        AddressSettings all = config.getAddressSettings().get("#");
        assertEquals(Queues.DEAD_LETTERS, all.getDeadLetterAddress().toString());
        assertEquals(EmbeddedBroker.EXPIRY, all.getExpiryAddress().toString());
        assertEquals(5, all.getMaxDeliveryAttempts());
        assertEquals(500, all.getRedeliveryDelay());
        assertEquals(2.0, all.getRedeliveryMultiplier(), 0);
        assertEquals(30000, all.getMaxRedeliveryDelay());
    }

    @Test
    void theEmbeddedBrokerRunsWithThem(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(dir, LocalStack.freePort(), "u", "p", 3)) {
            AddressSettings tasks = broker.server().getActiveMQServer().getAddressSettingsRepository()
                    .getMatch(Queues.GRID);
            assertEquals(3, tasks.getMaxDeliveryAttempts(), "the stack's own delivery count");
            assertEquals(2.0, tasks.getRedeliveryMultiplier(), 0);
            assertEquals(EmbeddedBroker.EXPIRY, tasks.getExpiryAddress().toString());
            for (String controllerQueue : new String[] {Queues.JOBS, Queues.EVENTS, Queues.CANCEL, Queues.DEAD_LETTERS}) {
                AddressSettings s = broker.server().getActiveMQServer().getAddressSettingsRepository()
                        .getMatch(controllerQueue);
                assertEquals(Boolean.TRUE, s.isDefaultExclusiveQueue(), controllerQueue + ": one controller at a time");
                assertEquals(3, s.getMaxDeliveryAttempts(), controllerQueue + " keeps the settings of #");
            }
            assertEquals(Boolean.FALSE, Boolean.TRUE.equals(tasks.isDefaultExclusiveQueue()), "gridders compete");
        }
    }
}
