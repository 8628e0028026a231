package org.tessera.imaging.accuracy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import nom.tam.fits.Fits;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.imaging.ImageGeometry;
import org.tessera.imaging.Imager;
import org.tessera.imaging.ParameterException;
import org.tessera.imaging.RunParameters;
import org.tessera.imaging.fits.FitsImage;
import org.tessera.imaging.fits.FitsImageReader;
import org.tessera.imaging.gridding.CpuGridderFactory;
import org.tessera.imaging.sequence.RunSummary;
import org.tessera.imaging.simulation.ArrayLayout;
import org.tessera.imaging.simulation.Observation;
import org.tessera.imaging.simulation.SimulatedMeasurementSet;
import org.tessera.imaging.simulation.SpectralPointSource;

/**
 * {@code -channels-out 4} on a simulated wideband sky with noise: 1.25–1.55 GHz (21 % fractional bandwidth), point
 * sources with spectral indices from −1.5 to +0.8. A cube (no {@code -join-channels}) cleans each group with its
 * own stop; {@code -join-channels -fit-spectral-pol 2} gives restored peaks in every group image and in the MFS
 * image within 2 % of the true flux at the image's CRVAL3, and spectral indices (from the group images, and from
 * {@code MFS-alpha}) within 0.1 of the truth.
 */
class WidebandCleanTest {
    private static final int SIZE = 192;
    private static final ImageGeometry G = new ImageGeometry(SIZE, SIZE, Math.toRadians(4.0 / 3600), 0, 0);
    private static final double REFERENCE_HZ = 1.4e9;
    /** Flux at 1.4 GHz (Jy), spectral index, pixel (x, y). */
    private static final double[][] SKY = {{1.0, -0.7, 96, 96}, {0.5, -1.5, 60, 120}, {0.4, 0.8, 130, 70},
        {0.3, 0.0, 140, 140}, {0.3, 0.4, 50, 50}};

    @TempDir
    static Path dir;
    private static Path ms;

    @BeforeAll
    static void simulate() {
        List<SpectralPointSource> sources = Stream.of(SKY).map(s -> new SpectralPointSource(s[0], G.l((int) s[2]),
                G.m((int) s[3]), REFERENCE_HZ, s[1])).toList();
        Observation obs = new Observation(ArrayLayout.spiral(20, 30, 2000, Math.toRadians(-30), 6),
                Math.toRadians(150), Math.toRadians(-40), 4.9e9, 24, 400, Math.toRadians(-60), 1.25e9 + 9.375e6,
                18.75e6, 16, sources, 0.05, 11);
        ms = dir.resolve("wideband.ms");
        SimulatedMeasurementSet.write(ms, obs);
    }

    private static RunSummary image(String name, Map<String, Object> options) throws IOException {
        Map<String, Object> raw = new HashMap<>(Map.of("size", List.of(SIZE, SIZE), "scale", "4asec", "weight",
                "natural", "niter", 5000, "mgain", 0.8, "threshold", "2mJy", "channels-out", 4, "j", 2));
        raw.putAll(options);
        return new Imager(RunParameters.parse(raw, 2), line -> { }, CpuGridderFactory.DEFAULT)
                .run(ms, dir.resolve(name).toString());
    }

    @Test
    void aCubeCleansEachGroupWithItsOwnStop() throws IOException {
        RunSummary summary = image("cube", Map.of());
        assertEquals(4, summary.groups.size());
        for (RunSummary.GroupRecord g : summary.groups) {
            assertFalse(g.cycles.isEmpty(), "group " + g.group + " has its own cycles");
            assertTrue(g.iterationsDone > 0, "group " + g.group + " cleaned");
            long stages = summary.stages.stream().filter(s -> Integer.valueOf(g.group).equals(s.group)).count();
            assertTrue(stages >= 4, "group " + g.group + " has its own stage records");
            System.out.printf("cube group %d at %.4g MHz: %d iterations, %d major cycles, stop: %s%n", g.group,
                    g.centreHz / 1e6, g.iterationsDone, g.majorCyclesDone, g.stopWords);
        }
        for (int g = 0; g < 4; g++) {
            checkPeaks(dir.resolve("cube-000" + g + "-image.fits"), "cube group " + g, 0.02);
        }
    }

    @Test
    void joinedChannelsWithAPolynomialFitRecoverFluxesAndSpectralIndices() throws Exception {
        RunSummary summary = image("joined", Map.of("join-channels", true, "fit-spectral-pol", 2));
        assertEquals(4, summary.groups.size());
        double[][] peaks = new double[SKY.length][4];
        double[] freqs = new double[4];
        for (int g = 0; g < 4; g++) {
            FitsImage image = FitsImageReader.read(dir.resolve("joined-000" + g + "-image.fits"));
            freqs[g] = image.freqHz();
            double[] found = checkPeaks(dir.resolve("joined-000" + g + "-image.fits"), "joined group " + g, 0.02);
            for (int s = 0; s < SKY.length; s++) {
                peaks[s][g] = found[s];
            }
        }
        checkPeaks(dir.resolve("joined-MFS-image.fits"), "joined MFS", 0.02);

        FitsImage alpha = FitsImageReader.read(dir.resolve("joined-MFS-alpha.fits"));
        for (int s = 0; s < SKY.length; s++) {
            double fromGroups = slope(freqs, peaks[s]);
            int x = (int) SKY[s][2];
            int y = (int) SKY[s][3];
            double fromAlpha = alpha.image().get(x, y);
            System.out.printf("source %d, alpha %+.2f: from the group images %+.4f, from MFS-alpha %+.4f%n", s,
                    SKY[s][1], fromGroups, fromAlpha);
            assertEquals(SKY[s][1], fromGroups, 0.1, "spectral index from the group images");
            assertEquals(SKY[s][1], fromAlpha, 0.1, "MFS-alpha");
        }
        assertTrue(Double.isNaN(alpha.image().get(10, 180)), "MFS-alpha is NaN away from the sources");

        try (Fits cube = new Fits(dir.resolve("joined-cube-image.fits").toFile())) {
            var h = cube.readHDU().getHeader();
            assertEquals(4, h.getIntValue("NAXIS3"));
            assertEquals(freqs[0], h.getDoubleValue("CRVAL3"), 1);
            assertEquals(freqs[1] - freqs[0], h.getDoubleValue("CDELT3"), 1);
        }
    }

    @Test
    void joinedChannelsWithALogPolynomialFitRecoverFluxes() throws IOException {
        image("logpol", Map.of("join-channels", true, "fit-spectral-log-pol", 2));
        for (int g = 0; g < 4; g++) {
            checkPeaks(dir.resolve("logpol-000" + g + "-image.fits"), "log-pol group " + g, 0.02);
        }
        checkPeaks(dir.resolve("logpol-MFS-image.fits"), "log-pol MFS", 0.02);
        assertFalse(Files.exists(dir.resolve("logpol-MFS-alpha.fits")), "MFS-alpha comes with -fit-spectral-pol only");
    }

    @Test
    void moreGroupsThanChannelsIsRefusedBeforeAnyWork() throws IOException {
        ParameterException e = assertThrows(ParameterException.class, () -> image("many", Map.of("channels-out", 20)));
        assertEquals(ms + ": -channels-out 20 asks for more groups than the 16 channels selected", e.getMessage());
        ParameterException past = assertThrows(ParameterException.class,
                () -> image("past", Map.of("channel-range", List.of(8, 20))));
        assertEquals(ms + ": -channel-range 8 20 goes past the 16 channels of the MeasurementSet", past.getMessage());
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith("many")
                    || p.getFileName().toString().startsWith("past")), "nothing written");
        }
    }

    /** Each source's restored peak against the truth at the image's CRVAL3; returns the peaks. */
    private static double[] checkPeaks(Path file, String what, double tolerance) throws IOException {
        FitsImage image = FitsImageReader.read(file);
        double[] found = new double[SKY.length];
        for (int s = 0; s < SKY.length; s++) {
            double truth = SKY[s][0] * Math.pow(image.freqHz() / REFERENCE_HZ, SKY[s][1]);
            found[s] = image.image().get((int) SKY[s][2], (int) SKY[s][3]);
            System.out.printf("%s at %.5g MHz, source %d: restored %.5f, truth %.5f (%+.3f%%)%n", what,
                    image.freqHz() / 1e6, s, found[s], truth, 100 * (found[s] - truth) / truth);
            assertEquals(truth, found[s], tolerance * truth, what + ", source " + s);
        }
        return found;
    }

    /** The least-squares slope of log S against log ν. */
    static double slope(double[] freqs, double[] fluxes) {
        int n = freqs.length;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            double x = Math.log(freqs[i]);
            double y = Math.log(fluxes[i]);
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        return (n * sxy - sx * sy) / (n * sxx - sx * sx);
    }
}
