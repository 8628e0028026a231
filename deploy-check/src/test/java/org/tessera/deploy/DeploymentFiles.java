package org.tessera.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.tessera.testsupport.SourceTree;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** compose/ and k8s/ as parsed YAML, with compose's ${VAR:-default} substitution from compose/.env. */
final class DeploymentFiles {
    /** The five services by module name; compose service, k8s Deployment and image use the same names. */
    static final List<String> SERVICES = List.of("partitioner", "gridder-service", "gather-service", "clean-service",
            "restore-service");
    /** Each service's MinIO user (its Secret tessera-s3-USER, its policy k8s/minio-policies/USER.json). */
    static final Map<String, String> S3_USERS = Map.of("partitioner", "partitioner", "gridder-service", "gridder",
            "gather-service", "gather", "clean-service", "clean", "restore-service", "restore");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::-([^}]*))?}");

    private DeploymentFiles() {
    }

    static JsonNode compose() {
        return read(SourceTree.root().resolve("compose/docker-compose.yml")).get(0);
    }

    static Map<String, String> composeEnv() {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(SourceTree.root().resolve("compose/.env"))) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> m = new LinkedHashMap<>();
        p.stringPropertyNames().forEach(n -> m.put(n, p.getProperty(n)));
        return m;
    }

    /** A compose value with ${VAR} and ${VAR:-default} replaced as compose does; unknown variables fail. */
    static String substitute(String value) {
        Map<String, String> env = composeEnv();
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = env.getOrDefault(m.group(1), m.group(2));
            if (v == null) {
                throw new AssertionError("compose uses ${" + m.group(1) + "} but compose/.env does not set it");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        return m.appendTail(out).toString();
    }

    static List<Path> k8sFiles() {
        try (Stream<Path> s = Files.list(SourceTree.root().resolve("k8s"))) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every document of every k8s/ file. */
    static List<JsonNode> k8s() {
        List<JsonNode> all = new ArrayList<>();
        k8sFiles().forEach(f -> all.addAll(read(f)));
        return all;
    }

    static JsonNode k8s(String kind, String name) {
        return k8s().stream().filter(d -> d.path("kind").asText().equals(kind)
                        && d.path("metadata").path("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("k8s/ has no " + kind + " " + name));
    }

    /** A MinIO policy of k8s/minio-policies/. */
    static JsonNode policy(String user) {
        try {
            return YAML.readTree(SourceTree.root().resolve("k8s/minio-policies/" + user + ".json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String k8sText(String file) {
        try {
            return Files.readString(SourceTree.root().resolve("k8s").resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode container(String deployment) {
        return k8s("Deployment", deployment).at("/spec/template/spec/containers/0");
    }

    static List<JsonNode> read(Path file) {
        try (var parser = YAML.getFactory().createParser(file.toFile())) {
            List<JsonNode> docs = new ArrayList<>();
            YAML.readValues(parser, JsonNode.class).forEachRemaining(d -> {
                if (d != null && !d.isNull() && !d.isMissingNode()) {
                    docs.add(d);
                }
            });
            return docs;
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    /** quarkus.http.port of a service module's application.properties (Quarkus' default 8080 if absent). */
    static int quarkusHttpPort(String module) {
        Properties p = new Properties();
        Path file = SourceTree.root().resolve(module + "/src/main/resources/application.properties");
        try (var in = Files.newBufferedReader(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Integer.parseInt(p.getProperty("quarkus.http.port", "8080"));
    }
}
