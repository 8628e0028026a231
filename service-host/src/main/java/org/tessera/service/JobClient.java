package org.tessera.service;

import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.tessera.pipeline.JobCancel;
import org.tessera.pipeline.JobRequest;
import org.tessera.pipeline.JobState;
import org.tessera.pipeline.Json;
import org.tessera.pipeline.Keys;
import org.tessera.pipeline.ObjectStore;
import org.tessera.pipeline.SafeTar;
import org.tessera.pipeline.PipelineConfig;
import org.tessera.pipeline.Queues;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Talks to any deployment: uploads a tarball, publishes a job message or drops into the ingest
 * bucket, reads a job's state, downloads its results.
 */
public final class JobClient {
    private static final long CLIENT_RETRY_MILLIS = 5_000;

    private final PipelineConfig config;
    private final ObjectStore store;

    public JobClient(PipelineConfig config) {
        this.config = config;
        // a person waits: a few seconds of retries, not a service's half minute
        this.store = config.objectStore(CLIENT_RETRY_MILLIS);
    }

    public ObjectStore store() {
        return store;
    }

    /**
     * Uploads {@code tarball} (a tar file, or an MS directory tarred as it uploads) to the work bucket (not ingest, which the controller watches for
     * drops) and publishes a job message naming it. A {@code fits-mask} that names a local file is
     * uploaded beside it as a job input object, and the message names that object instead.
     */
    public String submit(String jobId, Path tarball, Map<String, Object> parameters) throws Exception {
        store.ensureBuckets();
        String key = Keys.uploads(jobId) + tarball.getFileName();
        if (Files.isDirectory(tarball)) {
            // an MS directory: tarred straight into a multipart upload, no temporary tarball
            Path ms = tarball.toAbsolutePath().normalize();
            key += ".tar";
            store.putStream(ObjectStore.WORK, key, out -> SafeTar.create(ms, out));
        } else {
            store.putFile(ObjectStore.WORK, key, tarball);
        }
        Map<String, Object> sent = new LinkedHashMap<>(parameters);
        Object mask = parameters.get("fits-mask");
        if (mask != null && Files.isRegularFile(Path.of(mask.toString()))) {
            Path file = Path.of(mask.toString());
            String maskKey = "uploads/" + jobId + "/mask-" + file.getFileName();
            store.putFile(ObjectStore.WORK, maskKey, file);
            sent.put("fits-mask", ObjectStore.WORK + "/" + maskKey);
        }
        publish(new JobRequest(jobId, ObjectStore.WORK + "/" + key, sent));
        return jobId;
    }

    /** Drops a tarball (and its parameters as X.ms.json, written first) into the ingest bucket. */
    public void drop(Path tarball, String key, Map<String, Object> parameters) {
        store.ensureBuckets();
        String stem = key.replaceAll("\\.ms\\.(tar|tar\\.gz|tgz)$", "");
        if (!parameters.isEmpty()) {
            store.put(ObjectStore.INGEST, stem + ".ms.json", Json.bytes(parameters));
        }
        store.putFile(ObjectStore.INGEST, key, tarball);
    }

    public void publish(JobRequest request) throws Exception {
        send(Queues.JOBS, Json.write(request));
    }

    private void send(String queue, String json) throws Exception {
        try (ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory(config.brokerUrl(), config.brokerUser(),
                config.brokerPassword());
             Connection c = cf.createConnection();
             Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            MessageProducer p = s.createProducer(s.createQueue(queue));
            p.send(s.createTextMessage(json));
        }
    }

    /** The job's state, or null when the controller has not created it yet. */
    public JobState status(String jobId) {
        return JobState.read(store, jobId);
    }

    /** Asks the controller to cancel a job; {@link #status} says CANCELLED once it has. */
    public void cancel(String jobId) throws Exception {
        send(Queues.CANCEL, Json.write(new JobCancel(jobId)));
    }

    /** Deletes an ended job's results (and its work objects, if they were kept); false when there is no such job. */
    public boolean delete(String jobId) {
        JobState state = status(jobId);
        if (state == null) {
            return false;
        }
        if (!state.stage.finished()) {
            throw new IllegalStateException("job " + jobId + " is still running (" + state.stage.key()
                    + "): cancel it first");
        }
        store.deletePrefix(ObjectStore.WORK, Keys.work(jobId));
        store.deletePrefix(ObjectStore.RESULTS, jobId + "/");
        return true;
    }

    /** Downloads {@code results/<job>/} into {@code dir}; returns the files written. */
    public List<Path> results(String jobId, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<String> keys = new ArrayList<>();
        List<Path> written = new ArrayList<>();
        for (String key : store.list(ObjectStore.RESULTS, jobId + "/")) {
            if (key.equals(Keys.finalState(jobId))) {
                // the controller's record, which `tessera status` reads; not a product
                continue;
            }
            Path target = dir.resolve(key.substring(jobId.length() + 1)).normalize();
            if (!target.startsWith(dir.normalize())) {
                continue;
            }
            Files.createDirectories(target.getParent());
            keys.add(key);
            written.add(target);
        }
        // the images download side by side: one stream at a time leaves the link idle between requests
        ExecutorService downloads = Executors.newFixedThreadPool(Math.max(1, Math.min(4, keys.size())));
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                String key = keys.get(i);
                Path target = written.get(i);
                done.add(downloads.submit(() -> store.download(ObjectStore.RESULTS, key, target)));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while downloading the results of " + jobId, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException(e.getCause());
        } finally {
            downloads.shutdownNow();
        }
        return written;
    }
}
