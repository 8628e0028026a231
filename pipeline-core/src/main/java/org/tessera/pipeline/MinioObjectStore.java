package org.tessera.pipeline;

import io.minio.BucketExistsArgs;
import io.minio.DownloadObjectArgs;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.UploadObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Item;

import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The object store on S3 (MinIO in production, s3proxy under {@code tessera up}) through the MinIO client. */
public final class MinioObjectStore implements ObjectStore {
    private final MinioClient client;
    private final String endpoint;

    public MinioObjectStore(String endpoint, String accessKey, String secretKey) {
        this.endpoint = endpoint;
        // No connection reuse: an object rewritten while it is read (state.json) can make a server
        // send a body of another length than announced, which would poison a kept-alive connection.
        OkHttpClient http = new OkHttpClient.Builder().connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS))
                .connectTimeout(Duration.ofSeconds(10)).readTimeout(Duration.ofMinutes(5))
                .writeTimeout(Duration.ofMinutes(5)).build();
        this.client = MinioClient.builder().endpoint(endpoint).credentials(accessKey, secretKey)
                .region("us-east-1").httpClient(http).build();
    }

    @Override
    public String endpoint() {
        return endpoint;
    }

    @Override
    public void ensureBuckets() {
        for (String bucket : List.of(INGEST, WORK, RESULTS)) {
            call(() -> {
                if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                    client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
                }
                return null;
            }, bucket);
        }
    }

    @Override
    public void put(String bucket, String key, byte[] bytes) {
        call(() -> client.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                .stream(new ByteArrayInputStream(bytes), bytes.length, -1).build()), bucket + "/" + key);
    }

    @Override
    public void putFile(String bucket, String key, Path file) {
        call(() -> client.uploadObject(UploadObjectArgs.builder().bucket(bucket).object(key)
                .filename(file.toString()).build()), bucket + "/" + key);
    }

    @Override
    public byte[] get(String bucket, String key) {
        return call(() -> {
            try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
                return in.readAllBytes();
            }
        }, bucket + "/" + key);
    }

    @Override
    public InputStream open(String bucket, String key) {
        return call(() -> client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build()),
                bucket + "/" + key);
    }

    @Override
    public void download(String bucket, String key, Path file) {
        call(() -> {
            Files.deleteIfExists(file);
            client.downloadObject(DownloadObjectArgs.builder().bucket(bucket).object(key)
                    .filename(file.toString()).build());
            return null;
        }, bucket + "/" + key);
    }

    @Override
    public String etag(String bucket, String key) {
        return call(() -> {
            try {
                return client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build()).etag();
            } catch (ErrorResponseException e) {
                String code = e.errorResponse().code();
                if ("NoSuchKey".equals(code) || "NoSuchObject".equals(code) || "NotFound".equals(code)) {
                    return null;
                }
                throw e;
            }
        }, bucket + "/" + key);
    }

    @Override
    public void delete(String bucket, String key) {
        call(() -> {
            client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
            return null;
        }, bucket + "/" + key);
    }

    @Override
    public long size(String bucket, String key) {
        return call(() -> client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build()).size(),
                bucket + "/" + key);
    }

    @Override
    public List<String> list(String bucket, String prefix) {
        return call(() -> {
            List<String> keys = new ArrayList<>();
            for (Result<Item> r : client.listObjects(ListObjectsArgs.builder().bucket(bucket).prefix(prefix)
                    .recursive(true).build())) {
                Item item = r.get();
                if (!item.isDir()) {
                    keys.add(item.objectName());
                }
            }
            keys.sort(null);
            return keys;
        }, bucket + "/" + prefix);
    }

    private interface S3Call<T> {
        T run() throws Exception;
    }

    private <T> T call(S3Call<T> c, String what) {
        try {
            return c.run();
        } catch (IOException e) {
            throw new UncheckedIOException("S3 " + endpoint + " " + what + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("S3 " + endpoint + " " + what + ": " + e.getMessage(), e);
        }
    }
}
