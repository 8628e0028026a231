package org.tessera.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import com.fasterxml.jackson.databind.JsonNode;
import org.tessera.pipeline.JobState;
import org.tessera.pipeline.Json;
import org.tessera.pipeline.Keys;
import org.tessera.pipeline.ObjectStore;
import org.tessera.pipeline.SafeTar;
import org.tessera.imaging.sequence.Stage;
import org.tessera.pipeline.local.LocalStack;
import org.tessera.service.JobClient;
import org.tessera.testsupport.JobWatch;
import org.tessera.testsupport.PrometheusText;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Under {@code mvn -Pquarkus verify}: the five Quarkus apps boot against the embedded broker and
 * S3, report live and ready on the Quarkus health paths, and run a 4-partition job to the end; the
 * controller serves its page and API, and the apps' Prometheus metrics count its tasks.
 */
class QuarkusAppsTest {
    @TempDir
    Path dir;

    @Test
    void theFiveAppsBootAreReadyAndRunAJob() throws Exception {
        assumeTrue(Boolean.getBoolean("tessera.quarkus.apps"), "Quarkus apps are built with -Pquarkus only");
        Path ms = PipelineOverheadBench.simulate(dir);
        Path tarball = dir.resolve("bench.ms.tar");
        try (OutputStream out = Files.newOutputStream(tarball)) {
            SafeTar.create(ms, out);
        }
        try (LocalStack stack = LocalStack.start(dir.resolve("stack"), Set.of(), 3, 2);
             QuarkusApps apps = QuarkusApps.start(stack.config(), dir.resolve("apps"))) {
            for (int port : apps.ports()) {
                assertEquals(200, QuarkusApps.status(port, "/q/health/live"));
                assertEquals(200, QuarkusApps.status(port, "/q/health/ready"));
            }
            JobClient client = new JobClient(stack.config());
            client.submit("quarkus", tarball, PipelineOverheadBench.parameters());
            JobState s = new JobWatch<>(client::status, st -> st.stage.finished(), JobState::progress)
                    .await("quarkus", 300);
            assertEquals(Stage.DONE, s.stage, s.progress());
            assertPagesAndMetrics(apps, client.store().list(ObjectStore.WORK, Keys.allMarkers("quarkus")).size());
        }
    }

    /** gather-service serves the job pages and API; each app's /q/metrics counts the tasks it ran, all the job's together. */
    private static void assertPagesAndMetrics(QuarkusApps apps, int tasks) throws Exception {
        int gather = apps.ports().get(DeploymentFiles.SERVICES.indexOf("gather-service"));
        JsonNode job = Json.MAPPER.readTree(QuarkusApps.body(gather, "/api/jobs/quarkus"));
        assertEquals("done", job.get("stage").asText());
        assertEquals(tasks, job.get("tasks").size());
        assertTrue(QuarkusApps.body(gather, "/jobs/quarkus").contains("/static/chart.umd.js"));
        assertTrue(QuarkusApps.body(gather, "/static/chart.umd.js").length() > 100_000, "Chart.js is not served");
        double counted = 0;
        for (int port : apps.ports()) {
            counted += PrometheusText.parse(QuarkusApps.body(port, "/q/metrics"))
                    .sum("tessera_tasks_completed_total", Map.of("result", "done"));
        }
        assertEquals(tasks, (int) counted, "tasks counted by the five apps' metrics");
        PrometheusText controller = PrometheusText.parse(QuarkusApps.body(gather, "/q/metrics"));
        assertEquals(1.0, controller.sum("tessera_jobs", Map.of("state", "done")));
        assertEquals(0.0, controller.sum("tessera_queue_depth", Map.of("queue", "tessera.grid")));
        assertFalse(controller.samples("jvm_memory_used_bytes", Map.of()).isEmpty(), "no JVM metrics");
    }
}
