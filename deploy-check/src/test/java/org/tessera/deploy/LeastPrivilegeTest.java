package org.tessera.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.tessera.pipeline.PipelineConfig;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tessera.deploy.DeploymentFiles.S3_USERS;
import static org.tessera.deploy.DeploymentFiles.SERVICES;
import static org.tessera.deploy.DeploymentFiles.compose;
import static org.tessera.deploy.DeploymentFiles.container;
import static org.tessera.deploy.DeploymentFiles.k8s;

/**
 * Security of compose/ and k8s/ (issue 16): each service its own MinIO user whose policy names only
 * the buckets and prefixes it needs, the MinIO root for MinIO and its setup only, and the broker's
 * console and Jolokia on localhost.
 */
class LeastPrivilegeTest {
    private static final String ARN = "arn:aws:s3:::";

    /** What each policy may do, as "action resource": the whole of it, nothing more. */
    private static final Map<String, Set<String>> GRANTS = new LinkedHashMap<>();

    static {
        Set<String> work = Set.of("s3:GetObject work/*", "s3:PutObject work/*", "s3:DeleteObject work/*",
                "s3:ListBucket work");
        String finalState = "s3:GetObject results/*/state.json";
        GRANTS.put("partitioner", union(work, Set.of("s3:GetObject ingest/*", finalState)));
        GRANTS.put("gridder", union(work, Set.of(finalState)));
        GRANTS.put("gather", union(work, Set.of("s3:GetObject ingest/*", "s3:ListBucket ingest",
                "s3:GetObject results/*", "s3:PutObject results/*", "s3:DeleteObject results/*",
                "s3:ListBucket results")));
        GRANTS.put("clean", union(work, Set.of(finalState)));
        GRANTS.put("restore", union(work, Set.of("s3:GetObject results/*", "s3:PutObject results/*")));
        GRANTS.put("client", union(work, Set.of("s3:GetObject ingest/*", "s3:PutObject ingest/*",
                "s3:DeleteObject ingest/*", "s3:ListBucket ingest", "s3:GetObject results/*",
                "s3:DeleteObject results/*", "s3:ListBucket results")));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new TreeSet<>(a);
        u.addAll(b);
        return u;
    }

    /** A policy as "action resource" pairs; only Allow statements, no wildcard actions or buckets. */
    private static Set<String> grants(String user) {
        JsonNode policy = DeploymentFiles.policy(user);
        Set<String> grants = new TreeSet<>();
        for (JsonNode statement : policy.path("Statement")) {
            assertEquals("Allow", statement.path("Effect").asText(), user);
            for (JsonNode action : statement.path("Action")) {
                assertFalse(action.asText().contains("*"), user + ": wildcard action " + action);
                for (JsonNode resource : statement.path("Resource")) {
                    String r = resource.asText();
                    assertTrue(r.startsWith(ARN), user + ": " + r);
                    String bucket = r.substring(ARN.length()).split("/")[0];
                    assertTrue(Set.of("ingest", "work", "results").contains(bucket), user + ": bucket " + r);
                    grants.add(action.asText() + " " + r.substring(ARN.length()));
                }
            }
        }
        return grants;
    }

    @Test
    void eachPolicyGrantsOnlyItsBucketsAndPrefixes() {
        for (var e : GRANTS.entrySet()) {
            assertEquals(e.getValue(), grants(e.getKey()), e.getKey());
        }
        // only the restore task and the controller write results; only clients write ingest
        for (String user : GRANTS.keySet()) {
            boolean writesResults = grants(user).contains("s3:PutObject results/*");
            assertEquals(user.equals("restore") || user.equals("gather"), writesResults, user);
            assertEquals(user.equals("client"), grants(user).contains("s3:PutObject ingest/*"), user);
        }
    }

    @Test
    void k8sGivesEachServiceItsOwnKeysNotTheRootAndTheSetupJobMakesEveryUser() {
        JsonNode root = k8s("Secret", "minio-root").path("stringData");
        Set<String> accessKeys = new HashSet<>();
        Set<String> secrets = new HashSet<>();
        for (String user : GRANTS.keySet()) {
            JsonNode keys = k8s("Secret", "tessera-s3-" + user).path("stringData");
            String access = keys.path(PipelineConfig.S3_ACCESS_KEY).asText();
            String secret = keys.path(PipelineConfig.S3_SECRET_KEY).asText();
            assertFalse(access.equals(root.path("MINIO_ROOT_USER").asText()), user + ": the root user");
            assertFalse(secret.equals(root.path("MINIO_ROOT_PASSWORD").asText()), user + ": the root password");
            assertTrue(accessKeys.add(access), user + ": access key shared");
            assertTrue(secrets.add(secret), user + ": secret shared");
        }
        for (String service : SERVICES) {
            String text = container(service).toString();
            assertTrue(text.contains("tessera-s3-" + S3_USERS.get(service)), service);
            assertFalse(text.contains("minio-root"), service + " sees the MinIO root");
            for (String other : GRANTS.keySet()) {
                if (!other.equals(S3_USERS.get(service))) {
                    assertFalse(text.contains("\"tessera-s3-" + other + "\""), service + " sees " + other + "'s keys");
                }
            }
        }
        assertTrue(container("minio").toString().contains("minio-root"));
        JsonNode job = k8s("Job", "minio-setup").at("/spec/template/spec/containers/0");
        Set<String> env = new TreeSet<>();
        job.path("env").forEach(e -> env.add(e.path("name").asText() + "=" + e.at("/valueFrom/secretKeyRef/name")
                .asText()));
        for (String user : GRANTS.keySet()) {
            assertTrue(env.contains(user.toUpperCase() + "_S3_ACCESS_KEY=tessera-s3-" + user), user);
            assertTrue(env.contains(user.toUpperCase() + "_S3_SECRET_KEY=tessera-s3-" + user), user);
        }
        Set<String> generated = new TreeSet<>();
        for (JsonNode g : k8s("Kustomization", "").path("configMapGenerator")) {
            if (g.path("name").asText().equals("minio-setup")) {
                g.path("files").forEach(f -> generated.add(f.asText()));
            }
        }
        for (String user : GRANTS.keySet()) {
            assertTrue(generated.contains("minio-policies/" + user + ".json"), user);
        }
        String script = DeploymentFiles.k8sText("minio-setup.sh");
        assertTrue(script.contains("for name in " + String.join(" ", GRANTS.keySet()) + "; do"), script);
        assertTrue(script.contains("mc admin policy create tessera \"tessera-$name\" \"$POLICY_DIR/$name.json\""));
    }

    @Test
    void composeGivesEachServiceItsOwnKeysNotTheRoot() {
        Map<String, String> env = DeploymentFiles.composeEnv();
        Set<String> accessKeys = new HashSet<>();
        for (String user : GRANTS.keySet()) {
            String access = env.get(user.toUpperCase() + "_S3_ACCESS_KEY");
            String secret = env.get(user.toUpperCase() + "_S3_SECRET_KEY");
            assertFalse(access.equals(env.get("MINIO_ROOT_USER")), user);
            assertFalse(secret.equals(env.get("MINIO_ROOT_PASSWORD")), user);
            assertTrue(accessKeys.add(access), user + ": access key shared");
        }
        JsonNode services = compose().path("services");
        for (String service : SERVICES) {
            assertFalse(services.path(service).toString().contains("MINIO_ROOT"), service + " sees the MinIO root");
        }
        JsonNode setup = services.path("minio-setup");
        assertEquals("[\"/bin/sh\",\"/setup/minio-setup.sh\"]", setup.path("entrypoint").toString());
        assertTrue(setup.path("volumes").toString().contains("../k8s/minio-policies:/setup/policies:ro"));
        for (String user : GRANTS.keySet()) {
            String name = user.toUpperCase() + "_S3_SECRET_KEY";
            assertEquals("${" + name + "}", setup.at("/environment/" + name).asText(), user);
        }
    }

    @Test
    void theBrokerConsoleAndJolokiaListenOnLocalhostOnly() {
        String k8sArgs = envValue(container("artemis"), "EXTRA_ARGS");
        String composeArgs = compose().at("/services/artemis/environment/EXTRA_ARGS").asText();
        for (String args : List.of(k8sArgs, composeArgs)) {
            assertTrue(args.contains("--http-host 127.0.0.1"), args);
            assertFalse(args.contains("0.0.0.0") || args.contains("--relax-jolokia"), args);
        }
        for (JsonNode p : k8s("Service", "artemis").at("/spec/ports")) {
            assertFalse(p.path("port").asInt() == 8161, "the console is not a Service port");
        }
        for (JsonNode p : container("artemis").path("ports")) {
            assertFalse(p.path("containerPort").asInt() == 8161, "the console is not a container port");
        }
        assertFalse(compose().at("/services/artemis/ports").toString().contains("8161"), "compose publishes 8161");
        assertFalse(DeploymentFiles.k8sText("network-policy.yaml").contains("8161"), "a rule lets in the console");
        // and so for an instance created before: its bootstrap.xml and Jolokia's access are rewritten
        String script = DeploymentFiles.k8sText("artemis-etc.sh");
        assertTrue(script.contains("127.0.0.1:8161"), script);
        assertTrue(script.contains("jolokia-access.xml") && script.contains("<host>127.0.0.1</host>"), script);
    }

    private static String envValue(JsonNode container, String name) {
        for (JsonNode e : container.path("env")) {
            if (e.path("name").asText().equals(name)) {
                return e.path("value").asText();
            }
        }
        throw new AssertionError(container.path("name").asText() + " has no " + name);
    }
}
