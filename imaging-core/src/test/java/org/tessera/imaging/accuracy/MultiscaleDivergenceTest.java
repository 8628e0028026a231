package org.tessera.imaging.accuracy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.imaging.Image;
import org.tessera.imaging.ImageGeometry;
import org.tessera.imaging.fits.FitsImageReader;
import org.tessera.imaging.sequence.RunSummary;
import org.tessera.imaging.simulation.ArrayLayout;
import org.tessera.imaging.simulation.GaussianSource;
import org.tessera.imaging.simulation.Observation;
import org.tessera.imaging.simulation.PointSource;
import org.tessera.imaging.simulation.SimulatedMeasurementSet;
import org.tessera.testsupport.TreeCopy;
import org.tessera.testsupport.Tools;

/**
 * A sparse 19-antenna array without short spacings (1.5 to 10 km) and a source wider than the shortest fringe,
 * with the default scales up to 179 pixels: no pixel of any product is NaN or infinite and the run ends normally.
 * The scales kept and what WSClean makes of the same MS are printed.
 */
class MultiscaleDivergenceTest {
    @TempDir
    Path dir;

    @Test
    void aSparseArrayStaysFinite() throws Exception {
        int size = 512;
        double cell = Math.toRadians(0.5 / 3600);
        ImageGeometry g = new ImageGeometry(size, size, cell, 0, 0);
        Observation obs = new Observation(ArrayLayout.spiral(19, 1500, 10000, Math.toRadians(34), 25),
                Math.toRadians(200), Math.toRadians(20), 4.9e9, 24, 300, Math.toRadians(-45), 1.4e9, 4e6, 4,
                List.of(new GaussianSource(2.0, Math.toRadians(30.0 / 3600), g.l(256), g.m(256)),
                        new PointSource(0.5, g.l(150), g.m(330))), 0.2, 5);
        Path ms = dir.resolve("sparse.ms");
        SimulatedMeasurementSet.write(ms, obs);
        String prefix = dir.resolve("tessera").toString();
        RunSummary summary = MultiscaleSimulationTest.tessera(ms, prefix, Map.of("size", List.of(size, size),
                "scale", "0.5asec", "weight", "natural", "niter", 5000, "mgain", 0.8, "auto-threshold", 3,
                "multiscale", true));
        for (String name : List.of("model", "residual", "image")) {
            Image image = FitsImageReader.read(Path.of(prefix + "-" + name + ".fits")).image();
            for (double v : image.pixels) {
                assertTrue(Double.isFinite(v), name + " has a pixel " + v);
            }
        }
        String json = Files.readString(Path.of(prefix + "-summary.json"));
        System.out.printf("sparse array: Tessera %d iterations, %d major cycles, stop %d (%s)%n",
                summary.iterationsDone, summary.majorCyclesDone, summary.stopCode, summary.stopWords);
        // the first clean task's facts: the scales kept, with what was cleaned at each
        int facts = json.indexOf("\"scalePixels\"");
        System.out.println("scales of the first minor cycle: " + json.substring(json.lastIndexOf('[', facts),
                json.indexOf(']', facts) + 1).replaceAll("\\s+", " "));
        if (Tools.onPath("wsclean")) {
            Path copy = TreeCopy.writable(ms, dir.resolve("wsclean").resolve(ms.getFileName()));
            String reference = dir.resolve("wsclean").resolve("ref").toString();
            WscleanRunner.run(copy, reference, "-size", "512", "512", "-scale", "0.5asec", "-weight", "natural",
                    "-niter", "5000", "-mgain", "0.8", "-auto-threshold", "3", "-multiscale");
            Image ws = FitsImageReader.read(Path.of(reference + "-model.fits")).image();
            long bad = java.util.Arrays.stream(ws.pixels).filter(v -> !Double.isFinite(v)).count();
            System.out.printf("WSClean on the same MS: %d model pixels NaN or infinite%n", bad);
        }
    }
}
