package org.tessera.pipeline;

import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Object storage: the only way bulk data moves between services. Three buckets: {@code ingest}
 * (MS tarballs dropped by users), {@code work} (sub-MSs, partial images, markers, job state) and
 * {@code results} (what the user downloads). {@link MinioObjectStore} is S3; {@link InMemoryObjectStore}
 * lets the controller and the tasks be tested without a server.
 */
public interface ObjectStore {
    String INGEST = "ingest";
    String WORK = "work";
    String RESULTS = "results";

    /** Where the objects live, for messages. */
    String endpoint();

    /** Creates the three buckets where missing. */
    void ensureBuckets();

    void put(String bucket, String key, byte[] bytes);

    byte[] get(String bucket, String key);

    /** Streams an object; the caller closes the stream. */
    InputStream open(String bucket, String key);

    /** The object's ETag, or null when there is no such object. */
    String etag(String bucket, String key);

    /** The object's size in bytes; an error when there is no such object. */
    long size(String bucket, String key);

    /** Deletes an object; nothing happens when there is none. */
    void delete(String bucket, String key);

    /** Deletes every object under a prefix. */
    default void deletePrefix(String bucket, String prefix) {
        for (String key : list(bucket, prefix)) {
            delete(bucket, key);
        }
    }

    /** Keys under a prefix, at any depth, in lexical order. */
    List<String> list(String bucket, String prefix);

    default boolean exists(String bucket, String key) {
        return etag(bucket, key) != null;
    }

    /** What writes an object's bytes, for {@link #putStream}. */
    interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * An object of unknown length written by {@code writer} (a tarball as it is made). S3 streams
     * it as a multipart upload, without a full copy on disk or in memory; a failure of the writer or
     * of the upload leaves no object behind.
     */
    default void putStream(String bucket, String key, Writer writer) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.writeTo(out);
        put(bucket, key, out.toByteArray());
    }

    /** Copies an object within the store (server-side on S3: the bytes do not travel). */
    default void copy(String bucket, String key, String toBucket, String toKey) {
        put(toBucket, toKey, get(bucket, key));
    }

    default void putFile(String bucket, String key, Path file) {
        try {
            put(bucket, key, Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    default void download(String bucket, String key, Path file) {
        try (InputStream in = open(bucket, key)) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A JSON object that may be rewritten while it is read: a torn read (caught as malformed JSON)
     * is read again.
     */
    default <T> T getJson(String bucket, String key, Class<T> type) {
        IllegalArgumentException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                return Json.read(get(bucket, key), type);
            } catch (IllegalArgumentException e) {
                last = e;
                try {
                    Thread.sleep(20L << attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        throw last;
    }
}
