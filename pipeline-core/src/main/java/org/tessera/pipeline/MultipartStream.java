package org.tessera.pipeline;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * An object written as a stream of unknown length: the bytes are cut into parts of a fixed size and
 * uploaded as an S3 multipart upload, several parts at once, while the writer fills the next. Memory
 * is bounded by {@code inFlight + 1} parts; nothing touches the disk. An object smaller than one part
 * is one plain put. A failure (after {@link Parts}' own retries) aborts the upload, so no half-written
 * object and no orphaned parts stay behind.
 */
public final class MultipartStream extends OutputStream {
    /** The S3 calls of one multipart upload (each retried by the implementation as it sees fit). */
    public interface Parts {
        /** Starts the upload; returns its id. */
        String create();

        /** Uploads part {@code number} (from 1); returns its ETag. */
        String upload(String uploadId, int number, byte[] bytes, int length);

        void complete(String uploadId, List<String> etags);

        void abort(String uploadId);

        /** The whole object in one put: it fitted in one part. */
        void put(byte[] bytes, int length);
    }

    private final Parts parts;
    private final ExecutorService uploaders;
    private final BlockingQueue<byte[]> free;
    private final List<Future<String>> uploads = new ArrayList<>();
    private byte[] current;
    private int filled;
    private String uploadId;
    private boolean closed;

    /**
     * @param partBytes bytes per part (S3's minimum is 5 MiB, except for the last)
     * @param inFlight  parts uploaded at the same time
     */
    public MultipartStream(Parts parts, int partBytes, int inFlight) {
        this.parts = parts;
        this.uploaders = Executors.newFixedThreadPool(inFlight, r -> {
            Thread t = new Thread(r, "multipart-upload");
            t.setDaemon(true);
            return t;
        });
        this.free = new ArrayBlockingQueue<>(inFlight + 1);
        for (int i = 0; i < inFlight + 1; i++) {
            free.add(new byte[partBytes]);
        }
        this.current = take();
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int n = Math.min(len, current.length - filled);
            System.arraycopy(b, off, current, filled, n);
            filled += n;
            off += n;
            len -= n;
            if (filled == current.length) {
                send();
            }
        }
    }

    /** Hands the full part to an uploader and takes a free buffer (waiting while all are in flight). */
    private void send() throws IOException {
        failFast();
        if (uploadId == null) {
            uploadId = parts.create();
        }
        byte[] part = current;
        int length = filled;
        int number = uploads.size() + 1;
        String id = uploadId;
        uploads.add(uploaders.submit(() -> {
            try {
                return parts.upload(id, number, part, length);
            } finally {
                free.add(part);
            }
        }));
        current = take();
        filled = 0;
    }

    private byte[] take() {
        try {
            return free.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an upload buffer", e);
        }
    }

    /** Stops writing as soon as a part has failed, instead of filling the remaining parts. */
    private void failFast() throws IOException {
        for (Future<String> f : uploads) {
            if (f.isDone()) {
                etag(f);
            }
        }
    }

    /** Completes the object: the last part, then the list of parts. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (uploadId == null) {
                parts.put(Arrays.copyOf(current, filled), filled);
                return;
            }
            if (filled > 0) {
                send();
            }
            List<String> etags = new ArrayList<>();
            for (Future<String> f : uploads) {
                etags.add(etag(f));
            }
            parts.complete(uploadId, etags);
        } catch (IOException | RuntimeException e) {
            abort();
            throw e;
        } finally {
            uploaders.shutdownNow();
        }
    }

    /** Abandons the object: the writer failed, or a part did. Parts already stored are deleted. */
    public void abort() {
        closed = true;
        uploaders.shutdownNow();
        if (uploadId != null) {
            String id = uploadId;
            uploadId = null;
            parts.abort(id);
        }
    }

    private static String etag(Future<String> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while uploading");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IOException(cause.getMessage(), cause);
        }
    }
}
