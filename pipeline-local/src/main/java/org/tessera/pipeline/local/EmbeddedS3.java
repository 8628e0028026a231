package org.tessera.pipeline.local;

import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * A real S3 API on loopback: s3proxy over a filesystem directory, requiring AWS v2/v4
 * signatures with a generated key pair, so the services' MinIO client is exercised as against MinIO.
 */
public final class EmbeddedS3 implements AutoCloseable {
    private final S3Proxy proxy;
    private final BlobStoreContext context;
    private final String url;

    private EmbeddedS3(S3Proxy proxy, BlobStoreContext context, String url) {
        this.proxy = proxy;
        this.context = context;
        this.url = url;
    }

    public static EmbeddedS3 start(Path dir, int port, String accessKey, String secretKey) throws Exception {
        Files.createDirectories(dir);
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", dir.toString());
        BlobStoreContext context = ContextBuilder.newBuilder("filesystem").credentials("local", "local")
                .overrides(properties).build(BlobStoreContext.class);
        S3Proxy proxy = S3Proxy.builder().blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .v4MaxNonChunkedRequestSize(1L << 31)
                .build();
        startAndWait(proxy);
        return new EmbeddedS3(proxy, context, "http://127.0.0.1:" + proxy.getPort());
    }

    private static void startAndWait(S3Proxy proxy) throws Exception {
        proxy.start();
        long deadline = System.currentTimeMillis() + 30_000;
        while (!AbstractLifeCycle.STARTED.equals(proxy.getState())) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("embedded S3 did not start: " + proxy.getState());
            }
            Thread.sleep(10);
        }
    }

    /** Stops answering for {@code down} (connections refused), then serves the same objects on the same port. */
    public void outage(java.time.Duration down) throws Exception {
        proxy.stop();
        Thread.sleep(down.toMillis());
        startAndWait(proxy);
    }

    public String url() {
        return url;
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        context.close();
    }
}
