package org.tessera.service.quarkus;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;

import java.util.Enumeration;
import java.util.function.ToLongFunction;

/** A queue's depth for {@code tessera_queue_depth}, counted with a JMS browser (any broker, no management API). */
final class QueueBrowserDepth implements ToLongFunction<String> {
    /** Counting stops here: a deeper queue reads as this many. */
    private static final int LIMIT = 10_000;

    private final ConnectionFactory connections;

    QueueBrowserDepth(ConnectionFactory connections) {
        this.connections = connections;
    }

    @Override
    public long applyAsLong(String queue) {
        try (Connection c = connections.createConnection();
             Session session = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
             QueueBrowser browser = session.createBrowser(session.createQueue(queue))) {
            c.start();
            Enumeration<?> messages = browser.getEnumeration();
            long n = 0;
            while (n < LIMIT && messages.hasMoreElements()) {
                messages.nextElement();
                n++;
            }
            return n;
        } catch (JMSException e) {
            return -1;
        }
    }
}
