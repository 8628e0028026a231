package org.tessera.imaging.accuracy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
import org.tessera.imaging.simulation.ExtendedField;
import org.tessera.imaging.simulation.Observation;
import org.tessera.imaging.simulation.SimulatedMeasurementSet;
import org.tessera.testsupport.TreeCopy;
import org.tessera.testsupport.Wsclean;

/**
 * Multiscale CLEAN of a simulated noisy MWA-like field (64 tiles): a point source and Gaussians 2, 4 and 9 beams
 * wide. The model flux of each source must be within 3% of the truth, the residual rms at most 1.05 × WSClean
 * {@code -multiscale}'s on the same MS with the same options, and no pixel NaN or infinite.
 */
class MultiscaleSimulationTest {
    static final int SIZE = ExtendedField.SIZE;
    static final ImageGeometry G = ExtendedField.GEOMETRY;
    static final double BEAM_PIXELS = ExtendedField.BEAM_PIXELS;
    static final double[][] SKY = ExtendedField.sky();
    static final String[] OPTIONS = {"-size", "" + SIZE, "" + SIZE, "-scale", "0.5amin", "-weight", "briggs", "0",
        "-niter", "20000", "-mgain", "0.8", "-auto-threshold", "3", "-multiscale", "-wgridder-accuracy", "1e-5"};

    @TempDir
    static Path dir;
    static Path ms;

    @BeforeAll
    static void simulate() {
        ms = dir.resolve("extended.ms");
        SimulatedMeasurementSet.write(ms, observation());
    }

    static Observation observation() {
        return ExtendedField.observation();
    }

    static RunSummary tessera(Path ms, String prefix, Map<String, Object> options) throws Exception {
        RunParameters p = RunParameters.parse(options, 2);
        return new Imager(p, line -> { }, CpuGridderFactory.DEFAULT).run(ms, prefix);
    }

    static Map<String, Object> options() {
        return Map.of("size", List.of(SIZE, SIZE), "scale", "0.5amin", "weight", "briggs 0", "niter", 20000,
                "mgain", 0.8, "auto-threshold", 3, "multiscale", true, "gridder-accuracy", 1e-5);
    }

    @Test
    void extendedSourcesAreRecoveredAsWellAsWsclean() throws Exception {
        Wsclean.assumeInstalled();
        String prefix = dir.resolve("tessera").toString();
        RunSummary summary = tessera(ms, prefix, options());
        Image model = FitsImageReader.read(Path.of(prefix + "-model.fits")).image();
        Image residual = FitsImageReader.read(Path.of(prefix + "-residual.fits")).image();
        Image restored = FitsImageReader.read(Path.of(prefix + "-image.fits")).image();

        Path copy = TreeCopy.writable(ms, dir.resolve("wsclean").resolve(ms.getFileName()));
        String reference = dir.resolve("wsclean").resolve("ref").toString();
        WscleanRunner.run(copy, reference, OPTIONS);
        Image wsModel = FitsImageReader.read(Path.of(reference + "-model.fits")).image();
        Image wsResidual = FitsImageReader.read(Path.of(reference + "-residual.fits")).image();

        for (Image image : List.of(model, residual, restored)) {
            for (double v : image.pixels) {
                assertTrue(Double.isFinite(v), "a pixel is " + v);
            }
        }
        System.out.printf("Tessera: %d iterations, %d major cycles, stop %s%n", summary.iterationsDone,
                summary.majorCyclesDone, summary.stopWords);
        for (double[] s : SKY) {
            double radius = 1.5 * Math.max(1, s[1]) * BEAM_PIXELS + 2 * BEAM_PIXELS;
            double found = within(model, s[2], s[3], radius);
            double ws = within(wsModel, s[2], s[3], radius);
            System.out.printf("source %.1f Jy, %.0f beams wide: Tessera %.4f Jy (%+.2f%%), WSClean %.4f Jy (%+.2f%%)%n",
                    s[0], s[1], found, 100 * (found / s[0] - 1), ws, 100 * (ws / s[0] - 1));
            assertEquals(s[0], found, 0.03 * s[0], "model flux of the source at (" + s[2] + ", " + s[3] + ")");
        }
        double rms = rms(residual);
        double wsRms = rms(wsResidual);
        System.out.printf("residual rms: Tessera %.5g, WSClean %.5g Jy/beam, ratio %.4f%n", rms, wsRms, rms / wsRms);
        assertTrue(rms <= 1.05 * wsRms, "residual rms " + rms + " against WSClean's " + wsRms);
    }

    /** Model flux within {@code radius} pixels of (x, y). */
    static double within(Image model, double x, double y, double radius) {
        double sum = 0;
        for (int j = 0; j < model.height; j++) {
            for (int i = 0; i < model.width; i++) {
                if (Math.hypot(i - x, j - y) <= radius) {
                    sum += model.get(i, j);
                }
            }
        }
        return sum;
    }

    static double rms(Image image) {
        double sum = 0;
        for (double v : image.pixels) {
            sum += v * v;
        }
        return Math.sqrt(sum / image.pixels.length);
    }
}
