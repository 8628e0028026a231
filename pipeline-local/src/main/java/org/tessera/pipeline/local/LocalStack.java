package org.tessera.pipeline.local;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import org.tessera.pipeline.JobMetrics;
import org.tessera.pipeline.PipelineConfig;
import org.tessera.pipeline.web.WebApp;
import org.tessera.service.ServiceHost;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The one-machine deployment: embedded broker, embedded S3 and the services, all on loopback,
 * with credentials generated into {@code <dir>/stack.properties} (readable by the owner only)
 * so that other commands on the machine can find and use the running stack.
 */
public final class LocalStack implements AutoCloseable {
    public static final String STACK_FILE = "stack.properties";

    private final EmbeddedBroker broker;
    private final EmbeddedS3 s3;
    private final PipelineConfig config;
    private ServiceHost services;
    private WebServer web;
    private PrometheusMeterRegistry metrics;

    private LocalStack(EmbeddedBroker broker, EmbeddedS3 s3, PipelineConfig config) {
        this.broker = broker;
        this.s3 = s3;
        this.config = config;
    }

    /** Starts broker and S3 (credentials new each time) and the given services. */
    public static LocalStack start(Path dir, Set<String> services, int maxDeliveries, int gridConsumers)
            throws Exception {
        Files.createDirectories(dir);
        // the journal, the objects and the credentials are the owner's alone
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        String user = "tessera";
        String password = secret();
        String access = "tessera-" + secret().substring(0, 8);
        String key = secret();
        EmbeddedBroker broker = EmbeddedBroker.start(dir.resolve("broker"), freePort(), user, password, maxDeliveries);
        EmbeddedS3 s3 = EmbeddedS3.start(dir.resolve("s3"), freePort(), access, key);
        Map<String, String> env = new java.util.LinkedHashMap<>();
        env.put(PipelineConfig.BROKER_URL, broker.url());
        env.put(PipelineConfig.BROKER_USER, user);
        env.put(PipelineConfig.BROKER_PASSWORD, password);
        env.put(PipelineConfig.S3_URL, s3.url());
        env.put(PipelineConfig.S3_ACCESS_KEY, access);
        env.put(PipelineConfig.S3_SECRET_KEY, key);
        env.put(PipelineConfig.WORK_DIR, dir.resolve("services").toString());
        env.put(PipelineConfig.GRID_CONSUMERS, String.valueOf(gridConsumers));
        env.put(PipelineConfig.INGEST_POLL_MS, "500");
        PipelineConfig config = PipelineConfig.from(env);
        config.objectStore().ensureBuckets();
        LocalStack stack = new LocalStack(broker, s3, config);
        stack.writeStackFile(dir.resolve(STACK_FILE));
        if (!services.isEmpty()) {
            stack.services = ServiceHost.start(config, new LinkedHashSet<>(services));
        }
        return stack;
    }

    /**
     * Serves the job pages, the API and {@code /metrics} on 127.0.0.1:{@code port} (0: any free port);
     * the task metrics of this process's services land in the registry it scrapes. Returns the URL.
     */
    public String serveWeb(int port) throws IOException {
        metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new ClassLoaderMetrics().bindTo(metrics);
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        new ProcessorMetrics().bindTo(metrics);
        new UptimeMetrics().bindTo(metrics);
        JobMetrics.bind(metrics, config.objectStore(), broker::depth);
        Metrics.addRegistry(metrics);
        web = WebServer.start(port, new WebApp(config.objectStore()), metrics);
        return web.url();
    }

    public PipelineConfig config() {
        return config;
    }

    /** The embedded broker, for tests that count what went through a queue. */
    public EmbeddedBroker broker() {
        return broker;
    }

    /** Stops the in-process services (the broker and S3 keep running), e.g. to simulate a crash. */
    public void stopServices() {
        if (services != null) {
            services.close();
            services = null;
        }
    }

    /** The broker stopped for {@code down} and started again (same port, same journal), as a fault test's outage. */
    public void restartBroker(java.time.Duration down) throws Exception {
        broker.restart(down);
    }

    /** S3 unreachable for {@code down}, then back with the same objects, as a fault test's outage. */
    public void s3Outage(java.time.Duration down) throws Exception {
        s3.outage(down);
    }

    public void startServices(Set<String> names) throws Exception {
        stopServices();
        services = ServiceHost.start(config, names);
    }

    private void writeStackFile(Path file) throws IOException {
        Properties p = new Properties();
        config.toEnvironment().forEach(p::setProperty);
        p.setProperty("pid", String.valueOf(ProcessHandle.current().pid()));
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (OutputStream out = Files.newOutputStream(file)) {
            p.store(out, "tessera up: broker and S3 on loopback (credentials generated at start)");
        }
    }

    /** The configuration of a stack started by another process in {@code dir}, if it is still answering. */
    public static PipelineConfig find(Path dir) {
        Path file = dir.resolve(STACK_FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException e) {
            return null;
        }
        Map<String, String> env = new java.util.LinkedHashMap<>();
        p.stringPropertyNames().forEach(n -> env.put(n, p.getProperty(n)));
        try {
            PipelineConfig config = PipelineConfig.from(env);
            URI s3 = URI.create(config.s3Url());
            URI broker = URI.create(config.brokerUrl());
            return answers(s3.getPort()) && answers(broker.getPort()) ? config : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static boolean answers(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String secret() {
        byte[] b = new byte[20];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        if (web != null) {
            web.close();
            Metrics.removeRegistry(metrics);
            metrics.close();
        }
        stopServices();
        s3.close();
        broker.close();
    }
}
