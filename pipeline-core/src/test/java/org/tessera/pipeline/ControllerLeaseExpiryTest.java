package org.tessera.pipeline;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The controller lease: one holder, renewed by it, taken over only once it has expired or been released. */
class ControllerLeaseExpiryTest {
    private final ObjectStore store = new InMemoryObjectStore();
    private final ControllerLease a = new ControllerLease(store, "a", Duration.ofMillis(900));
    private final ControllerLease b = new ControllerLease(store, "b", Duration.ofMillis(900));

    @Test
    void theHolderRenewsAndARivalWaitsForExpiry() throws Exception {
        assertTrue(a.renew());
        assertTrue(a.held());
        assertFalse(b.renew(), "held by a");
        assertFalse(b.held());
        Thread.sleep(400);
        assertTrue(a.renew(), "renewed by its holder");
        assertFalse(b.renew(), "renewed, so not expired");
        // a stops renewing (it died): b takes over once the lease has expired
        Thread.sleep(1000);
        assertFalse(a.held(), "a's own view expires before the stored lease does");
        assertTrue(b.renew());
        assertEquals("b", ControllerLease.read(store).holder());
        assertFalse(a.renew(), "a, back, finds b holding it");
    }

    @Test
    void aReleasedLeaseIsTakenAtOnce() throws Exception {
        assertTrue(a.renew());
        a.release();
        assertFalse(a.held());
        assertNull(ControllerLease.read(store));
        assertTrue(b.renew());
        a.release();
        assertEquals("b", ControllerLease.read(store).holder(), "only the holder's release deletes it");
    }
}
