package org.tessera.imaging.accuracy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.imaging.Image;
import org.tessera.imaging.ImageGeometry;
import org.tessera.imaging.Imager;
import org.tessera.imaging.ImagingParameters;
import org.tessera.imaging.deconvolution.IterationParameters;
import org.tessera.imaging.sequence.RunSummary;
import org.tessera.imaging.deconvolution.StopCode;
import org.tessera.imaging.fits.FitsImageReader;
import org.tessera.imaging.restore.Beam;
import org.tessera.imaging.simulation.ArrayLayout;
import org.tessera.imaging.simulation.Observation;
import org.tessera.imaging.simulation.PointSource;
import org.tessera.imaging.simulation.SimulatedMeasurementSet;
import org.tessera.testsupport.TreeCopy;
import org.tessera.testsupport.Wsclean;

/**
 * CLEAN on a simulated MS of point sources with noise, written by the project's MS writer with the
 * MS phase sign: recovered fluxes and positions, total model flux, the fitted beam against WSClean's
 * fit on the same MS, and the stop code the parameters imply.
 */
class CleanSimulationTest {
    private static final int SIZE = 512;
    private static final double CELL = Math.toRadians(2.0 / 3600);
    private static final ImageGeometry G = new ImageGeometry(SIZE, SIZE, CELL, 0, 0);
    /** Flux (Jy) and pixel (x, y); off-centre sources in all four quadrants catch a mirrored sky. */
    private static final double[][] SKY = {{1.0, 256, 256}, {0.5, 196, 281}, {0.3, 336, 326}, {0.2, 216, 146},
        {0.15, 386, 206}};
    private static final double NOISE_JY = 0.01;

    @TempDir
    static Path dir;
    private static Path ms;

    @BeforeAll
    static void simulate() {
        List<PointSource> sources = java.util.Arrays.stream(SKY)
                .map(s -> AccuracyData.onPixel(G, s[0], (int) s[1], (int) s[2])).toList();
        ArrayLayout layout = ArrayLayout.spiral(24, 30, 3000, Math.toRadians(-30), 12);
        Observation obs = new Observation(layout, Math.toRadians(150), Math.toRadians(-40), 4.9e9, 48, 300,
                Math.toRadians(-60), 1.4e9, 1e6, 8, sources, NOISE_JY, 7);
        ms = dir.resolve("clean.ms");
        SimulatedMeasurementSet.write(ms, obs);
    }

    private static RunSummary image(String name, IterationParameters clean) throws Exception {
        ImagingParameters p = new ImagingParameters(SIZE, SIZE, CELL, "natural", 0, null, 1e-5, 2, clean);
        return new Imager(p, line -> { }).run(ms, dir.resolve(name).toString());
    }

    @Test
    void cleanToThresholdRecoversTheSky() throws Exception {
        RunSummary summary = image("deep", IterationParameters.builder().niter(5000).gain(0.1).mgain(0.8)
                .threshold(0.002).nmajor(20).build());
        assertEquals(StopCode.THRESHOLD.code, summary.stopCode, summary.stopWords);

        Image restored = FitsImageReader.read(dir.resolve("deep-image.fits")).image();
        Image model = FitsImageReader.read(dir.resolve("deep-model.fits")).image();
        double trueTotal = 0;
        for (double[] s : SKY) {
            int x = (int) s[1];
            int y = (int) s[2];
            double found = restored.get(x, y);
            System.out.printf("source %.2f Jy at (%d, %d): restored peak %.5f Jy/beam (%+.3f%%)%n", s[0], x, y,
                    found, 100 * (found - s[0]) / s[0]);
            assertEquals(s[0], found, 0.01 * s[0], "restored flux at (" + x + ", " + y + ")");
            for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                    assertTrue(restored.get(x + dx, y + dy) <= found, "peak of the source at (" + x + ", " + y
                            + ") is not on its pixel");
                }
            }
            trueTotal += s[0];
        }
        double modelTotal = 0;
        for (double v : model.pixels) {
            modelTotal += v;
        }
        System.out.printf("total model flux %.5f Jy, true %.5f Jy (%+.3f%%)%n", modelTotal, trueTotal,
                100 * (modelTotal - trueTotal) / trueTotal);
        assertEquals(trueTotal, modelTotal, 0.01 * trueTotal);
    }

    @Test
    void iterationLimitStopsWithCode1() throws Exception {
        RunSummary summary = image("shallow", IterationParameters.builder().niter(30).gain(0.1).mgain(0.8)
                .threshold(0.002).nmajor(20).build());
        assertEquals(StopCode.ITERATION_LIMIT.code, summary.stopCode, summary.stopWords);
        assertEquals(30, summary.iterationsDone);
    }

    @Test
    void fittedBeamMatchesWsclean() throws Exception {
        Wsclean.assumeInstalled();
        Path copy = TreeCopy.writable(ms, dir.resolve("wsclean").resolve(ms.getFileName()));
        // -make-psf: without it and with -niter 0, WSClean fits no beam and writes BMAJ = 0
        String reference = dir.resolve("wsclean").resolve("ref").toString();
        WscleanRunner.run(copy, reference, "-size", "" + SIZE, "" + SIZE, "-scale", "2asec", "-weight", "natural",
                "-wgridder-accuracy", "1e-5", "-make-psf");
        Beam expected = FitsImageReader.read(Path.of(reference + "-image.fits")).beam();
        RunSummary summary = image("beam", IterationParameters.builder().niter(0).build());
        Beam actual = summary.beam;
        System.out.printf("beam: Tessera %.4f x %.4f asec, WSClean %.4f x %.4f asec (major %+.3f%%, minor %+.3f%%)%n",
                actual.majorDeg() * 3600, actual.minorDeg() * 3600, expected.majorDeg() * 3600,
                expected.minorDeg() * 3600, 100 * (actual.majorRad() / expected.majorRad() - 1),
                100 * (actual.minorRad() / expected.minorRad() - 1));
        assertEquals(expected.majorRad(), actual.majorRad(), 0.02 * expected.majorRad());
        assertEquals(expected.minorRad(), actual.minorRad(), 0.02 * expected.minorRad());
    }
}
