package org.tessera.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tessera.pipeline.PipelineConfig;
import org.tessera.pipeline.Queues;

import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tessera.deploy.DeploymentFiles.SERVICES;
import static org.tessera.deploy.DeploymentFiles.container;
import static org.tessera.deploy.DeploymentFiles.k8s;

/** k8s/ manifests against the services' configuration, the queue names and compose/. */
class KubernetesTest {
    private static final String NAMESPACE = "tessera";

    /** Every service runs as a non-root user on a read-only root filesystem, writing only /work and /tmp. */
    @Test
    void servicesRunAsNonRootOnAReadOnlyRootFilesystem() {
        for (String service : SERVICES) {
            JsonNode pod = k8s("Deployment", service).at("/spec/template/spec");
            assertTrue(pod.at("/securityContext/runAsNonRoot").asBoolean(), service);
            assertEquals(185, pod.at("/securityContext/runAsUser").asInt(), service + ": the image's user");
            JsonNode c = container(service).path("securityContext");
            assertTrue(c.path("readOnlyRootFilesystem").asBoolean(), service);
            assertFalse(c.path("allowPrivilegeEscalation").asBoolean(true), service);
            Set<String> writable = new TreeSet<>();
            container(service).path("volumeMounts").forEach(m -> writable.add(m.path("mountPath").asText()));
            assertEquals(Set.of("/tmp", "/work"), writable, service);
        }
    }

    /** Ingress is denied by default; the broker and MinIO take connections from Tessera's pods only. */
    @Test
    void networkPoliciesDenyIngressByDefault() {
        JsonNode deny = k8s("NetworkPolicy", "default-deny-ingress").path("spec");
        assertEquals(0, deny.path("podSelector").size(), "every pod");
        assertEquals(0, deny.path("ingress").size(), "no ingress rule: all denied");
        JsonNode broker = k8s("NetworkPolicy", "broker-from-services").path("spec");
        assertEquals("artemis", broker.at("/podSelector/matchLabels/app.kubernetes.io~1name").asText());
        assertEquals("tessera", broker.at("/ingress/0/from/0/podSelector/matchLabels/app.kubernetes.io~1part-of").asText());
        assertEquals(61616, broker.at("/ingress/0/ports/0/port").asInt());
        JsonNode minio = k8s("NetworkPolicy", "minio-from-services").path("spec");
        assertEquals(9000, minio.at("/ingress/0/ports/0/port").asInt());
    }

    /** Every secret committed in compose/.env and the k8s Secrets is a placeholder that every service refuses. */
    @Test
    void theCommittedSecretsArePlaceholdersTheServicesRefuse() {
        int secrets = 0;
        for (JsonNode doc : k8s()) {
            if (doc.path("kind").asText().equals("Secret")) {
                for (var f : (Iterable<java.util.Map.Entry<String, JsonNode>>) doc.path("stringData")::fields) {
                    if (f.getKey().endsWith("PASSWORD") || f.getKey().endsWith("SECRET_KEY")) {
                        assertTrue(PipelineConfig.isPlaceholder(f.getValue().asText()), "k8s " + f.getKey());
                        secrets++;
                    }
                }
            }
        }
        assertEquals(8, secrets, "broker, MinIO root, five services and clients");
        DeploymentFiles.composeEnv().forEach((name, value) -> {
            if (name.endsWith("PASSWORD") || name.endsWith("SECRET_KEY")) {
                assertTrue(PipelineConfig.isPlaceholder(value), "compose/.env " + name);
            }
        });
    }

    /**
     * Artemis gets k8s/broker.properties (redelivery, DLQ, expiry) and its users in etc-override, written
     * from the generated ConfigMap and the Secret by an init container at every start.
     */
    @Test
    void theBrokerGetsTheSharedBrokerPropertiesAndItsUsersAtEveryStart() {
        JsonNode generator = k8s("Kustomization", "").path("configMapGenerator").get(0);
        assertEquals("artemis-broker-properties", generator.path("name").asText());
        assertEquals("[\"broker.properties\",\"artemis-etc.sh\"]", generator.path("files").toString());
        JsonNode pod = k8s("Deployment", "artemis").at("/spec/template/spec");
        JsonNode init = pod.at("/initContainers/0");
        assertEquals("[\"/bin/sh\",\"/setup/artemis-etc.sh\"]", init.path("command").toString());
        assertEquals(container("artemis").path("image").asText(), init.path("image").asText());
        Set<String> fromSecret = new TreeSet<>();
        init.path("env").forEach(e -> fromSecret.add(e.path("name").asText() + "=" + e.at("/valueFrom/secretKeyRef/name")
                .asText() + "/" + e.at("/valueFrom/secretKeyRef/key").asText()));
        assertEquals(Set.of("ARTEMIS_USER=tessera-credentials/" + PipelineConfig.BROKER_USER,
                "ARTEMIS_PASSWORD=tessera-credentials/" + PipelineConfig.BROKER_PASSWORD), fromSecret);
        String override = "/var/lib/artemis-instance/etc-override";
        assertEquals("etc-override", mountAt(init, override));
        assertEquals("etc-override", mountAt(container("artemis"), override));
        assertEquals("broker-properties", mountAt(init, "/setup"));
        for (JsonNode v : pod.path("volumes")) {
            if (v.path("name").asText().equals("broker-properties")) {
                assertEquals("artemis-broker-properties", v.at("/configMap/name").asText());
            }
            if (v.path("name").asText().equals("etc-override")) {
                assertTrue(v.has("emptyDir"), "etc-override is written anew at every start");
            }
        }
        String script = DeploymentFiles.k8sText("artemis-etc.sh");
        assertTrue(script.contains("\"$ARTEMIS_USER\" \"$ARTEMIS_PASSWORD\" > \"$override/artemis-users.properties\""),
                "the users file from the Secret");
        assertTrue(script.contains("cp /setup/broker.properties \"$override/broker.properties\""));

        JsonNode compose = DeploymentFiles.compose().path("services");
        String etc = compose.at("/artemis-etc/volumes").toString();
        assertTrue(etc.contains("../k8s/broker.properties:/setup/broker.properties:ro"), etc);
        assertTrue(etc.contains("../k8s/artemis-etc.sh:/setup/artemis-etc.sh:ro"), etc);
        assertTrue(etc.contains("artemis-etc-override:" + override), etc);
        assertTrue(compose.at("/artemis/volumes").toString().contains("artemis-etc-override:" + override));
        assertEquals("service_completed_successfully", compose.at("/artemis/depends_on/artemis-etc/condition").asText());
    }

    private static String mountAt(JsonNode container, String path) {
        for (JsonNode m : container.path("volumeMounts")) {
            if (m.path("mountPath").asText().equals(path)) {
                return m.path("name").asText();
            }
        }
        throw new AssertionError(container.path("name").asText() + " mounts nothing at " + path);
    }

    @Test
    void everyManifestIsInTheNamespaceAndListedInTheKustomization() {
        Set<String> listed = new HashSet<>();
        k8s("Kustomization", "").path("resources").forEach(r -> listed.add(r.asText()));
        for (Path file : DeploymentFiles.k8sFiles()) {
            if (!file.getFileName().toString().equals("kustomization.yaml")) {
                assertTrue(listed.contains(file.getFileName().toString()), file + " not in kustomization.yaml");
            }
        }
        k8s("Namespace", NAMESPACE);
        for (JsonNode doc : k8s()) {
            String kind = doc.path("kind").asText();
            if (!kind.equals("Namespace") && !kind.equals("Kustomization")) {
                assertEquals(NAMESPACE, doc.at("/metadata/namespace").asText(), kind + " " + doc.at("/metadata/name"));
            }
        }
    }

    @Test
    void configMapAndSecretTogetherProvideEveryVariableAndEveryServiceUsesBoth() {
        Set<String> config = fieldNames(k8s("ConfigMap", "tessera-config").path("data"));
        Set<String> broker = fieldNames(k8s("Secret", "tessera-credentials").path("stringData"));
        assertEquals(Set.of(PipelineConfig.BROKER_USER, PipelineConfig.BROKER_PASSWORD), broker,
                "broker credentials belong in the Secret");
        for (String name : SERVICES) {
            Set<String> s3 = fieldNames(k8s("Secret", "tessera-s3-" + DeploymentFiles.S3_USERS.get(name))
                    .path("stringData"));
            assertEquals(Set.of(PipelineConfig.S3_ACCESS_KEY, PipelineConfig.S3_SECRET_KEY), s3, name);
            Set<String> provided = new TreeSet<>(config);
            provided.addAll(broker);
            provided.addAll(s3);
            assertEquals(config.size() + 4, provided.size(), name + ": a variable set twice");
            assertEquals(new TreeSet<>(PipelineConfig.VARIABLES), provided, name);
            List<String> envFrom = new java.util.ArrayList<>();
            container(name).path("envFrom").forEach(e -> envFrom.add(e.has("configMapRef")
                    ? "config:" + e.at("/configMapRef/name").asText() : "secret:" + e.at("/secretRef/name").asText()));
            assertEquals(List.of("config:tessera-config", "secret:tessera-credentials",
                    "secret:tessera-s3-" + DeploymentFiles.S3_USERS.get(name)), envFrom, name);
        }
    }

    @Test
    void servicePortsMatchContainerPortsAndTheQuarkusHttpPort() {
        for (String name : SERVICES) {
            int quarkus = DeploymentFiles.quarkusHttpPort(name);
            JsonNode port = k8s("Service", name).at("/spec/ports/0");
            assertEquals(quarkus, port.path("port").asInt(), name);
            assertEquals(quarkus, containerPort(name, port.path("targetPort").asText()), name);
            assertEquals(name, k8s("Service", name).at("/spec/selector/app.kubernetes.io~1name").asText());
            assertEquals(name, k8s("Deployment", name).at("/spec/template/metadata/labels/app.kubernetes.io~1name")
                    .asText());
        }
        JsonNode config = k8s("ConfigMap", "tessera-config").path("data");
        URI broker = URI.create(config.path(PipelineConfig.BROKER_URL).asText());
        URI s3 = URI.create(config.path(PipelineConfig.S3_URL).asText());
        assertEquals(broker.getPort(), servicePort(broker.getHost(), "core"));
        assertEquals(61616, broker.getPort());
        assertEquals(s3.getPort(), servicePort(s3.getHost(), "s3"));
        assertEquals(9000, s3.getPort());
        assertEquals(61616, containerPort("artemis", "core"));
        assertEquals(9000, containerPort("minio", "s3"));
    }

    @Test
    void probesAreTheQuarkusHealthEndpointsOnTheHttpPort() {
        for (String name : SERVICES) {
            JsonNode c = container(name);
            assertEquals("/q/health/live", c.at("/livenessProbe/httpGet/path").asText(), name);
            assertEquals("/q/health/ready", c.at("/readinessProbe/httpGet/path").asText(), name);
            assertEquals(DeploymentFiles.quarkusHttpPort(name),
                    containerPort(name, c.at("/readinessProbe/httpGet/port").asText()), name);
            assertEquals(DeploymentFiles.quarkusHttpPort(name),
                    containerPort(name, c.at("/livenessProbe/httpGet/port").asText()), name);
        }
    }

    @Test
    void prometheusScrapesMetricsOnTheHttpPort() {
        for (String name : SERVICES) {
            JsonNode a = k8s("Deployment", name).at("/spec/template/metadata/annotations");
            assertEquals("true", a.path("prometheus.io/scrape").asText(), name);
            assertEquals("/q/metrics", a.path("prometheus.io/path").asText(), name);
            assertEquals(DeploymentFiles.quarkusHttpPort(name), a.path("prometheus.io/port").asInt(), name);
        }
    }

    @Test
    void gridderRequestsOneGpuAndEveryServiceHasResources() {
        for (String name : SERVICES) {
            JsonNode r = container(name).path("resources");
            assertTrue(r.at("/requests/cpu").isValueNode() && r.at("/requests/memory").isValueNode(), name);
            assertTrue(r.at("/limits/memory").isValueNode(), name);
            boolean gpu = name.equals("gridder-service");
            assertEquals(gpu ? "1" : "", r.at("/requests/nvidia.com~1gpu").asText(), name);
            assertEquals(gpu ? "1" : "", r.at("/limits/nvidia.com~1gpu").asText(), name);
        }
        assertEquals(1, k8s("Deployment", "gather-service").at("/spec/replicas").asInt(), "the controller is a singleton");
        assertEquals("Recreate", k8s("Deployment", "gather-service").at("/spec/strategy/type").asText());
    }

    /** KEDA scales the gridder on the grid queue, clean-service on the clean queue (a cube's groups clean at once),
     *  on the depths the services export to Prometheus (no Jolokia). */
    @ParameterizedTest
    @CsvSource({"gridder-service, tessera.grid", "clean-service, tessera.clean"})
    void kedaScalesAServiceOnItsQueueDepthFromPrometheus(String service, String queue) {
        JsonNode scaled = k8s("ScaledObject", service);
        assertEquals("keda.sh/v1alpha1", scaled.path("apiVersion").asText());
        assertEquals(service, scaled.at("/spec/scaleTargetRef/name").asText());
        k8s("Deployment", scaled.at("/spec/scaleTargetRef/name").asText());
        JsonNode trigger = scaled.at("/spec/triggers/0");
        assertEquals("prometheus", trigger.path("type").asText());
        String query = trigger.at("/metadata/query").asText();
        // the gauge of JobMetrics (tessera.queue.depth, tag queue) as Prometheus names it
        assertTrue(query.contains("tessera_queue_depth{queue=\"" + queue + "\"}"), query);
        assertTrue(Integer.parseInt(trigger.at("/metadata/threshold").asText()) >= 1);
        assertTrue(URI.create(trigger.at("/metadata/serverAddress").asText()).getHost() != null);
        assertTrue(k8s("Deployment", "gather-service").at("/spec/template/metadata/annotations")
                .path("prometheus.io/scrape").asBoolean(), "the exporter is scraped");
        for (JsonNode doc : k8s()) {
            assertFalse(doc.path("kind").asText().equals("TriggerAuthentication"), "KEDA needs no broker credentials");
        }
    }

    @Test
    void imagesAreTheComposeImages() {
        JsonNode compose = DeploymentFiles.compose().path("services");
        for (String name : List.of("partitioner", "gridder-service", "gather-service", "clean-service",
                "restore-service", "artemis", "minio")) {
            String composeImage = DeploymentFiles.substitute(compose.path(name).path("image").asText());
            assertFalse(composeImage.isEmpty(), name);
            assertEquals(composeImage, container(name).path("image").asText(), name);
        }
        for (String name : SERVICES) {
            assertEquals("tessera/" + name, container(name).path("image").asText().split(":")[0]);
        }
    }

    /** A container port by name or number, as a Service's targetPort or a probe's port refers to it. */
    private static int containerPort(String deployment, String ref) {
        for (JsonNode p : container(deployment).path("ports")) {
            if (p.path("name").asText().equals(ref) || p.path("containerPort").asText().equals(ref)) {
                return p.path("containerPort").asInt();
            }
        }
        throw new AssertionError(deployment + " has no container port " + ref);
    }

    private static int servicePort(String service, String name) {
        for (JsonNode p : k8s("Service", service).at("/spec/ports")) {
            if (p.path("name").asText().equals(name)) {
                assertEquals(p.path("port").asInt(), containerPort(service, p.path("targetPort").asText()), service);
                return p.path("port").asInt();
            }
        }
        throw new AssertionError("Service " + service + " has no port " + name);
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
