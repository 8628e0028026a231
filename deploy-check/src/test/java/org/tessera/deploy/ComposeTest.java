package org.tessera.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.tessera.pipeline.PipelineConfig;

import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tessera.deploy.DeploymentFiles.SERVICES;
import static org.tessera.deploy.DeploymentFiles.compose;
import static org.tessera.deploy.DeploymentFiles.substitute;
import static org.tessera.testsupport.SourceTree.root;

/** compose/docker-compose.yml against the services' configuration. */
class ComposeTest {
    private static JsonNode service(String name) {
        JsonNode s = compose().path("services").path(name);
        assertTrue(s.isObject(), "compose has no service " + name);
        return s;
    }

    @Test
    void fiveServicesEachBuiltFromItsModuleWithTheSharedDockerfile() {
        for (String name : SERVICES) {
            JsonNode build = service(name).path("build");
            assertEquals("../" + name, build.path("context").asText(), name);
            assertTrue(Files.isRegularFile(root().resolve("compose").resolve(build.path("context").asText())
                    .resolve(build.path("dockerfile").asText()).normalize()), name + ": Dockerfile missing");
            assertTrue(Files.isRegularFile(root().resolve(name).resolve("pom.xml")), name + " is not a module");
        }
    }

    @Test
    void everyServiceGetsEveryVariableItReadsWithCredentialsFromEnvFile() {
        for (String name : SERVICES) {
            JsonNode env = service(name).path("environment");
            List<String> missing = new ArrayList<>();
            for (String variable : PipelineConfig.VARIABLES) {
                if (!env.has(variable)) {
                    missing.add(variable);
                }
            }
            assertEquals(List.of(), missing, name + " lacks variables");
            for (String secret : List.of(PipelineConfig.BROKER_USER, PipelineConfig.BROKER_PASSWORD)) {
                assertEquals("${" + secret + "}", env.path(secret).asText(), name + ": " + secret + " not from .env");
                substitute(env.path(secret).asText());
            }
            // its own MinIO user
            String user = DeploymentFiles.S3_USERS.get(name).toUpperCase();
            assertEquals("${" + user + "_S3_ACCESS_KEY}", env.path(PipelineConfig.S3_ACCESS_KEY).asText(), name);
            assertEquals("${" + user + "_S3_SECRET_KEY}", env.path(PipelineConfig.S3_SECRET_KEY).asText(), name);
            substitute(env.path(PipelineConfig.S3_SECRET_KEY).asText());
        }
    }

    @Test
    void brokerAndS3UrlsNameTheComposeServicesAndTheirPortsWithTheSameCredentials() {
        JsonNode artemis = service("artemis");
        JsonNode minio = service("minio");
        assertTrue(artemis.path("image").asText().startsWith("apache/activemq-artemis:"));
        assertTrue(minio.path("image").asText().startsWith("minio/minio:"));
        assertEquals("${" + PipelineConfig.BROKER_USER + "}", artemis.at("/environment/ARTEMIS_USER").asText());
        assertEquals("${" + PipelineConfig.BROKER_PASSWORD + "}", artemis.at("/environment/ARTEMIS_PASSWORD").asText());
        assertEquals("${MINIO_ROOT_USER}", minio.at("/environment/MINIO_ROOT_USER").asText());
        assertEquals("${MINIO_ROOT_PASSWORD}", minio.at("/environment/MINIO_ROOT_PASSWORD").asText());
        for (String name : SERVICES) {
            JsonNode env = service(name).path("environment");
            URI broker = URI.create(env.path(PipelineConfig.BROKER_URL).asText());
            URI s3 = URI.create(env.path(PipelineConfig.S3_URL).asText());
            assertEquals("artemis", broker.getHost(), name);
            assertEquals(61616, broker.getPort(), name);
            assertEquals("minio", s3.getHost(), name);
            assertEquals(9000, s3.getPort(), name);
            assertTrue(service(name).path("depends_on").has("artemis"), name);
            assertTrue(service(name).path("depends_on").has("minio-setup"), name);
        }
        assertTrue(artemis.path("ports").toString().contains("61616:61616"));
        assertTrue(minio.path("ports").toString().contains("9000:9000"));
        String setup = DeploymentFiles.k8sText("minio-setup.sh");
        for (String bucket : List.of("ingest", "work", "results")) {
            assertTrue(setup.contains("tessera/" + bucket), "bucket " + bucket + " not created");
        }
        assertTrue(service("minio-setup").path("volumes").toString().contains("../k8s/minio-setup.sh:"));
    }

    @Test
    void servicesExposeTheQuarkusPortAndCheckReadiness() {
        for (String name : SERVICES) {
            int port = DeploymentFiles.quarkusHttpPort(name);
            assertEquals(String.valueOf(port), service(name).path("expose").get(0).asText(), name);
            String check = service(name).at("/healthcheck/test").toString();
            assertTrue(check.contains("/q/health/ready") && check.contains("127.0.0.1/" + port), name + ": " + check);
        }
    }

    @Test
    void gridderReservesOneNvidiaGpuAndHasReplicas() {
        JsonNode deploy = service("gridder-service").path("deploy");
        JsonNode device = deploy.at("/resources/reservations/devices/0");
        assertEquals("nvidia", device.path("driver").asText());
        assertEquals(1, device.path("count").asInt());
        assertEquals("gpu", device.path("capabilities").get(0).asText());
        assertTrue(deploy.path("replicas").asInt() >= 1);
        assertEquals(1, service("gather-service").at("/deploy/replicas").asInt(), "the controller is a singleton");
        for (String name : SERVICES) {
            if (!name.equals("gridder-service")) {
                assertTrue(service(name).at("/deploy/resources").isMissingNode(), name + " reserves devices");
            }
        }
    }
}
