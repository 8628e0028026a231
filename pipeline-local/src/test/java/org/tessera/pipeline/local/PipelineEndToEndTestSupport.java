package org.tessera.pipeline.local;

import org.tessera.pipeline.JobState;
import org.tessera.service.JobClient;

/** Waiting for jobs in tests. */
final class PipelineEndToEndTestSupport {
    private PipelineEndToEndTestSupport() {
    }

    static JobState await(JobClient client, String job, double seconds) throws InterruptedException {
        long deadline = System.currentTimeMillis() + (long) (seconds * 1000);
        JobState s = null;
        while (System.currentTimeMillis() < deadline) {
            s = client.status(job);
            if (s != null && s.stage.finished()) {
                return s;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("job " + job + " did not finish in " + seconds + " s: "
                + (s == null ? "no state" : s.progress()));
    }
}
