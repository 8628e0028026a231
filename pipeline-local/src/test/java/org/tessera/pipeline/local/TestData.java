package org.tessera.pipeline.local;

import org.tessera.imaging.Image;
import org.tessera.imaging.Imager;
import org.tessera.imaging.ImagingParameters;
import org.tessera.imaging.RunParameters;
import org.tessera.imaging.fits.FitsImageReader;
import org.tessera.imaging.simulation.ArrayLayout;
import org.tessera.imaging.simulation.Observation;
import org.tessera.imaging.simulation.PointSource;
import org.tessera.imaging.simulation.SimulatedMeasurementSet;
import org.tessera.pipeline.PipelineConfig;
import org.tessera.pipeline.SafeTar;
import org.tessera.pipeline.Keys;
import org.tessera.pipeline.ObjectStore;
import org.tessera.service.JobClient;
import org.tessera.service.ServiceMain;
import org.tessera.testsupport.Poll;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Small simulated MSs written by the tests, their tarballs, and the in-process reference images. */
final class TestData {
    static final double CELL_RAD = Math.toRadians(2.0 / 3600);

    private TestData() {
    }

    /** A few point sources, 16 antennas, 24 integrations, 8 channels: seconds to image. */
    static Path simulate(Path dir, String name) {
        ArrayLayout layout = ArrayLayout.spiral(16, 30, 3000, Math.toRadians(-30), 12);
        double[][] sky = {{1.0, 0, 0}, {0.4, 20, 12}, {0.25, -30, 25}};
        List<PointSource> sources = java.util.stream.Stream.of(sky)
                .map(s -> new PointSource(s[0], Math.sin(s[1] * CELL_RAD), Math.sin(s[2] * CELL_RAD))).toList();
        Observation obs = new Observation(layout, Math.toRadians(150), Math.toRadians(-40), 4.9e9, 24, 60,
                Math.toRadians(-30), 1.4e9, 1e6, 8, sources, 0.01, 7);
        Path ms = dir.resolve(name + ".ms");
        SimulatedMeasurementSet.write(ms, obs);
        return ms;
    }

    static Path tar(Path ms, Path tarball) throws IOException {
        try (OutputStream out = Files.newOutputStream(tarball)) {
            SafeTar.create(ms, out);
        }
        return tarball;
    }

    /**
     * The default gridder accuracy (1e-4): every partition grids with the plan of the merged w range,
     * so images agree to float rounding, not to epsilon.
     */
    static Map<String, Object> parameters(String weight, int partitions, String by) {
        return Map.ofEntries(Map.entry("size", List.of(96, 96)), Map.entry("scale", "2asec"),
                Map.entry("niter", 300), Map.entry("mgain", 0.7), Map.entry("nmiter", 6), Map.entry("weight", weight),
                Map.entry("partitions", partitions), Map.entry("partition-by", by), Map.entry("name", "sim"),
                Map.entry("j", 1));
    }

    /** The in-process imager's images for the same parameters, by product name (psf, dirty, model, residual, image). */
    static Map<String, Image> reference(Path ms, Map<String, Object> raw, Path dir) throws IOException {
        ImagingParameters p = RunParameters.parse(raw, 1).imaging();
        Files.createDirectories(dir);
        String prefix = dir.resolve("ref").toString();
        new Imager(p, line -> { }).run(ms, prefix);
        return read(dir, "ref");
    }

    static Map<String, Image> read(Path dir, String prefix) throws IOException {
        Map<String, Image> images = new java.util.LinkedHashMap<>();
        for (String product : List.of("psf", "dirty", "model", "residual", "image")) {
            images.put(product, FitsImageReader.read(dir.resolve(prefix + "-" + product + ".fits")).image());
        }
        return images;
    }

    /** max |a − b| / max |b|. */
    static double relativeError(Image a, Image b) {
        double peak = 0;
        double diff = 0;
        for (int i = 0; i < b.pixels.length; i++) {
            peak = Math.max(peak, Math.abs(b.pixels[i]));
            diff = Math.max(diff, Math.abs(a.pixels[i] - b.pixels[i]));
        }
        return peak == 0 ? diff : diff / peak;
    }

    /** A gridder in its own JVM (another replica) whose tasks take {@code delayMs} longer. */
    static Process gridderProcess(LocalStack stack, Path dir, String name, long delayMs) throws IOException {
        return serviceProcess(stack, dir, name, "gridder", delayMs);
    }

    /** A service in its own JVM (another replica) whose tasks take {@code delayMs} longer. */
    static Process serviceProcess(LocalStack stack, Path dir, String name, String service, long delayMs)
            throws IOException {
        return serviceProcess(stack.config().withWorkDir(dir.resolve(name)), dir.resolve(name + ".log"), List.of(),
                delayMs, service);
    }

    /**
     * Services in their own JVM, configured by {@code config}, output to {@code log}; {@code wrapper}
     * is put before the java command (e.g. to run it under {@code unshare}); its tasks take {@code delayMs}
     * longer, within their time limit.
     */
    static Process serviceProcess(PipelineConfig config, Path log, List<String> wrapper, long delayMs,
                                  String... services) throws IOException {
        List<String> cmd = new ArrayList<>(wrapper);
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dtessera.task.delayMs=" + delayMs,
                ServiceMain.class.getName()));
        cmd.addAll(List.of(services));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(config.toEnvironment());
        return pb.start();
    }

    /** {@code config} with some settings replaced (names as in {@link PipelineConfig#VARIABLES}). */
    static PipelineConfig with(PipelineConfig config, Map<String, String> changes) {
        Map<String, String> env = new java.util.LinkedHashMap<>(config.toEnvironment());
        env.putAll(changes);
        return PipelineConfig.from(env);
    }

    /** Fails unless each product of {@code job}'s results is the reference image to float rounding. */
    static void assertSameImage(JobClient client, String job, Map<String, Image> reference, Path dir)
            throws IOException {
        Path out = dir.resolve("results-" + job);
        client.results(job, out);
        Map<String, Image> pipeline = read(out, "sim");
        for (String product : reference.keySet()) {
            double err = relativeError(pipeline.get(product), reference.get(product));
            if (!(err <= 1e-5)) {
                throw new AssertionError(job + " " + product + " differs by " + err + " of the peak");
            }
        }
    }

    /** Seconds from now (a fault over) until the job moves again: its state saved anew, or ended. */
    static double recovery(JobClient client, String job) throws Exception {
        long t0 = System.nanoTime();
        org.tessera.pipeline.JobState before = client.status(job);
        org.tessera.pipeline.JobState after = Poll.until(() -> client.status(job), s -> s.stage.finished()
                || s.updatedMillis != before.updatedMillis, java.time.Duration.ofSeconds(120),
                java.time.Duration.ofMillis(20));
        if (!after.stage.finished() && after.updatedMillis == before.updatedMillis) {
            throw new AssertionError(job + " never moved again: " + after.progress());
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /**
     * The work and upload objects an ended job left behind, after a grace period in which a
     * redelivered duplicate still finishing drops its outputs (it sees the job ended); normally none.
     */
    static List<String> orphans(JobClient client, String job) throws Exception {
        return Poll.until(() -> {
            List<String> left = new ArrayList<>(client.store().list(ObjectStore.WORK, Keys.work(job)));
            left.addAll(client.store().list(ObjectStore.WORK, Keys.uploads(job)));
            return left;
        }, List::isEmpty, java.time.Duration.ofSeconds(20), java.time.Duration.ofMillis(200));
    }
}
