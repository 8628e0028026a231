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
import org.tessera.service.ServiceMain;

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
        PipelineConfig c = stack.config().withWorkDir(dir.resolve(name));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dtessera.task.delayMs=" + delayMs,
                ServiceMain.class.getName(), service));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        pb.environment().putAll(c.toEnvironment());
        return pb.start();
    }
}
