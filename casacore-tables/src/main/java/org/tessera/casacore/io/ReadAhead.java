package org.tessera.casacore.io;

import java.nio.ByteBuffer;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.tessera.casacore.CasacoreException;

/**
 * One positional read running on a shared background thread, so a streaming reader can
 * decode what it has while the kernel copies the next bytes out of the page cache.
 */
public final class ReadAhead {
    /** One daemon thread for all files: each stream has at most one read in flight and waits for it. */
    private static final ExecutorService THREAD = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tessera-read-ahead");
        t.setDaemon(true);
        return t;
    });

    private final DataFile file;
    private final Future<?> done;

    private ReadAhead(DataFile file, Future<?> done) {
        this.file = file;
        this.done = done;
    }

    /** Starts filling dst (position to limit) from byte pos of file; dst is the reader's until {@link #await}. */
    public static ReadAhead start(DataFile file, long pos, ByteBuffer dst) {
        return new ReadAhead(file, THREAD.submit(() -> file.readFully(pos, dst)));
    }

    /** Waits for the read; its errors surface here as they would from a direct read. */
    public void await() {
        try {
            done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CasacoreException(file.path(), "interrupted while reading ahead", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new CasacoreException(file.path(), "read-ahead failed: " + e.getCause(), e.getCause());
        }
    }
}
