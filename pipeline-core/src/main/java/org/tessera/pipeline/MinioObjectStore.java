package org.tessera.pipeline;

import io.minio.BucketExistsArgs;
import io.minio.ComposeObjectArgs;
import io.minio.ComposeSource;
import io.minio.CopyObjectArgs;
import io.minio.CopySource;
import io.minio.DownloadObjectArgs;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioAsyncClient;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.ServerException;
import io.minio.messages.Item;
import io.minio.messages.Part;

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
    /** How long a service's call is retried while S3 is unreachable or failing (a server restart). */
    public static final long SERVICE_RETRY_MILLIS = 30_000;

    /** Multipart part size: large enough that a part's request overhead is small, 16 MiB. */
    static final int PART_BYTES = 16 << 20;
    /** Parts uploaded at once by one stream. */
    static final int PARTS_IN_FLIGHT = 4;
    /** The largest object S3 copies in one CopyObject call. */
    private static final long MAX_COPY_BYTES = 5L << 30;

    private final MinioClient client;
    private final PartClient parts;
    private final long retryMillis;
    private final String endpoint;

    public MinioObjectStore(String endpoint, String accessKey, String secretKey) {
        this(endpoint, accessKey, secretKey, SERVICE_RETRY_MILLIS);
    }

    /** @param retryMillis how long calls are retried after connection and server errors (0: never) */
    public MinioObjectStore(String endpoint, String accessKey, String secretKey, long retryMillis) {
        this.endpoint = endpoint;
        this.retryMillis = retryMillis;
        // No connection reuse: an object rewritten while it is read (state.json) can make a server
        // send a body of another length than announced, which would poison a kept-alive connection.
        OkHttpClient http = new OkHttpClient.Builder().connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS))
                .connectTimeout(Duration.ofSeconds(10)).readTimeout(Duration.ofMinutes(5))
                .writeTimeout(Duration.ofMinutes(5)).build();
        this.client = MinioClient.builder().endpoint(endpoint).credentials(accessKey, secretKey)
                .region("us-east-1").httpClient(http).build();
        this.parts = new PartClient(MinioAsyncClient.builder().endpoint(endpoint).credentials(accessKey, secretKey)
                .region("us-east-1").httpClient(http).build());
    }

    /** The MinIO client's multipart calls, which it keeps protected. */
    private static final class PartClient extends MinioAsyncClient {
        PartClient(MinioAsyncClient client) {
            super(client);
        }

        String create(String bucket, String key) throws Exception {
            return createMultipartUploadAsync(bucket, null, key, null, null).get().result().uploadId();
        }

        String upload(String bucket, String key, String uploadId, int number, byte[] bytes, int length)
                throws Exception {
            return uploadPartAsync(bucket, null, key, (Object) bytes, (long) length, uploadId, number, null, null)
                    .get().etag();
        }

        void complete(String bucket, String key, String uploadId, Part[] list) throws Exception {
            completeMultipartUploadAsync(bucket, null, key, uploadId, list, null, null).get();
        }

        void abort(String bucket, String key, String uploadId) throws Exception {
            abortMultipartUploadAsync(bucket, null, key, uploadId, null, null).get();
        }
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
        try {
            putStream(bucket, key, out -> Files.copy(file, out));
        } catch (IOException e) {
            throw new UncheckedIOException("S3 " + endpoint + " " + bucket + "/" + key + ": " + e.getMessage(), e);
        }
    }

    /**
     * A multipart upload, {@value #PARTS_IN_FLIGHT} parts of 16 MiB at a time; each call is retried
     * like any other, and a failure aborts the upload.
     */
    @Override
    public void putStream(String bucket, String key, Writer writer) throws IOException {
        String what = bucket + "/" + key;
        MultipartStream out = new MultipartStream(new MultipartStream.Parts() {
            @Override
            public String create() {
                return call(() -> parts.create(bucket, key), what);
            }

            @Override
            public String upload(String uploadId, int number, byte[] bytes, int length) {
                return call(() -> parts.upload(bucket, key, uploadId, number, bytes, length), what + " part " + number);
            }

            @Override
            public void complete(String uploadId, List<String> etags) {
                Part[] list = new Part[etags.size()];
                for (int i = 0; i < list.length; i++) {
                    list[i] = new Part(i + 1, etags.get(i));
                }
                call(() -> {
                    parts.complete(bucket, key, uploadId, list);
                    return null;
                }, what);
            }

            @Override
            public void abort(String uploadId) {
                try {
                    call(() -> {
                        parts.abort(bucket, key, uploadId);
                        return null;
                    }, what);
                } catch (RuntimeException e) {
                    // the upload failed already; an abort that fails too leaves parts the server expires
                }
            }

            @Override
            public void put(byte[] bytes, int length) {
                MinioObjectStore.this.put(bucket, key, bytes);
            }
        }, PART_BYTES, PARTS_IN_FLIGHT);
        try {
            writer.writeTo(out);
        } catch (IOException | RuntimeException e) {
            out.abort();
            throw e;
        }
        out.close();
    }

    /** Server-side: CopyObject up to S3's 5 GiB limit, a multipart copy (ComposeObject) beyond. */
    @Override
    public void copy(String bucket, String key, String toBucket, String toKey) {
        long size = size(bucket, key);
        call(() -> size <= MAX_COPY_BYTES
                ? client.copyObject(CopyObjectArgs.builder().bucket(toBucket).object(toKey)
                        .source(CopySource.builder().bucket(bucket).object(key).build()).build())
                : client.composeObject(ComposeObjectArgs.builder().bucket(toBucket).object(toKey)
                        .sources(List.of(ComposeSource.builder().bucket(bucket).object(key).build())).build()),
                bucket + "/" + key + " to " + toBucket + "/" + toKey);
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

    /**
     * Runs a call, again after a connection error or a server error (5xx) with exponential backoff
     * from 100 ms to 5 s, for up to the store's retry time in all: a restarting S3 server is waited
     * for, while a refusal (no such key, access denied) fails at once.
     */
    private <T> T call(S3Call<T> c, String what) {
        long deadline = System.currentTimeMillis() + retryMillis;
        long delay = 100;
        while (true) {
            try {
                return c.run();
            } catch (java.util.concurrent.ExecutionException e) {
                Exception cause = e.getCause() instanceof Exception x ? x : e;
                if (!retryable(cause) || System.currentTimeMillis() + delay > deadline) {
                    throw failure(cause, what);
                }
            } catch (Exception e) {
                if (!retryable(e) || System.currentTimeMillis() + delay > deadline) {
                    throw failure(e, what);
                }
            }
            try {
                Thread.sleep(delay);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("S3 " + endpoint + " " + what + ": interrupted", interrupted);
            }
            delay = Math.min(2 * delay, 5000);
        }
    }

    private static boolean retryable(Exception e) {
        return e instanceof IOException || e instanceof ServerException
                || e instanceof ErrorResponseException r && r.response() != null && r.response().code() >= 500;
    }

    private RuntimeException failure(Exception e, String what) {
        if (e instanceof IOException io) {
            return new UncheckedIOException("S3 " + endpoint + " " + what + ": " + e.getMessage(), io);
        }
        if (e instanceof RuntimeException r) {
            return r;
        }
        return new IllegalStateException("S3 " + endpoint + " " + what + ": " + e.getMessage(), e);
    }
}
