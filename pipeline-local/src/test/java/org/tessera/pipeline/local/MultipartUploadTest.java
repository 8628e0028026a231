package org.tessera.pipeline.local;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.pipeline.MinioObjectStore;
import org.tessera.pipeline.ObjectStore;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Streamed uploads ({@link ObjectStore#putStream}) against s3proxy's filesystem store on loopback:
 * multipart objects of several parts arrive whole, a writer that fails leaves no object and no
 * stored parts, and an S3 outage in the middle of an upload is ridden out by the part retries.
 */
class MultipartUploadTest {
    @TempDir
    static Path dir;
    static EmbeddedS3 s3;
    static ObjectStore store;

    @BeforeAll
    static void start() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort(); // a fixed port: the outage serves again on the same one
        }
        s3 = EmbeddedS3.start(dir.resolve("s3"), port, "key", "secret-key");
        store = new MinioObjectStore(s3.url(), "key", "secret-key", 20_000);
        store.ensureBuckets();
    }

    @AfterAll
    static void stop() throws Exception {
        if (s3 != null) {
            s3.close();
        }
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Writes in uneven pieces, as a tar writer does. */
    private static ObjectStore.Writer pieces(byte[] bytes) {
        return out -> {
            int at = 0;
            int step = 1;
            while (at < bytes.length) {
                int n = Math.min(step, bytes.length - at);
                out.write(bytes, at, n);
                at += n;
                step = step * 3 % 1_000_003 + 1;
            }
        };
    }

    @Test
    void anObjectOfSeveralPartsArrivesWhole() throws Exception {
        byte[] bytes = random((40 << 20) + 12345, 1);
        store.putStream(ObjectStore.WORK, "multi/three-parts", pieces(bytes));
        assertEquals(bytes.length, store.size(ObjectStore.WORK, "multi/three-parts"));
        assertArrayEquals(bytes, store.get(ObjectStore.WORK, "multi/three-parts"));
    }

    @Test
    void aSmallObjectIsOnePut() throws Exception {
        byte[] bytes = random(1000, 2);
        store.putStream(ObjectStore.WORK, "multi/small", pieces(bytes));
        assertArrayEquals(bytes, store.get(ObjectStore.WORK, "multi/small"));
        store.putStream(ObjectStore.WORK, "multi/empty", out -> { });
        assertEquals(0, store.size(ObjectStore.WORK, "multi/empty"));
    }

    @Test
    void aFailedWriterLeavesNothingBehind() throws Exception {
        byte[] bytes = random(40 << 20, 3);
        IOException e = assertThrows(IOException.class, () -> store.putStream(ObjectStore.WORK, "failed/object", out -> {
            out.write(bytes, 0, 35 << 20);
            throw new IOException("disk read error");
        }));
        assertEquals("disk read error", e.getMessage());
        assertFalse(store.exists(ObjectStore.WORK, "failed/object"));
        assertEquals(List.of(), store.list(ObjectStore.WORK, "failed/"));
        // nor parts on the server's disk: the upload was aborted
        try (Stream<Path> files = Files.walk(dir.resolve("s3"))) {
            List<Path> left = files.filter(Files::isRegularFile)
                    .filter(p -> p.toString().contains("failed")).toList();
            assertEquals(List.of(), left);
        }
    }

    @Test
    void anOutageMidUploadIsRetried() throws Exception {
        byte[] bytes = random(64 << 20, 4);
        CompletableFuture<Void> outage = new CompletableFuture<>();
        store.putStream(ObjectStore.WORK, "multi/through-outage", out -> {
            out.write(bytes, 0, 20 << 20);
            // the server goes away for a second while parts are on the wire and more are written
            CompletableFuture.runAsync(() -> {
                try {
                    s3.outage(Duration.ofSeconds(1));
                    outage.complete(null);
                } catch (Exception x) {
                    outage.completeExceptionally(x);
                }
            });
            out.write(bytes, 20 << 20, bytes.length - (20 << 20));
        });
        outage.get();
        byte[] back = store.get(ObjectStore.WORK, "multi/through-outage");
        assertEquals(bytes.length, back.length);
        assertFalse(Arrays.mismatch(bytes, back) >= 0, "the object differs at byte " + Arrays.mismatch(bytes, back));
    }
}
