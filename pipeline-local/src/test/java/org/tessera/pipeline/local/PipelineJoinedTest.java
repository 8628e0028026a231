package org.tessera.pipeline.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.imaging.Image;
import org.tessera.imaging.Imager;
import org.tessera.imaging.RunParameters;
import org.tessera.imaging.fits.FitsImageReader;
import org.tessera.imaging.gridding.CpuGridderFactory;
import org.tessera.imaging.sequence.RunSummary;
import org.tessera.imaging.sequence.Stage;
import org.tessera.imaging.simulation.SimulatedMeasurementSet;
import org.tessera.pipeline.JobState;
import org.tessera.service.JobClient;
import org.tessera.service.ServiceHost;
import org.tessera.testsupport.JobWatch;

/**
 * {@code -channels-out 3 -join-channels -fit-spectral-pol 2} through the embedded services (broker, S3, every
 * service): grid tasks are partition × group, and one clean task per minor cycle runs the in-process joined minor
 * cycle on every group's residual, PSF and model. Through 2 and 3 partitions (Högbom), and 3 partitions with
 * {@code -multiscale} (also with {@code -auto-mask}, whose per-scale masks pass from clean task to clean task),
 * every group's five images, the MFS images and MFS-alpha equal the in-process run's to 1e-5 of the peak, with the
 * same iterations and stop, and the summary's channel-group records equal the in-process run's.
 */
class PipelineJoinedTest {
    private static final List<String> IMAGES = List.of("0000", "0001", "0002", "MFS");

    @TempDir
    static Path dir;
    static LocalStack stack;
    static JobClient client;
    static JobWatch<JobState> jobs;
    static Path ms;
    static Path tarball;

    @BeforeAll
    static void start() throws Exception {
        ms = dir.resolve("joined.ms");
        SimulatedMeasurementSet.write(ms, PipelineCubeTest.observation());
        tarball = TestData.tar(ms, dir.resolve("joined.ms.tar"));
        stack = LocalStack.start(dir.resolve("stack"), new java.util.LinkedHashSet<>(ServiceHost.SERVICES), 3, 4);
        client = new JobClient(stack.config());
        jobs = new JobWatch<>(client::status, s -> s.stage.finished(), JobState::progress);
    }

    @AfterAll
    static void stop() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    /** Högbom, multiscale, or multiscale with an auto-mask (whose per-scale masks the clean tasks pass on). */
    private static Map<String, Object> parameters(int partitions, String variant) {
        Map<String, Object> p = PipelineCubeTest.parameters(partitions);
        p.put("join-channels", true);
        p.put("fit-spectral-pol", 2);
        p.put("name", "joined");
        if (variant.startsWith("multiscale")) {
            p.put("multiscale", true);
        }
        if (variant.endsWith("auto-mask")) {
            p.put("auto-mask", 8);
            p.put("auto-threshold", 1);
            p.put("nmiter", 8);
        }
        return p;
    }

    @Test
    void joinedChannelsThroughTwoAndThreePartitionsEqualTheInProcessRun() throws Exception {
        for (String variant : List.of("hogbom", "multiscale", "multiscale-auto-mask")) {
            boolean multiscale = variant.startsWith("multiscale");
            Path ref = Files.createDirectories(dir.resolve("ref-" + variant));
            RunSummary inProcess = new Imager(RunParameters.parse(parameters(1, variant), 1), line -> { },
                    CpuGridderFactory.DEFAULT).run(ms, ref.resolve("joined").toString());
            for (int partitions : multiscale ? new int[] {3} : new int[] {2, 3}) {
                String job = "joined-" + partitions + (multiscale ? "-" + variant : "");
                client.submit(job, tarball, parameters(partitions, variant));
                JobState state = jobs.await(job, 600);
                assertEquals(Stage.DONE, state.stage, state.progress());
                Path out = dir.resolve(job);
                client.results(job, out);
                List<String> files = new ArrayList<>();
                for (String image : IMAGES) {
                    for (String product : List.of("psf", "dirty", "model", "residual", "image")) {
                        files.add("joined-" + image + "-" + product + ".fits");
                    }
                }
                files.add("joined-MFS-alpha.fits");
                double worst = 0;
                for (String file : files) {
                    double err = relativeError(FitsImageReader.read(out.resolve(file)).image(),
                            FitsImageReader.read(ref.resolve(file)).image());
                    worst = Math.max(worst, err);
                    assertTrue(err <= 1e-5, job + " " + file + " differs by " + err + " of the peak");
                }
                RunSummary summary = RunSummary.read(out.resolve("summary.json"));
                System.out.printf("%s: %d iterations, %d major cycles (in process %d, %d), stop %s;"
                        + " largest |services - in-process| / peak over %d images %.3g%n", job,
                        summary.iterationsDone, summary.majorCyclesDone, inProcess.iterationsDone,
                        inProcess.majorCyclesDone, summary.stopWords, files.size(), worst);
                assertEquals(inProcess.iterationsDone, summary.iterationsDone, job + " iterations");
                assertEquals(inProcess.stopCode, summary.stopCode, job + " stop");
                assertEquals(3, summary.groups.size(), job + ": a record per channel group");
                for (int k = 0; k < 3; k++) {
                    RunSummary.GroupRecord got = summary.groups.get(k);
                    RunSummary.GroupRecord want = inProcess.groups.get(k);
                    assertEquals(want.centreHz, got.centreHz, 1e-3, job + " group " + k + " centre");
                    assertEquals(want.sumOfWeights, got.sumOfWeights, 1e-9 * want.sumOfWeights,
                            job + " group " + k + " sum of weights");
                    assertEquals(want.restoredPeak, got.restoredPeak, 1e-5 * want.restoredPeak,
                            job + " group " + k + " restored peak");
                    assertEquals(want.beam.majorDeg(), got.beam.majorDeg(), 1e-6 * want.beam.majorDeg(),
                            job + " group " + k + " beam");
                    assertEquals(want.iterationsDone, got.iterationsDone, job + " group " + k + " iterations");
                }
                long gridTasks = summary.stages.stream().filter(s -> s.stage.equals("image"))
                        .mapToLong(s -> s.tasks.size()).sum();
                assertEquals(3L * partitions, gridTasks, job + ": one IMAGE task per partition × group");
                boolean scales = summary.stages.stream().filter(s -> s.stage.equals("clean"))
                        .flatMap(s -> s.tasks.stream()).anyMatch(t -> t.facts.containsKey("scales"));
                assertEquals(multiscale, scales, job + ": the clean tasks report scales exactly when multiscale");
            }
        }
    }

    /** max |a − b| / max |b|, NaN where both are NaN (MFS-alpha away from the sources). */
    private static double relativeError(Image a, Image b) {
        Image x = a.copy();
        Image y = b.copy();
        for (int i = 0; i < y.pixels.length; i++) {
            if (Double.isNaN(x.pixels[i]) && Double.isNaN(y.pixels[i])) {
                x.pixels[i] = 0;
                y.pixels[i] = 0;
            }
        }
        return PipelineCubeTest.relativeError(x, y);
    }
}
