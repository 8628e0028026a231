package org.tessera.imaging.accuracy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.imaging.Image;
import org.tessera.imaging.ImageGeometry;
import org.tessera.imaging.Imager;
import org.tessera.imaging.RunParameters;
import org.tessera.imaging.fits.FitsImageReader;
import org.tessera.imaging.gridding.CpuGridderFactory;
import org.tessera.imaging.simulation.ArrayLayout;
import org.tessera.imaging.simulation.Observation;
import org.tessera.imaging.simulation.SimulatedMeasurementSet;
import org.tessera.imaging.simulation.SpectralPointSource;
import org.tessera.testsupport.SharedMs;
import org.tessera.testsupport.TreeCopy;
import org.tessera.testsupport.Wsclean;

/**
 * {@code -channels-out 4} against WSClean 3.1 ({@code -use-wgridder -no-small-inversion -wgridder-accuracy 1e-5}):
 * every group's dirty image and PSF equal WSClean's to rms(difference) ≤ 1e-4 of WSClean's peak, and so do the MFS
 * dirty image and PSF; the groups' FREQ axes (CRVAL3, CDELT3) equal WSClean's.
 */
class ChannelsOutWscleanTest {
    @TempDir
    Path dir;

    @Test
    void mwaPupaGroupsAgreeWithWsclean() throws Exception {
        Path shared = SharedMs.require("mwa-pupa.ms");
        Wsclean.assumeInstalled();
        compare(TreeCopy.writable(shared, dir.resolve("mwa.ms")), 256, "1amin", "uniform");
    }

    @Test
    void simulatedWidebandGroupsAgreeWithWsclean() throws Exception {
        Wsclean.assumeInstalled();
        ImageGeometry g = new ImageGeometry(128, 128, Math.toRadians(4.0 / 3600), 0, 0);
        List<SpectralPointSource> sky = List.of(new SpectralPointSource(1.0, g.l(64), g.m(64), 1.4e9, -0.7),
                new SpectralPointSource(0.4, g.l(40), g.m(90), 1.4e9, 0.8),
                new SpectralPointSource(0.3, g.l(100), g.m(30), 1.4e9, -1.5));
        Observation obs = new Observation(ArrayLayout.spiral(16, 30, 2000, Math.toRadians(-30), 5),
                Math.toRadians(150), Math.toRadians(-40), 4.9e9, 12, 600, Math.toRadians(-40), 1.25e9, 25e6, 12, sky,
                0.01, 3);
        Path ms = dir.resolve("sim.ms");
        SimulatedMeasurementSet.write(ms, obs);
        compare(ms, 128, "4asec", "natural");
    }

    private void compare(Path ms, int size, String scale, String weight) throws Exception {
        String reference = dir.resolve("wsclean").toString();
        WscleanRunner.run(ms, reference, "-wgridder-accuracy", "1e-5", "-size", "" + size, "" + size, "-scale", scale,
                "-make-psf", "-weight", weight, "-channels-out", "4");
        String prefix = dir.resolve("tessera").toString();
        RunParameters run = RunParameters.parse(Map.of("size", List.of(size, size), "scale", scale, "weight", weight,
                "gridder-accuracy", 1e-5, "channels-out", 4, "j", 2), 2);
        new Imager(run, line -> { }, CpuGridderFactory.DEFAULT).run(ms, prefix);
        for (String group : List.of("0000", "0001", "0002", "0003", "MFS")) {
            for (String kind : List.of("dirty", "psf")) {
                var expected = FitsImageReader.read(Path.of(reference + "-" + group + "-" + kind + ".fits"));
                var actual = FitsImageReader.read(Path.of(prefix + "-" + group + "-" + kind + ".fits"));
                double ratio = rmsRatio(expected.image(), actual.image());
                System.out.printf("WSClean vs Tessera -channels-out 4, %s %s %s: rms(diff)/peak = %.3g, CRVAL3 %.6g"
                        + " vs %.6g, CDELT3 %.6g vs %.6g%n", ms.getFileName(), group, kind, ratio,
                        expected.freqHz(), actual.freqHz(), expected.bandwidthHz(), actual.bandwidthHz());
                assertTrue(ratio <= 1e-4, group + " " + kind + ": rms(diff)/peak " + ratio);
                assertEquals(expected.freqHz(), actual.freqHz(), 1e-6 * expected.freqHz(), "CRVAL3");
                assertEquals(expected.bandwidthHz(), actual.bandwidthHz(), 1e-6 * expected.bandwidthHz(), "CDELT3");
            }
        }
    }

    private static double rmsRatio(Image expected, Image actual) {
        assertEquals(expected.width, actual.width);
        double sumSq = 0;
        for (int i = 0; i < expected.pixels.length; i++) {
            double d = actual.pixels[i] - expected.pixels[i];
            sumSq += d * d;
        }
        return Math.sqrt(sumSq / expected.pixels.length) / expected.maxAbs();
    }
}
