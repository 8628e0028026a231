package org.tessera.pipeline.local;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.imaging.Image;
import org.tessera.pipeline.JobState;
import org.tessera.pipeline.Json;
import org.tessera.imaging.sequence.Stage;
import org.tessera.service.JobClient;
import org.tessera.service.ServiceHost;
import org.tessera.testsupport.JobWatch;
import org.tessera.testsupport.SharedMs;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Acceptance: mwa-pupa.ms (wide field, |w| up to 1105 m) imaged through the services with 4 time
 * partitions and with 3 channel partitions equals the in-process imager within 1e-5 × peak.
 */
class MwaPartitionEqualityTest {
    @TempDir
    static Path dir;
    static LocalStack stack;
    static JobClient client;
    static JobWatch<JobState> jobs;
    static Path ms;
    static Path tarball;

    @BeforeAll
    static void start() throws Exception {
        ms = SharedMs.require("mwa-pupa.ms");
        stack = LocalStack.start(dir.resolve("stack"), new LinkedHashSet<>(ServiceHost.SERVICES), 3, 2);
        client = new JobClient(stack.config());
        jobs = new JobWatch<>(client::status, s -> s.stage.finished(), JobState::progress);
        tarball = TestData.tar(ms, dir.resolve("mwa-pupa.ms.tar"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    static Map<String, Object> parameters(int partitions, String by) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("size", List.of(256, 256));
        p.put("scale", "1amin");
        p.put("niter", 200);
        p.put("mgain", 0.8);
        p.put("nmiter", 4);
        p.put("weight", "briggs 0");
        p.put("partitions", partitions);
        p.put("partition-by", by);
        p.put("name", "mwa");
        p.put("j", 2);
        return p;
    }

    @Test
    void fourTimePartitionsAndThreeChannelPartitionsEqualTheInProcessImage() throws Exception {
        Map<String, Image> reference = TestData.reference(ms, parameters(1, "time"), dir.resolve("ref"));
        for (Object[] run : new Object[][] {{4, "time"}, {3, "channel"}}) {
            String job = "mwa-" + run[0] + "-" + run[1];
            client.submit(job, tarball, parameters((int) run[0], (String) run[1]));
            JobState state = jobs.await(job, 600);
            assertEquals(Stage.DONE, state.stage, state.progress());
            Path out = dir.resolve(job);
            client.results(job, out);
            Map<String, Image> pipeline = TestData.read(out, "mwa");
            for (String product : reference.keySet()) {
                double err = TestData.relativeError(pipeline.get(product), reference.get(product));
                System.out.printf("mwa-pupa %s (%d parts made): %s max |pipeline - in-process| / peak = %.3g%n",
                        job, state.parts, product, err);
                assertTrue(err <= 1e-5, job + " " + product + " differs by " + err + " of the peak");
            }
            var totals = Json.MAPPER.readTree(out.resolve("summary.json").toFile()).get("totals");
            System.out.printf("mwa-pupa %s: %s%n", job, totals);
        }
    }
}
