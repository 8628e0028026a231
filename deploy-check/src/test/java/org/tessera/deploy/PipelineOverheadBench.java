package org.tessera.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.tessera.imaging.simulation.ArrayLayout;
import org.tessera.imaging.simulation.Observation;
import org.tessera.imaging.simulation.PointSource;
import org.tessera.imaging.simulation.SimulatedMeasurementSet;
import org.tessera.pipeline.JobState;
import org.tessera.pipeline.Json;
import org.tessera.pipeline.ObjectStore;
import org.tessera.pipeline.SafeTar;
import org.tessera.pipeline.local.LocalStack;
import org.tessera.service.JobClient;
import org.tessera.service.ServiceHost;
import org.tessera.testsupport.JobWatch;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Orchestration overhead: a small simulated MS, 4 partitions, several major cycles through the
 * embedded stack (services in-process, or with {@code --quarkus} the five Quarkus apps as
 * processes); prints job wall time, compute time from summary.json and the overhead per major
 * cycle. Run by bench/pipeline-overhead.sh.
 */
public final class PipelineOverheadBench {
    private PipelineOverheadBench() {
    }

    public static void main(String[] args) throws Exception {
        boolean quarkus = List.of(args).contains("--quarkus");
        int jobs = List.of(args).contains("--once") ? 1 : 3;
        Path dir = Files.createTempDirectory("tessera-bench");
        Path ms = simulate(dir);
        Path tarball = dir.resolve("bench.ms.tar");
        try (OutputStream out = Files.newOutputStream(tarball)) {
            SafeTar.create(ms, out);
        }
        Set<String> inProcess = quarkus ? Set.of() : new LinkedHashSet<>(ServiceHost.SERVICES);
        try (LocalStack stack = LocalStack.start(dir.resolve("stack"), inProcess, 3, 2);
             QuarkusApps apps = quarkus ? QuarkusApps.start(stack.config(), dir.resolve("apps")) : null) {
            JobClient client = new JobClient(stack.config());
            JobWatch<JobState> watch = new JobWatch<>(client::status, s -> s.stage.finished(), JobState::progress);
            System.out.printf("%-8s %6s %9s %12s %12s %14s %14s%n", "job", "cycles", "wall s", "Σ tasks s",
                    "critical s", "overhead/cyc", "wall-Σ/cyc");
            for (int i = 0; i < jobs; i++) {
                String job = "bench-" + i;
                client.submit(job, tarball, parameters());
                JobState s = watch.await(job, 600);
                if (!s.stage.name().equals("DONE")) {
                    throw new IllegalStateException(job + " " + s.progress());
                }
                report(job, Json.MAPPER.readTree(client.store().get(ObjectStore.RESULTS, job + "/summary.json")));
            }
        }
    }

    /** Wall time minus the longest task of each stage (the critical path), and minus every task's time. */
    private static void report(String job, JsonNode summary) {
        JsonNode t = summary.path("totals");
        int cycles = Math.max(1, summary.path("majorCyclesDone").asInt());
        double wall = t.path("wallSeconds").asDouble();
        double summed = t.path("summedTaskSeconds").asDouble();
        double critical = t.path("criticalPathTaskSeconds").asDouble();
        System.out.printf("%-8s %6d %9.2f %12.2f %12.2f %14.3f %14.3f%n", job, cycles, wall, summed, critical,
                (wall - critical) / cycles, (wall - summed) / cycles);
    }

    /** Briggs 0, 4 time partitions, up to 6 major cycles: the stages are short, so overhead shows. */
    static Map<String, Object> parameters() {
        return Map.ofEntries(Map.entry("size", List.of(128, 128)), Map.entry("scale", "2asec"),
                Map.entry("niter", 2000), Map.entry("mgain", 0.6), Map.entry("nmiter", 6),
                Map.entry("weight", "briggs 0"), Map.entry("partitions", 4), Map.entry("partition-by", "time"),
                Map.entry("name", "bench"), Map.entry("j", 1));
    }

    /** 24 antennas, 48 integrations, 16 channels, five point sources. */
    static Path simulate(Path dir) {
        double cell = Math.toRadians(2.0 / 3600);
        ArrayLayout layout = ArrayLayout.spiral(24, 30, 3000, Math.toRadians(-30), 12);
        double[][] sky = {{1.0, 0, 0}, {0.4, 20, 12}, {0.25, -30, 25}, {0.1, 40, -35}, {0.05, -10, -45}};
        List<PointSource> sources = java.util.stream.Stream.of(sky)
                .map(s -> new PointSource(s[0], Math.sin(s[1] * cell), Math.sin(s[2] * cell))).toList();
        Observation obs = new Observation(layout, Math.toRadians(150), Math.toRadians(-40), 4.9e9, 48, 30,
                Math.toRadians(-30), 1.4e9, 1e6, 16, sources, 0.01, 7);
        Path ms = dir.resolve("bench.ms");
        SimulatedMeasurementSet.write(ms, obs);
        return ms;
    }
}
