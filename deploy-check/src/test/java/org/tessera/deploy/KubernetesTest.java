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
        JsonNode broker = k8s("NetworkPolicy", "broker-from-services-and-keda").path("spec");
        assertEquals("artemis", broker.at("/podSelector/matchLabels/app.kubernetes.io~1name").asText());
        assertEquals("tessera", broker.at("/ingress/0/from/0/podSelector/matchLabels/app.kubernetes.io~1part-of").asText());
        assertEquals(61616, broker.at("/ingress/0/ports/0/port").asInt());
        JsonNode minio = k8s("NetworkPolicy", "minio-from-services").path("spec");
        assertEquals(9000, minio.at("/ingress/0/ports/0/port").asInt());
    }

    /** The secrets committed in compose/.env and the k8s Secret are placeholders that every service refuses. */
    @Test
    void theCommittedSecretsArePlaceholdersTheServicesRefuse() {
        JsonNode secret = k8s("Secret", "tessera-credentials").path("stringData");
        for (String name : List.of(PipelineConfig.BROKER_PASSWORD, PipelineConfig.S3_SECRET_KEY)) {
            assertTrue(PipelineConfig.PLACEHOLDER_SECRETS.contains(secret.path(name).asText()), "k8s " + name);
            assertTrue(PipelineConfig.PLACEHOLDER_SECRETS.contains(DeploymentFiles.composeEnv().get(name)),
                    "compose/.env " + name);
        }
    }

    /** Artemis gets k8s/broker.properties (redelivery, DLQ, expiry) in etc-override, from a generated ConfigMap. */
    @Test
    void theBrokerGetsTheSharedBrokerProperties() {
        JsonNode generator = k8s("Kustomization", "").path("configMapGenerator").get(0);
        assertEquals("artemis-broker-properties", generator.path("name").asText());
        assertEquals("broker.properties", generator.path("files").get(0).asText());
        assertTrue(java.nio.file.Files.isRegularFile(DeploymentFiles.k8sFiles().get(0).resolveSibling("broker.properties")));
        JsonNode pod = k8s("Deployment", "artemis").at("/spec/template/spec");
        boolean mounted = false;
        for (JsonNode m : container("artemis").path("volumeMounts")) {
            if (m.path("mountPath").asText().equals("/var/lib/artemis-instance/etc-override/broker.properties")) {
                assertEquals("broker.properties", m.path("subPath").asText());
                for (JsonNode v : pod.path("volumes")) {
                    if (v.path("name").asText().equals(m.path("name").asText())) {
                        assertEquals("artemis-broker-properties", v.at("/configMap/name").asText());
                        mounted = true;
                    }
                }
            }
        }
        assertTrue(mounted, "broker.properties is not mounted into the artemis container");
        boolean inCompose = false;
        for (JsonNode v : DeploymentFiles.compose().at("/services/artemis/volumes")) {
            inCompose |= v.asText().equals("../k8s/broker.properties:/var/lib/artemis-instance/etc-override/broker.properties:ro");
        }
        assertTrue(inCompose, "compose's artemis does not mount ../k8s/broker.properties");
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
        Set<String> secret = fieldNames(k8s("Secret", "tessera-credentials").path("stringData"));
        Set<String> both = new TreeSet<>(config);
        both.retainAll(secret);
        assertEquals(Set.of(), both, "set twice");
        Set<String> provided = new TreeSet<>(config);
        provided.addAll(secret);
        assertEquals(new TreeSet<>(PipelineConfig.VARIABLES), provided);
        assertEquals(Set.of(PipelineConfig.BROKER_USER, PipelineConfig.BROKER_PASSWORD, PipelineConfig.S3_ACCESS_KEY,
                PipelineConfig.S3_SECRET_KEY), secret, "credentials belong in the Secret");
        for (String name : SERVICES) {
            JsonNode envFrom = container(name).path("envFrom");
            assertEquals("tessera-config", envFrom.findValue("configMapRef").path("name").asText(), name);
            assertEquals("tessera-credentials", envFrom.findValue("secretRef").path("name").asText(), name);
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

    /** The gridder on the grid queue; clean-service on the clean queue (a cube's groups clean at once). */
    @ParameterizedTest
    @CsvSource({"gridder-service, tessera.grid", "clean-service, tessera.clean"})
    void kedaScalesAServiceOnItsQueueWithTheSecretsCredentials(String service, String queue) throws Exception {
        JsonNode scaled = k8s("ScaledObject", service);
        assertEquals("keda.sh/v1alpha1", scaled.path("apiVersion").asText());
        assertEquals(service, scaled.at("/spec/scaleTargetRef/name").asText());
        k8s("Deployment", scaled.at("/spec/scaleTargetRef/name").asText());
        JsonNode trigger = scaled.at("/spec/triggers/0");
        assertEquals("artemis-queue", trigger.path("type").asText());
        JsonNode m = trigger.path("metadata");
        Set<String> queues = new HashSet<>();
        for (var f : Queues.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                queues.add((String) f.get(null));
            }
        }
        assertTrue(queues.contains(m.path("queueName").asText()), m.path("queueName") + " is not a queue");
        assertEquals(queue, m.path("queueName").asText());
        assertEquals(queue, m.path("brokerAddress").asText());
        assertTrue(container("artemis").toString().contains("--name " + m.path("brokerName").asText()),
                "brokerName is not the broker's --name");
        URI management = URI.create("http://" + m.path("managementEndpoint").asText());
        assertEquals("artemis." + NAMESPACE + ".svc.cluster.local", management.getHost());
        assertEquals(management.getPort(), servicePort("artemis", "console"));
        assertTrue(Integer.parseInt(m.path("queueLength").asText()) >= 1);

        JsonNode auth = k8s("TriggerAuthentication", trigger.at("/authenticationRef/name").asText());
        Set<String> secretKeys = fieldNames(k8s("Secret", "tessera-credentials").path("stringData"));
        Set<String> parameters = new HashSet<>();
        for (JsonNode ref : auth.at("/spec/secretTargetRef")) {
            assertEquals("tessera-credentials", ref.path("name").asText());
            assertTrue(secretKeys.contains(ref.path("key").asText()), ref.toString());
            parameters.add(ref.path("parameter").asText());
        }
        assertEquals(Set.of("username", "password"), parameters);
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
