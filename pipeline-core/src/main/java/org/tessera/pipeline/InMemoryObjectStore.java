package org.tessera.pipeline;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Object storage in this JVM's memory: for unit tests of the controller and the tasks, where a
 * real S3 server would only add time. Keys, listing order and ETags (MD5 of the content) behave as S3's.
 */
public final class InMemoryObjectStore implements ObjectStore {
    private final Map<String, byte[]> objects = new ConcurrentSkipListMap<>();

    @Override
    public String endpoint() {
        return "memory:";
    }

    @Override
    public void ensureBuckets() {
    }

    @Override
    public void put(String bucket, String key, byte[] bytes) {
        objects.put(bucket + "/" + key, bytes.clone());
    }

    @Override
    public byte[] get(String bucket, String key) {
        byte[] bytes = objects.get(bucket + "/" + key);
        if (bytes == null) {
            throw new NoSuchElementException("no object " + bucket + "/" + key);
        }
        return bytes.clone();
    }

    @Override
    public InputStream open(String bucket, String key) {
        return new ByteArrayInputStream(get(bucket, key));
    }

    @Override
    public String etag(String bucket, String key) {
        byte[] bytes = objects.get(bucket + "/" + key);
        if (bytes == null) {
            return null;
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public long size(String bucket, String key) {
        byte[] bytes = objects.get(bucket + "/" + key);
        if (bytes == null) {
            throw new NoSuchElementException("no object " + bucket + "/" + key);
        }
        return bytes.length;
    }

    @Override
    public List<String> list(String bucket, String prefix) {
        String from = bucket + "/" + prefix;
        return objects.keySet().stream().filter(k -> k.startsWith(from))
                .map(k -> k.substring(bucket.length() + 1)).toList();
    }

    @Override
    public void delete(String bucket, String key) {
        objects.remove(bucket + "/" + key);
    }

    /** A UTF-8 object as text, for assertions. */
    public String text(String bucket, String key) {
        return new String(get(bucket, key), StandardCharsets.UTF_8);
    }
}
