package org.tessera.cli;

import org.tessera.imaging.RunParameters;
import org.tessera.imaging.fits.FitsImageReader;
import org.tessera.imaging.preview.PngPreview;
import org.tessera.imaging.gridding.DeviceMode;
import org.tessera.imaging.simulation.ArrayLayout;
import org.tessera.imaging.simulation.Observation;
import org.tessera.imaging.simulation.PointSource;
import org.tessera.imaging.simulation.SimulatedMeasurementSet;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code tessera demo}: simulates a small MS of point sources with the project's own writer,
 * images it, and compares recovered with true fluxes.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Simulate a small MeasurementSet of point sources, image it and compare with the truth.")
public final class DemoCommand implements Callable<Integer> {
    private static final int SIZE = 512;
    private static final double CELL_RAD = Math.toRadians(2.0 / 3600);

    @Option(names = "--out", defaultValue = "tessera-demo", paramLabel = "DIR", description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--partitions", defaultValue = "4", paramLabel = "K", description = "Image through the services with K partitions; 0 images in-process (default: ${DEFAULT-VALUE}).")
    int partitions;

    @CommandLine.Mixin
    ServiceConnection connection;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The true sky: fluxes in Jy at pixel offsets (east, north) from the phase centre. */
    static final double[][] SKY = {{1.0, 0, 0}, {0.5, 60, 25}, {0.3, -80, 70}, {0.2, 40, -110}, {0.1, -130, -50}};

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        Path ms = out.resolve("demo.ms");
        if (Files.exists(ms)) {
            deleteTree(ms);
        }
        Files.createDirectories(out);
        Observation obs = observation();
        stdout.printf("simulating %s: %d antennas, %d time steps, %d channels, %d point sources%n", ms,
                obs.layout().antennas(), obs.timeSteps(), obs.channels(), obs.sources().size());
        SimulatedMeasurementSet.write(ms, obs);

        // one set of parameters, as a job message would give them, for both ways of running
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("size", List.of(SIZE, SIZE));
        job.put("scale", "2asec");
        job.put("niter", 2000);
        job.put("gain", 0.1);
        job.put("mgain", 0.8);
        job.put("threshold", 0.002);
        job.put("nmiter", 10);
        job.put("weight", "natural");
        job.put("gridder-accuracy", 1e-5);
        job.put("name", "demo");
        String prefix = out.resolve("demo").toString();
        if (partitions > 0) {
            stdout.printf("imaging through the services with %d partitions%n", partitions);
            job.put("partitions", partitions);
            PipelineRun.run(ms, prefix, job, connection, stdout);
        } else {
            ImageRun.run(ms, prefix, RunParameters.parse(job, Runtime.getRuntime().availableProcessors()),
                    ImageCommand.gridders(DeviceMode.AUTO), stdout);
        }

        var restoredFits = FitsImageReader.read(Path.of(prefix + "-image.fits"));
        var restored = restoredFits.image();
        stdout.println();
        stdout.println("source   true flux (Jy)   recovered (Jy)   error");
        for (int i = 0; i < SKY.length; i++) {
            int x = SIZE / 2 - (int) SKY[i][1];
            int y = SIZE / 2 + (int) SKY[i][2];
            double found = restored.get(x, y);
            stdout.printf("  %d      %8.4f         %8.4f       %+6.2f%%%n", i + 1, SKY[i][0], found,
                    100 * (found - SKY[i][0]) / SKY[i][0]);
        }
        Path png = Path.of(prefix + "-image.png");
        PngPreview.write(restoredFits, png, "demo: restored image");
        stdout.printf("%nFITS images and %s are in %s%n", png.getFileName(), out);
        stdout.flush();
        return 0;
    }

    static Observation observation() {
        ArrayLayout layout = ArrayLayout.spiral(24, 30, 3000, Math.toRadians(-30), 12);
        List<PointSource> sources = Stream.of(SKY)
                .map(s -> new PointSource(s[0], Math.sin(s[1] * CELL_RAD), Math.sin(s[2] * CELL_RAD)))
                .toList();
        return new Observation(layout, Math.toRadians(150), Math.toRadians(-40), 4.9e9, 48, 60,
                Math.toRadians(-30), 1.4e9, 1e6, 8, sources, 0.01, 42);
    }

    private static void deleteTree(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
