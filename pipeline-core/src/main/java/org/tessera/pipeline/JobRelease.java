package org.tessera.pipeline;

import java.util.List;
import java.util.function.Consumer;

/**
 * A service's per-job state released when the controller announces that the job ended: the
 * parameters and weights of {@link JobContext}, the sub-MSs of {@link SubMsCache}.
 */
public final class JobRelease {
    private final List<Consumer<String>> forgetters;

    private JobRelease(List<Consumer<String>> forgetters) {
        this.forgetters = forgetters;
    }

    public static JobRelease of(JobContext jobs) {
        return new JobRelease(List.of(jobs::forget));
    }

    public static JobRelease of(JobContext jobs, SubMsCache cache) {
        return new JobRelease(List.of(jobs::forget, cache::forget));
    }

    /** A {@link JobEnded} message. */
    public void onEnded(String json) {
        String job = Json.read(json, JobEnded.class).jobId();
        forgetters.forEach(f -> f.accept(job));
    }
}
