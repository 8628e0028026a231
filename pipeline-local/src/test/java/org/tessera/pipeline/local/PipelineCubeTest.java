package org.tessera.pipeline.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.imaging.Image;
import org.tessera.imaging.ImageGeometry;
import org.tessera.imaging.Imager;
import org.tessera.imaging.RunParameters;
import org.tessera.imaging.fits.FitsImageReader;
import org.tessera.imaging.gridding.CpuGridderFactory;
import org.tessera.imaging.sequence.RunSummary;
import org.tessera.imaging.sequence.Stage;
import org.tessera.imaging.simulation.ArrayLayout;
import org.tessera.imaging.simulation.Observation;
import org.tessera.imaging.simulation.SimulatedMeasurementSet;
import org.tessera.imaging.simulation.SpectralPointSource;
import org.tessera.pipeline.JobState;
import org.tessera.service.JobClient;
import org.tessera.service.ServiceHost;
import org.tessera.testsupport.JobWatch;

/**
 * A {@code -channels-out 3} cube through the embedded services (broker, S3, every service; clean-service in a JVM of
 * its own with two consumers, the gridder with six): each channel group is a job of its own (grid tasks: partition × group), and the cube through 2 and
 * 3 partitions (by time, and by channel lined up with the groups) equals the in-process cube to 1e-5 of the peak in every group's five images and the MFS images;
 * the summary records each group's own stop and shows clean tasks of different groups running at once.
 */
class PipelineCubeTest {
    private static final int SIZE = 128;
    private static final List<String> GROUPS = List.of("0000", "0001", "0002", "MFS");

    @TempDir
    static Path dir;
    static LocalStack stack;
    static JobClient client;
    static JobWatch<JobState> jobs;
    static Path ms;
    static Path tarball;
    static Process clean;

    @BeforeAll
    static void start() throws Exception {
        ms = dir.resolve("cube.ms");
        SimulatedMeasurementSet.write(ms, observation());
        tarball = TestData.tar(ms, dir.resolve("cube.ms.tar"));
        Set<String> services = new LinkedHashSet<>(ServiceHost.SERVICES);
        services.remove("clean");
        stack = LocalStack.start(dir.resolve("stack"), services, 3, 6);
        // clean-service in a JVM of its own (two consumers), each minor cycle made 0.3 s longer: clean tasks that
        // could run at once show it even on a loaded machine
        clean = TestData.serviceProcess(stack, dir, "clean", "clean", 300);
        client = new JobClient(stack.config());
        jobs = new JobWatch<>(client::status, s -> s.stage.finished(), JobState::progress);
    }

    /** Three point sources with spectral indices −0.7, +0.8 and −1.5 over 1.3-1.52 GHz, with noise. */
    static Observation observation() {
        ImageGeometry g = new ImageGeometry(SIZE, SIZE, Math.toRadians(4.0 / 3600), 0, 0);
        List<SpectralPointSource> sky = List.of(new SpectralPointSource(1.0, g.l(64), g.m(64), 1.4e9, -0.7),
                new SpectralPointSource(0.5, g.l(40), g.m(90), 1.4e9, 0.8),
                new SpectralPointSource(0.3, g.l(100), g.m(30), 1.4e9, -1.5));
        return new Observation(ArrayLayout.spiral(16, 30, 2000, Math.toRadians(-30), 5),
                Math.toRadians(150), Math.toRadians(-40), 4.9e9, 24, 300, Math.toRadians(-40), 1.3e9, 20e6, 12, sky,
                0.02, 5);
    }

    @AfterAll
    static void stop() throws Exception {
        if (clean != null) {
            clean.destroy();
            clean.waitFor();
        }
        if (stack != null) {
            stack.close();
        }
    }

    static Map<String, Object> parameters(int partitions) {
        return parameters(partitions, "time");
    }

    static Map<String, Object> parameters(int partitions, String by) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("size", List.of(SIZE, SIZE));
        p.put("scale", "4asec");
        p.put("niter", 400);
        p.put("mgain", 0.8);
        p.put("nmiter", 5);
        p.put("weight", "briggs 0");
        p.put("channels-out", 3);
        p.put("partitions", partitions);
        p.put("partition-by", by);
        p.put("name", "cube");
        p.put("j", 1);
        return p;
    }

    @Test
    void aCubeThroughTwoAndThreePartitionsEqualsTheInProcessCube() throws Exception {
        Path ref = dir.resolve("ref");
        java.nio.file.Files.createDirectories(ref);
        RunSummary inProcess = new Imager(RunParameters.parse(parameters(1), 1), line -> { },
                CpuGridderFactory.DEFAULT).run(ms, ref.resolve("cube").toString());
        assertEquals(3, inProcess.groups.size());
        // by time; and by channel, the 3 parts lined up with the 3 groups
        for (Object[] run : new Object[][] {{2, "time"}, {3, "time"}, {3, "channel"}}) {
            int partitions = (int) run[0];
            String job = "cube-" + partitions + "-" + run[1];
            client.submit(job, tarball, parameters(partitions, (String) run[1]));
            JobState state = jobs.await(job, 600);
            assertEquals(Stage.DONE, state.stage, state.progress());
            Path out = dir.resolve(job);
            client.results(job, out);
            for (String group : GROUPS) {
                for (String product : List.of("psf", "dirty", "model", "residual", "image")) {
                    String file = "cube-" + group + "-" + product + ".fits";
                    double err = relativeError(FitsImageReader.read(out.resolve(file)).image(),
                            FitsImageReader.read(ref.resolve(file)).image());
                    System.out.printf("%s, %s: max |services - in-process| / peak = %.3g%n",
                            job, file, err);
                    assertTrue(err <= 1e-5, job + " " + file + " differs by " + err + " of the peak");
                }
            }
            assertTrue(java.nio.file.Files.exists(out.resolve("cube-cube-image.fits")), "the cube FITS");

            RunSummary summary = RunSummary.read(out.resolve("summary.json"));
            assertEquals(3, summary.groups.size());
            for (int k = 0; k < 3; k++) {
                RunSummary.GroupRecord g = summary.groups.get(k);
                assertEquals(inProcess.groups.get(k).iterationsDone, g.iterationsDone, "group " + k + " iterations");
                assertEquals(inProcess.groups.get(k).stopCode, g.stopCode, "group " + k + " stop");
                System.out.printf("%s group %d: %d iterations, %d major cycles, stop: %s%n", job, k, g.iterationsDone,
                        g.majorCyclesDone, g.stopWords);
            }
            List<double[]> cleans = new ArrayList<>();
            for (RunSummary.StageRecord s : summary.stages) {
                if (s.stage.equals("clean") && s.group != null) {
                    for (RunSummary.TaskEntry t : s.tasks) {
                        cleans.add(new double[] {s.group, t.started, t.started + 1000 * t.seconds});
                    }
                }
            }
            int overlaps = 0;
            for (double[] a : cleans) {
                for (double[] b : cleans) {
                    if (a[0] < b[0] && a[1] < b[2] && b[1] < a[2]) {
                        overlaps++;
                    }
                }
            }
            System.out.printf("%s: %d clean tasks, %d pairs of different groups overlapping in time%n", job,
                    cleans.size(), overlaps);
            assertTrue(overlaps > 0, "clean tasks of different groups ran at once");
        }
    }

    static double relativeError(Image a, Image b) {
        double peak = 0;
        double diff = 0;
        for (int i = 0; i < b.pixels.length; i++) {
            peak = Math.max(peak, Math.abs(b.pixels[i]));
            diff = Math.max(diff, Math.abs(a.pixels[i] - b.pixels[i]));
        }
        return diff / peak;
    }
}
