package org.tessera.casacore.dm;

import java.nio.ByteBuffer;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.tessera.casacore.CasacoreException;

/**
 * Reads the next span of buckets on a background thread while the caller decodes the current
 * one, so streaming overlaps the kernel's copy out of the page cache with decoding.
 */
final class BucketReadAhead implements AutoCloseable {
    private final BucketFile buckets;
    private ExecutorService thread;
    private Future<?> pending;
    private ByteBuffer buffer;
    private int first;
    private int count;

    BucketReadAhead(BucketFile buckets) {
        this.buckets = buckets;
    }

    /** Starts reading count buckets from bucket first into dst, which is not to be touched until {@link #take}. */
    void start(int first, int count, ByteBuffer dst) {
        if (thread == null) {
            thread = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "bucket-read-ahead");
                t.setDaemon(true);
                return t;
            });
        }
        this.buffer = dst;
        this.first = first;
        this.count = count;
        dst.clear().limit(count * buckets.bucketSize());
        pending = thread.submit(() -> buckets.readRange(first, count, dst));
    }

    /** First bucket of the buffer last returned by {@link #take}. */
    int first() {
        return first;
    }

    int count() {
        return count;
    }

    /** Waits for the pending read and hands back its buffer (null when none was started); see {@link #covers}. */
    ByteBuffer take() {
        if (pending == null) {
            return null;
        }
        Future<?> f = pending;
        pending = null;
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CasacoreException(buckets.file().path(), "interrupted while reading ahead", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new CasacoreException(buckets.file().path(), "read-ahead failed: " + e.getCause(), e.getCause());
        }
        return buffer;
    }

    /** True when the buffer of the last read holds buckets [from, to]. */
    boolean covers(int from, int to) {
        return from >= first && to < first + count;
    }

    /** Lets a pending read finish (interrupting it would close the shared channel), then ends the thread. */
    @Override
    public void close() {
        if (thread != null) {
            try {
                take();
            } catch (RuntimeException ignored) {
                // The read is abandoned: nobody wants its buckets any more.
            } finally {
                thread.shutdown();
            }
        }
    }
}
