package org.tessera.pipeline;

import java.time.Duration;
import java.util.UUID;

/**
 * One controller at a time, across replicas: a lease in the work bucket naming its holder and when
 * it expires. The holder renews it well before then; another replica takes it over only once it has
 * expired (its holder died without releasing it). After writing, a contender waits a moment and
 * reads the lease back: of two that wrote at once, only the one whose write landed last holds it.
 */
public final class ControllerLease {
    /** Not a job's prefix (a job id has no dots), so no job's cleanup can delete it. */
    static final String KEY = "controller.lease.json";
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(15);
    private static final long SETTLE_MILLIS = 300;

    /** The lease as stored. */
    public record Record(String holder, long expiresMillis) {
    }

    private final ObjectStore store;
    private final String holder;
    private final Duration ttl;
    private volatile long heldUntil;

    public ControllerLease(ObjectStore store, Duration ttl) {
        this(store, org.tessera.imaging.sequence.TaskFacts.host() + "-" + UUID.randomUUID().toString().substring(0, 8),
                ttl);
    }

    ControllerLease(ObjectStore store, String holder, Duration ttl) {
        this.store = store;
        this.holder = holder;
        this.ttl = ttl;
    }

    public String holder() {
        return holder;
    }

    /** How often the holder renews: three times per lifetime, so one slow renewal does not lose it. */
    public Duration renewEvery() {
        return ttl.dividedBy(3);
    }

    /** Takes or renews the lease; true when this controller holds it now. */
    public boolean renew() throws InterruptedException {
        long now = System.currentTimeMillis();
        Record current = read();
        if (current != null && !current.holder().equals(holder) && current.expiresMillis() > now) {
            heldUntil = 0;
            return false;
        }
        store.put(ObjectStore.WORK, KEY, Json.bytes(new Record(holder, now + ttl.toMillis())));
        if (current == null || !current.holder().equals(holder)) {
            // taking it over: let a rival's simultaneous write land, then see whose it is
            Thread.sleep(SETTLE_MILLIS);
            Record back = read();
            if (back == null || !back.holder().equals(holder)) {
                heldUntil = 0;
                return false;
            }
        }
        // a margin for the time the calls took and for clocks a little apart
        heldUntil = now + ttl.toMillis() - renewEvery().toMillis();
        return true;
    }

    /** Whether this controller holds the lease (renewed recently enough). */
    public boolean held() {
        return System.currentTimeMillis() < heldUntil;
    }

    /** Gives the lease up (a controller stopping), so another replica need not wait for it to expire. */
    public void release() {
        heldUntil = 0;
        Record current = read();
        if (current != null && current.holder().equals(holder)) {
            store.delete(ObjectStore.WORK, KEY);
        }
    }

    /** The stored lease, or null when there is none. */
    public static Record read(ObjectStore store) {
        return store.exists(ObjectStore.WORK, KEY) ? store.getJson(ObjectStore.WORK, KEY, Record.class) : null;
    }

    private Record read() {
        return read(store);
    }
}
