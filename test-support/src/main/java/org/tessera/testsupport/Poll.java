package org.tessera.testsupport;

import java.time.Duration;
import java.util.function.Predicate;

/** Polling with a deadline, for tests that wait on something asynchronous (a job, a service) rather than sleep a fixed time. */
public final class Poll {
    /** One look at the state; it may throw, as reading a status from a store does. */
    @FunctionalInterface
    public interface Probe<T> {
        T get() throws Exception;
    }

    private Poll() {
    }

    /**
     * Asks {@code probe} every {@code interval} until {@code done} accepts its answer or {@code timeout}
     * has passed; returns the last answer either way, so that the caller decides what a timeout means.
     */
    public static <T> T until(Probe<T> probe, Predicate<T> done, Duration timeout, Duration interval) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        T answer = probe.get();
        while (!done.test(answer) && System.nanoTime() < deadline) {
            Thread.sleep(interval.toMillis());
            answer = probe.get();
        }
        return answer;
    }
}
