package org.tessera.pipeline.local;

import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManagerImpl;
import org.tessera.pipeline.Queues;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;

/**
 * An Artemis broker on loopback with a persistent journal, security on (one generated user,
 * no anonymous access), and the deployments' failure handling ({@code k8s/broker.properties}): a
 * rolled-back message comes back after a growing delay, and after {@code maxDeliveries} attempts
 * goes to the DLQ.
 */
public final class EmbeddedBroker implements AutoCloseable {
    private static final String ROLE = "tessera";
    /** Where expired messages go (broker.properties names it). */
    static final String EXPIRY = "ExpiryQueue";

    private final EmbeddedActiveMQ server;
    private final String url;

    private EmbeddedBroker(EmbeddedActiveMQ server, String url) {
        this.server = server;
        this.url = url;
    }

    public static EmbeddedBroker start(Path dir, int port, String user, String password, int maxDeliveries)
            throws Exception {
        String url = "tcp://127.0.0.1:" + port;
        ConfigurationImpl config = new ConfigurationImpl();
        config.setName("tessera")
                .setPersistenceEnabled(true)
                .setJournalType(JournalType.NIO)
                .setJournalDirectory(dir.resolve("journal").toString())
                .setBindingsDirectory(dir.resolve("bindings").toString())
                .setLargeMessagesDirectory(dir.resolve("large").toString())
                .setPagingDirectory(dir.resolve("paging").toString())
                .setSecurityEnabled(true)
                .setJMXManagementEnabled(false)
                .addAcceptorConfiguration("tcp", url + "?protocols=CORE");
        config.parsePrefixedProperties(brokerProperties(), null);
        // the one setting a stack may change: how many deliveries before DLQ
        config.getAddressSettings().get("#").setMaxDeliveryAttempts(maxDeliveries);
        config.addQueueConfiguration(new QueueConfiguration(Queues.DEAD_LETTERS).setRoutingType(RoutingType.ANYCAST));
        config.addQueueConfiguration(new QueueConfiguration(EXPIRY).setRoutingType(RoutingType.ANYCAST));
        config.putSecurityRoles("#", Set.of(new Role(ROLE, true, true, true, true, true, true, true, true, true, true,
                true, true)));
        ActiveMQSecurityManagerImpl security = new ActiveMQSecurityManagerImpl();
        security.getConfiguration().addUser(user, password);
        security.getConfiguration().addRole(user, ROLE);
        EmbeddedActiveMQ server = new EmbeddedActiveMQ();
        server.setConfiguration(config);
        server.setSecurityManager(security);
        server.start();
        return new EmbeddedBroker(server, url);
    }

    /** The deployments' Artemis settings ({@code k8s/broker.properties}, on the classpath). */
    static Properties brokerProperties() throws IOException {
        Properties p = new Properties();
        try (InputStream in = EmbeddedBroker.class.getResourceAsStream("broker.properties")) {
            if (in == null) {
                throw new IOException("broker.properties is missing from the classpath (k8s/broker.properties)");
            }
            p.load(in);
        }
        return p;
    }

    /** The running server, for tests that look at its settings. */
    EmbeddedActiveMQ server() {
        return server;
    }

    public String url() {
        return url;
    }

    /** Messages waiting in a queue; 0 for one not created yet. */
    public long depth(String queue) {
        var q = server.getActiveMQServer().locateQueue(SimpleString.toSimpleString(queue));
        return q == null ? 0 : q.getMessageCount();
    }

    /** Messages ever sent to a queue since the broker started; 0 for one not created yet. */
    public long messagesAdded(String queue) {
        var q = server.getActiveMQServer().locateQueue(SimpleString.toSimpleString(queue));
        return q == null ? 0 : q.getMessagesAdded();
    }

    /** Stops the broker for {@code down} and starts it again on the same port and journal: an outage. */
    public void restart(java.time.Duration down) throws Exception {
        server.stop();
        Thread.sleep(down.toMillis());
        server.start();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
