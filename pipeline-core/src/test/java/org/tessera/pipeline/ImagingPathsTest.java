package org.tessera.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.imaging.Image;
import org.tessera.imaging.ImageGeometry;
import org.tessera.imaging.Imager;
import org.tessera.imaging.RunParameters;
import org.tessera.imaging.gridding.CpuGridderFactory;
import org.tessera.imaging.fits.FitsImageReader;
import org.tessera.imaging.sequence.RunSummary;
import org.tessera.imaging.simulation.ArrayLayout;
import org.tessera.imaging.simulation.Observation;
import org.tessera.imaging.simulation.PointSource;
import org.tessera.imaging.simulation.GaussianSource;
import org.tessera.imaging.fits.FitsImageWriter;
import org.tessera.imaging.simulation.SimulatedMeasurementSet;
import org.tessera.testsupport.JsonKeys;

/**
 * One imaging sequence, two ways to run it: the in-process imager and the controller with the
 * services' tasks make the same images and summaries with the same keys.
 */
class ImagingPathsTest {
    private static final int SIZE = 96;

    @TempDir
    static Path dir;
    static Path ms;
    static ImageGeometry geometry;

    @BeforeAll
    static void simulate() {
        double cell = Math.toRadians(15.0 / 3600);
        ImageGeometry g = new ImageGeometry(SIZE, SIZE, cell, Math.toRadians(150), Math.toRadians(-40));
        Observation obs = new Observation(ArrayLayout.spiral(12, 30, 900, Math.toRadians(-30), 12),
                Math.toRadians(150), Math.toRadians(-40), 4.9e9, 16, 240, Math.toRadians(-40), 1.4e9, 2e6, 3,
                List.of(new PointSource(1.5, g.l(48), g.m(48)), new PointSource(0.6, g.l(30), g.m(62)),
                        new PointSource(-0.2, g.l(70), g.m(25)),
                        new GaussianSource(0.8, Math.toRadians(75.0 / 3600), g.l(62), g.m(60))), 0.005, 11);
        geometry = g;
        ms = dir.resolve("paths.ms");
        SimulatedMeasurementSet.write(ms, obs);
    }

    private static Map<String, Object> parameters(int partitions) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("size", List.of(SIZE, SIZE));
        p.put("scale", "15asec");
        p.put("weight", "briggs 0.5");
        p.put("niter", 300);
        p.put("mgain", 0.7);
        p.put("gridder-accuracy", 1e-6);
        p.put("j", 2);
        p.put("partitions", partitions);
        return p;
    }

    /**
     * Multiscale, and multiscale inside a FITS mask (a job input object in S3), through 3 partitions: the
     * in-process images to 1e-5 of the peak, and no component outside the mask.
     */
    @Test
    void multiscaleAndMasksThroughTheServicesMakeTheInProcessImages(@TempDir Path scratch) throws Exception {
        Image box = new Image(SIZE, SIZE);
        for (int y = 40; y < 75; y++) {
            for (int x = 22; x < 75; x++) {
                box.set(x, y, 1);
            }
        }
        Path maskFile = scratch.resolve("mask.fits");
        FitsImageWriter.write(maskFile, box, geometry, 1.4e9, 6e6, null, Map.of());
        List<String> differences = new ArrayList<>();
        for (boolean masked : new boolean[] {false, true}) {
            Map<String, Object> local = parameters(1);
            local.put("multiscale", true);
            if (masked) {
                local.put("fits-mask", maskFile.toString());
            }
            String id = "ms-" + masked;
            Path dirLocal = servicesMatchInProcess(scratch, id, local, masked ? maskFile : null, differences);
            if (masked) {
                // the negative source at (70, 25) lies outside; the largest kernel reaches 14 pixels from a centre
                Image model = FitsImageReader.read(dirLocal.resolve("run-model.fits")).image();
                for (int y = 0; y < 40 - 14; y++) {
                    for (int x = 0; x < SIZE; x++) {
                        assertEquals(0, model.get(x, y), "model at (" + x + ", " + y + "), outside the mask");
                    }
                }
            }
        }
        assertTrue(differences.isEmpty(), String.join("\n", differences));
    }

    /**
     * The auto-mask (Högbom and multiscale) and the local rms through 3 partitions: the in-process images to 1e-5
     * of the peak. The auto-mask is made from the stored model of the cycle it was reached at, a multiscale run's
     * per-scale masks continue from the previous clean task's stored ones, and the local rms comes from the beam
     * kept in the iteration state.
     */
    @Test
    void autoMaskAndLocalRmsThroughTheServicesMakeTheInProcessImages(@TempDir Path scratch) throws Exception {
        List<String> differences = new ArrayList<>();
        for (String run : List.of("auto-mask", "multiscale-auto-mask", "local-rms-auto-mask")) {
            Map<String, Object> local = parameters(1);
            local.put("niter", 3000);
            local.put("auto-mask", 4);
            local.put("auto-threshold", 1);
            if (run.startsWith("multiscale")) {
                local.put("multiscale", true);
                // reached within the major cycles, so that the scales then clean inside their own masks
                local.put("auto-mask", 6);
            }
            if (run.startsWith("local-rms")) {
                local.put("local-rms", true);
                local.put("local-rms-window", 5);
            }
            servicesMatchInProcess(scratch, run, local, null, differences);
        }
        assertTrue(differences.isEmpty(), String.join("\n", differences));
    }

    /**
     * Runs {@code local} in process and through 3 partitions of the services (the FITS mask, if any, uploaded as
     * the job's input object); adds each image differing by more than 1e-5 of the peak to {@code differences} and
     * checks that iterations and stop codes agree. Returns the in-process run's directory.
     */
    private static Path servicesMatchInProcess(Path scratch, String id, Map<String, Object> local, Path maskFile,
                                               List<String> differences) throws Exception {
        Path dirLocal = Files.createDirectories(scratch.resolve("local-" + id));
        RunSummary inProcess = new Imager(RunParameters.parse(local, 2), line -> { }, CpuGridderFactory.DEFAULT)
                .run(ms, dirLocal.resolve("run").toString());

        InProcessServices services = new InProcessServices(scratch.resolve("services-" + id));
        Map<String, Object> job = new LinkedHashMap<>(local);
        job.put("partitions", 3);
        if (maskFile != null) {
            services.store.ensureBuckets();
            services.store.put(ObjectStore.WORK, "uploads/" + id + "/mask.fits", Files.readAllBytes(maskFile));
            job.put("fits-mask", ObjectStore.WORK + "/uploads/" + id + "/mask.fits");
        }
        services.submit(id, ms, job);
        services.drain();
        assertEquals("DONE", services.state(id).stage.name(), services.state(id).failure);
        for (String name : List.of("model", "residual", "image")) {
            Path file = scratch.resolve(id + "-" + name + ".fits");
            services.store.download(ObjectStore.RESULTS, id + "/wsclean-" + name + ".fits", file);
            Image a = FitsImageReader.read(dirLocal.resolve("run-" + name + ".fits")).image();
            Image b = FitsImageReader.read(file).image();
            double diff = maxDifference(a, b);
            System.out.printf("%s, 3 partitions, %s: max difference %.2e of the peak%n", id, name, diff / a.maxAbs());
            if (diff > 1e-5 * a.maxAbs()) {
                differences.add(id + " " + name + ": " + diff + " (peak " + a.maxAbs() + ")");
            }
        }
        RunSummary pipeline = RunSummary.read(services.store.get(ObjectStore.RESULTS, id + "/summary.json"));
        System.out.printf("%s: %d iterations (%s) in process, %d through the services%n", id,
                inProcess.iterationsDone, inProcess.stopWords, pipeline.iterationsDone);
        assertEquals(inProcess.iterationsDone, pipeline.iterationsDone, id);
        assertEquals(inProcess.stopCode, pipeline.stopCode, id);
        assertTrue(inProcess.iterationsDone > 0, id);
        return dirLocal;
    }

    private static double maxDifference(Image a, Image b) {
        double max = 0;
        for (int i = 0; i < a.pixels.length; i++) {
            max = Math.max(max, Math.abs(a.pixels[i] - b.pixels[i]));
        }
        return max;
    }

    @Test
    void theServicesMakeTheInProcessImagesAndSummary(@TempDir Path scratch) throws Exception {
        RunParameters p = RunParameters.parse(parameters(1), 2);
        Path local = Files.createDirectories(scratch.resolve("local"));
        RunSummary inProcess = new Imager(p, line -> { }, CpuGridderFactory.DEFAULT).run(ms, local.resolve("run").toString());

        List<String> differences = new ArrayList<>();
        for (int parts : new int[] {1, 2}) {
            InProcessServices services = new InProcessServices(scratch.resolve("services-" + parts));
            String job = services.submit("paths-" + parts, ms, parameters(parts));
            services.drain();
            assertEquals("DONE", services.state(job).stage.name(), services.state(job).failure);
            Path out = Files.createDirectories(scratch.resolve("out-" + parts));
            for (String name : List.of("psf", "dirty", "model", "residual", "image")) {
                Path file = out.resolve(name + ".fits");
                services.store.download(ObjectStore.RESULTS, job + "/wsclean-" + name + ".fits", file);
                Image a = FitsImageReader.read(local.resolve("run-" + name + ".fits")).image();
                Image b = FitsImageReader.read(file).image();
                double peak = a.maxAbs();
                double diff = maxDifference(a, b);
                // the same code path for one partition; sums of partial grids in another order for two
                double bound = parts == 1 ? 0 : 1e-5 * peak;
                if (diff > bound) {
                    differences.add(parts + " partitions, " + name + ": " + diff + " (peak " + peak + ")");
                }
            }
            RunSummary pipeline = RunSummary.read(services.store.get(ObjectStore.RESULTS, job + "/summary.json"));
            assertEquals(inProcess.iterationsDone, pipeline.iterationsDone, parts + " partitions");
            assertEquals(inProcess.majorCyclesDone, pipeline.majorCyclesDone, parts + " partitions");
            assertEquals(inProcess.stopCode, pipeline.stopCode);
            assertEquals(inProcess.visibilitiesUsed, pipeline.visibilitiesUsed);
            assertEquals(inProcess.sumOfWeights, pipeline.sumOfWeights, 1e-9 * inProcess.sumOfWeights);
            assertEquals(inProcess.parameters.keySet(), pipeline.parameters.keySet());
            JsonNode a = Json.MAPPER.readTree(inProcess.toJson());
            JsonNode b = Json.MAPPER.readTree(services.store.get(ObjectStore.RESULTS, job + "/summary.json"));
            assertEquals(JsonKeys.paths(a), JsonKeys.paths(b), "summary layout");
            assertEquals(a.get("stages").size(), b.get("stages").size(), "the same steps");
            for (int i = 0; i < a.get("stages").size(); i++) {
                assertEquals(a.get("stages").get(i).get("stage"), b.get("stages").get(i).get("stage"));
                assertEquals(parts == 1 || !List.of("weights", "image", "residual")
                                .contains(b.get("stages").get(i).get("stage").asText()) ? 1 : parts,
                        b.get("stages").get(i).get("tasks").size());
            }
        }
        assertTrue(differences.isEmpty(), String.join("\n", differences));
    }
}
