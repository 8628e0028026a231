package org.tessera.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The object-store traffic of the task running on this thread: seconds and bytes of downloads and
 * uploads, kept apart from compute so the concurrency plot can show where a task's time went.
 * {@link MeteredObjectStore} adds to it; {@link TaskRunner} resets and reads it around each task.
 */
public final class Transfers {
    public static final String DOWNLOAD_SECONDS = "downloadSeconds";
    public static final String UPLOAD_SECONDS = "uploadSeconds";
    public static final String BYTES_IN = "bytesIn";
    public static final String BYTES_OUT = "bytesOut";

    private static final ThreadLocal<Transfers> CURRENT = ThreadLocal.withInitial(Transfers::new);

    private long downloadNanos;
    private long uploadNanos;
    private long bytesIn;
    private long bytesOut;

    /** This thread's counts, zeroed: a task starts. */
    public static Transfers start() {
        Transfers t = new Transfers();
        CURRENT.set(t);
        return t;
    }

    static Transfers current() {
        return CURRENT.get();
    }

    /** Counts the transfers of this thread into {@code t}: a task that runs on a thread of its own. */
    static void attach(Transfers t) {
        CURRENT.set(t);
    }

    void download(long nanos, long bytes) {
        downloadNanos += nanos;
        bytesIn += bytes;
    }

    void upload(long nanos, long bytes) {
        uploadNanos += nanos;
        bytesOut += bytes;
    }

    public double downloadSeconds() {
        return downloadNanos / 1e9;
    }

    public double uploadSeconds() {
        return uploadNanos / 1e9;
    }

    public long bytesIn() {
        return bytesIn;
    }

    public long bytesOut() {
        return bytesOut;
    }

    /** The counts as task-marker facts. */
    public Map<String, Object> facts() {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put(DOWNLOAD_SECONDS, downloadSeconds());
        facts.put(UPLOAD_SECONDS, uploadSeconds());
        facts.put(BYTES_IN, bytesIn);
        facts.put(BYTES_OUT, bytesOut);
        return facts;
    }
}
