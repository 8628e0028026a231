package org.tessera.pipeline;

/**
 * Camel endpoint URIs for the queues (plain strings: this module has no Camel dependency).
 * Consumption is transacted on a local JMS session: a task that throws, or a service that dies,
 * leaves its message to the broker for redelivery, and what the route sends commits with it.
 */
public final class Endpoints {
    private Endpoints() {
    }

    public static String consume(String queue, int consumers) {
        return "jms:queue:" + queue + "?transacted=true&lazyCreateTransactionManager=false"
                + "&cacheLevelName=CACHE_CONSUMER&concurrentConsumers=" + consumers
                + "&maxConcurrentConsumers=" + consumers + "&receiveTimeout=500";
    }

    /** Where to send to a queue, or publish to a topic ({@link Queues#isTopic}). */
    public static String send(String queue) {
        return (Queues.isTopic(queue) ? "jms:topic:" : "jms:queue:") + queue;
    }

    /** A non-durable subscription to a topic: a service that is down misses nothing it still holds. */
    public static String subscribe(String topic) {
        return "jms:topic:" + topic;
    }
}
