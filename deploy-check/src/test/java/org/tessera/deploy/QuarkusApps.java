package org.tessera.deploy;

import org.tessera.pipeline.PipelineConfig;
import org.tessera.testsupport.Poll;
import org.tessera.testsupport.SourceTree;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The five Quarkus apps ({@code mvn -Pquarkus package}: <module>/target/quarkus-app) as processes
 * against a running broker and S3, each on its own HTTP port, started when all are ready.
 */
final class QuarkusApps implements AutoCloseable {
    private final List<Process> processes = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();

    static boolean built() {
        return DeploymentFiles.SERVICES.stream().allMatch(s -> Files.isRegularFile(jar(s)));
    }

    static Path jar(String service) {
        return SourceTree.root().resolve(service + "/target/quarkus-app/quarkus-run.jar");
    }

    static QuarkusApps start(PipelineConfig config, Path logs) throws Exception {
        if (!built()) {
            throw new IllegalStateException("build the Quarkus apps first: mvn -B -Pquarkus -DskipTests package");
        }
        Files.createDirectories(logs);
        QuarkusApps apps = new QuarkusApps();
        try {
            for (String service : DeploymentFiles.SERVICES) {
                int port = freePort();
                ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx1g", "-jar", jar(service).toString());
                pb.environment().putAll(config.withWorkDir(config.workDir().resolve(service)).toEnvironment());
                pb.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
                pb.redirectErrorStream(true).redirectOutput(logs.resolve(service + ".log").toFile());
                apps.processes.add(pb.start());
                apps.ports.add(port);
            }
            long deadline = System.currentTimeMillis() + 60_000;
            for (int i = 0; i < apps.ports.size(); i++) {
                int port = apps.ports.get(i);
                Process process = apps.processes.get(i);
                // An app that has exited will not become ready: stop waiting for it at once.
                int ready = Poll.until(() -> status(port, "/q/health/ready"), code -> code == 200 || !process.isAlive(),
                        Duration.ofMillis(Math.max(0, deadline - System.currentTimeMillis())), Duration.ofMillis(100));
                if (ready != 200) {
                    throw new IllegalStateException(DeploymentFiles.SERVICES.get(i) + " not ready; see "
                            + logs.resolve(DeploymentFiles.SERVICES.get(i) + ".log"));
                }
            }
            return apps;
        } catch (Exception e) {
            apps.close();
            throw e;
        }
    }

    List<Integer> ports() {
        return ports;
    }

    /** The HTTP status of a GET, or -1 while nothing answers. */
    static int status(int port, String path) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL()
                    .openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(5000);
            try {
                return c.getResponseCode();
            } finally {
                c.disconnect();
            }
        } catch (IOException e) {
            return -1;
        }
    }

    /** The body of a GET that must answer 200. */
    static String body(int port, String path) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL().openConnection();
        c.setConnectTimeout(1000);
        c.setReadTimeout(10000);
        try {
            if (c.getResponseCode() != 200) {
                throw new AssertionError("GET " + path + " on port " + port + ": HTTP " + c.getResponseCode());
            }
            try (var in = c.getInputStream()) {
                return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
        } finally {
            c.disconnect();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        processes.forEach(Process::destroy);
        for (Process p : processes) {
            if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }
}
