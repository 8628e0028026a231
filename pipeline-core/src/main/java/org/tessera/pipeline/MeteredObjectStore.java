package org.tessera.pipeline;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * An {@link ObjectStore} that adds the time and bytes of every get, put and stream to the
 * calling thread's {@link Transfers}. A stream counts from open to close, as its reader consumes it.
 */
public final class MeteredObjectStore implements ObjectStore {
    private final ObjectStore store;

    public MeteredObjectStore(ObjectStore store) {
        this.store = store;
    }

    @Override
    public String endpoint() {
        return store.endpoint();
    }

    @Override
    public void ensureBuckets() {
        store.ensureBuckets();
    }

    @Override
    public void put(String bucket, String key, byte[] bytes) {
        long t0 = System.nanoTime();
        store.put(bucket, key, bytes);
        Transfers.current().upload(System.nanoTime() - t0, bytes.length);
    }

    @Override
    public void putFile(String bucket, String key, Path file) {
        long t0 = System.nanoTime();
        store.putFile(bucket, key, file);
        Transfers.current().upload(System.nanoTime() - t0, file.toFile().length());
    }

    @Override
    public void putStream(String bucket, String key, Writer writer) throws IOException {
        long t0 = System.nanoTime();
        long[] bytes = new long[1];
        store.putStream(bucket, key, out -> writer.writeTo(new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
                bytes[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                bytes[0] += len;
            }
        }));
        Transfers.current().upload(System.nanoTime() - t0, bytes[0]);
    }

    @Override
    public void copy(String bucket, String key, String toBucket, String toKey) {
        store.copy(bucket, key, toBucket, toKey);
    }

    @Override
    public byte[] get(String bucket, String key) {
        long t0 = System.nanoTime();
        byte[] bytes = store.get(bucket, key);
        Transfers.current().download(System.nanoTime() - t0, bytes.length);
        return bytes;
    }

    @Override
    public InputStream open(String bucket, String key) {
        Transfers transfers = Transfers.current();
        long t0 = System.nanoTime();
        return new FilterInputStream(store.open(bucket, key)) {
            private long bytes;
            private boolean closed;

            @Override
            public int read() throws IOException {
                int b = super.read();
                bytes += b < 0 ? 0 : 1;
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                bytes += Math.max(0, n);
                return n;
            }

            @Override
            public void close() throws IOException {
                super.close();
                if (!closed) {
                    closed = true;
                    transfers.download(System.nanoTime() - t0, bytes);
                }
            }
        };
    }

    @Override
    public String etag(String bucket, String key) {
        return store.etag(bucket, key);
    }

    @Override
    public long size(String bucket, String key) {
        return store.size(bucket, key);
    }

    @Override
    public void delete(String bucket, String key) {
        store.delete(bucket, key);
    }

    @Override
    public List<String> list(String bucket, String prefix) {
        return store.list(bucket, prefix);
    }
}
