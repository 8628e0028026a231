package org.tessera.cli;

import org.tessera.pipeline.JobState;
import org.tessera.pipeline.ObjectStore;
import org.tessera.pipeline.PipelineConfig;
import org.tessera.imaging.sequence.Stage;
import org.tessera.pipeline.local.LocalStack;
import org.tessera.partition.Partitioner;
import org.tessera.service.JobClient;
import org.tessera.service.ServiceHost;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.UUID;

/**
 * Images an MS through the services: uses the running deployment (or starts the embedded stack
 * for the duration), submits the job, prints progress as it changes, downloads the results.
 */
final class PipelineRun {
    private PipelineRun() {
    }

    static int run(Path ms, String prefix, Map<String, Object> parameters, ServiceConnection connection,
                   PrintWriter out) throws Exception {
        PipelineConfig config = connection.resolve();
        LocalStack started = null;
        if (config == null) {
            Path dir = Files.createTempDirectory("tessera-stack");
            out.println("starting the embedded broker, S3 server and services in " + dir);
            out.flush();
            started = LocalStack.start(dir, new LinkedHashSet<>(ServiceHost.SERVICES), 5, 2);
            config = started.config();
        }
        JobClient client = new JobClient(config);
        String job = "image-" + UUID.randomUUID().toString().substring(0, 8);
        try {
            // tarred straight into a multipart upload: no temporary copy of the MS
            long t0 = System.nanoTime();
            client.submit(job, ms.toAbsolutePath().normalize(), parameters);
            out.printf("submitted job %s (tar + upload %s)%n", job, rate(Partitioner.directorySize(ms), t0));
            out.flush();
            JobState state = follow(client, job, out);
            if (state.stage != Stage.DONE) {
                throw new UserError("job " + job + " failed: " + state.failure);
            }
            Path dir = Path.of(prefix).toAbsolutePath().getParent();
            long t1 = System.nanoTime();
            var files = client.results(job, dir);
            long bytes = 0;
            for (Path f : files) {
                bytes += Files.size(f);
            }
            out.printf("downloaded the results (%s)%n", rate(bytes, t1));
            Path summary = dir.resolve("summary.json");
            if (Files.exists(summary)) {
                Files.move(summary, Path.of(prefix + "-summary.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            out.printf("wrote %d files to %s (%s-*.fits, %s-image.png, %s-summary.json)%n", files.size(), dir,
                    prefix, prefix, prefix);
            out.flush();
            return 0;
        } finally {
            if (started != null) {
                awaitCleanup(client, job);
                started.close();
            }
        }
    }

    /** "449 MB in 2.1 s, 214 MB/s": a hop's bytes and rate, as bench/scaling_model.py reads them. */
    private static String rate(long bytes, long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        return String.format("%.0f MB in %.2f s, %.0f MB/s", bytes / 1e6, seconds, bytes / 1e6 / seconds);
    }

    /** The controller deletes an ended job's work objects last: the embedded stack stops once it is done. */
    private static void awaitCleanup(JobClient client, String job) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline && client.status(job) != null
                && !client.store().list(ObjectStore.WORK, job + "/").isEmpty()) {
            Thread.sleep(100);
        }
    }

    static JobState follow(JobClient client, String job, PrintWriter out) throws InterruptedException {
        Progress progress = Progress.to(out);
        while (true) {
            JobState state = client.status(job);
            if (state != null) {
                progress.show(state);
                if (state.stage.finished()) {
                    return state;
                }
            }
            Thread.sleep(200);
        }
    }
}
