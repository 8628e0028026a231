package org.tessera.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.pipeline.JobState;
import org.tessera.pipeline.SafeTar;
import org.tessera.imaging.sequence.Stage;
import org.tessera.pipeline.local.LocalStack;
import org.tessera.service.JobClient;
import org.tessera.testsupport.JobWatch;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Under {@code mvn -Pquarkus verify}: the five Quarkus apps boot against the embedded broker and
 * S3, report live and ready on the Quarkus health paths, and run a 4-partition job to the end.
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
        }
    }
}
