package org.tessera.testsupport;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Waiting for a pipeline job to finish. Given as functions of the job's status type, because this module
 * cannot depend on the pipeline modules whose tests use it.
 *
 * @param status   the status of a job by id; null until the job exists
 * @param finished whether a status is final (done or failed)
 * @param progress a status in words, for the failure message
 */
public record JobWatch<S>(Function<String, S> status, Predicate<S> finished, Function<S, String> progress) {
    private static final Duration INTERVAL = Duration.ofMillis(100);

    /** The final status of the job; fails the test with the last status when the job does not finish in time. */
    public S await(String job, double seconds) throws Exception {
        S s = Poll.until(() -> status.apply(job), this::isFinal, Duration.ofMillis((long) (seconds * 1000)), INTERVAL);
        if (!isFinal(s)) {
            throw new AssertionError("job " + job + " did not finish in " + seconds + " s: "
                    + (s == null ? "no state" : progress.apply(s)));
        }
        return s;
    }

    private boolean isFinal(S s) {
        return s != null && finished.test(s);
    }
}
