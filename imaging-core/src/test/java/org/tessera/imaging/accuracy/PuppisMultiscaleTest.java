package org.tessera.imaging.accuracy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.imaging.Image;
import org.tessera.imaging.fits.FitsImageReader;
import org.tessera.imaging.sequence.RunSummary;
import org.tessera.testsupport.SharedMs;
import org.tessera.testsupport.TreeCopy;
import org.tessera.testsupport.Wsclean;

/**
 * Multiscale CLEAN of the real Puppis A field ({@code mwa-pupa.ms}) against WSClean {@code -multiscale} with the
 * same options: residual rms within 1.1 × WSClean's and model flux within 5% of WSClean's.
 */
class PuppisMultiscaleTest {
    @TempDir
    Path dir;

    @Test
    void puppisAIsDeconvolvedAsWsclean() throws Exception {
        Path ms = SharedMs.require("mwa-pupa.ms");
        Wsclean.assumeInstalled();
        String prefix = dir.resolve("tessera").toString();
        long t0 = System.nanoTime();
        RunSummary summary = MultiscaleSimulationTest.tessera(ms, prefix, Map.of("size", List.of(1024, 1024),
                "scale", "40asec", "weight", "briggs 0", "niter", 20000, "mgain", 0.8, "auto-threshold", 3,
                "multiscale", true));
        double tesseraSeconds = (System.nanoTime() - t0) / 1e9;
        Path copy = TreeCopy.writable(ms, dir.resolve("wsclean").resolve(ms.getFileName()));
        String reference = dir.resolve("wsclean").resolve("ref").toString();
        long t1 = System.nanoTime();
        WscleanRunner.run(copy, reference, "-size", "1024", "1024", "-scale", "40asec", "-weight", "briggs", "0",
                "-niter", "20000", "-mgain", "0.8", "-auto-threshold", "3", "-multiscale");
        double wscleanSeconds = (System.nanoTime() - t1) / 1e9;

        Image residual = FitsImageReader.read(Path.of(prefix + "-residual.fits")).image();
        Image model = FitsImageReader.read(Path.of(prefix + "-model.fits")).image();
        Image wsResidual = FitsImageReader.read(Path.of(reference + "-residual.fits")).image();
        Image wsModel = FitsImageReader.read(Path.of(reference + "-model.fits")).image();
        for (double v : model.pixels) {
            assertTrue(Double.isFinite(v), "a model pixel is " + v);
        }
        double rms = MultiscaleSimulationTest.rms(residual);
        double wsRms = MultiscaleSimulationTest.rms(wsResidual);
        double flux = model.sum();
        double wsFlux = wsModel.sum();
        System.out.printf("Puppis A: Tessera %d iterations, %d major cycles (%s), %.1f s; WSClean %.1f s (-j 1)%n",
                summary.iterationsDone, summary.majorCyclesDone, summary.stopWords, tesseraSeconds, wscleanSeconds);
        System.out.printf("residual rms: Tessera %.4f, WSClean %.4f Jy/beam (ratio %.3f); model flux: Tessera %.1f,"
                + " WSClean %.1f Jy (ratio %.3f)%n", rms, wsRms, rms / wsRms, flux, wsFlux, flux / wsFlux);
        assertTrue(rms <= 1.1 * wsRms, "residual rms " + rms + " against WSClean's " + wsRms);
        assertEquals(wsFlux, flux, 0.05 * Math.abs(wsFlux), "model flux");
    }
}
