package org.tessera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tessera.casacore.write.MeasurementSetBuilder;
import org.tessera.casacore.write.MsSetup;
import org.tessera.imaging.Image;
import org.tessera.imaging.fits.FitsImageReader;
import org.tessera.imaging.simulation.ArrayLayout;
import org.tessera.imaging.simulation.Observation;
import org.tessera.imaging.simulation.PointSource;
import org.tessera.imaging.simulation.SimulatedMeasurementSet;
import org.tessera.testsupport.ExternalCommand;
import org.tessera.testsupport.Python;
import org.tessera.testsupport.SharedMs;

/** {@code tessera image}: impossible parameters, unusable data, warnings, and the products it writes. */
class ImageCommandTest {
    private static final String[] PRODUCTS = {"-psf.fits", "-dirty.fits", "-model.fits", "-residual.fits",
        "-image.fits", "-summary.json"};

    @TempDir
    static Path dir;
    /** A small simulated MS: 12 antennas within 1.5 km at 1.4 GHz (longest baseline about 14,000 wavelengths). */
    private static Path simulated;

    @BeforeAll
    static void simulate() {
        ArrayLayout layout = ArrayLayout.spiral(12, 30, 800, Math.toRadians(-30), 12);
        double cell = Math.toRadians(4.0 / 3600);
        List<PointSource> sky = List.of(new PointSource(1.0, 0, 0),
                new PointSource(0.4, Math.sin(20 * cell), Math.sin(-12 * cell)));
        simulated = dir.resolve("small.ms");
        SimulatedMeasurementSet.write(simulated, new Observation(layout, Math.toRadians(150), Math.toRadians(-40),
                4.9e9, 16, 120, Math.toRadians(-20), 1.4e9, 1e6, 4, sky, 0.01, 3));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "-size 0 64 -scale 4asec | image size must be positive",
        "-size -64 64 -scale 4asec | image size must be positive",
        "-size 64 64 -scale 0asec | pixel scale must be positive",
        "-size 64 64 -scale 4asec -weight superuniform | unknown weighting 'superuniform'",
        "-size 64 64 -scale 4asec -niter -5 | -niter must be >= 0",
    })
    void impossibleParametersFailBeforeAnyWork(String options, String message) throws IOException {
        Path out = Files.createDirectories(dir.resolve("bad-" + Math.abs(options.hashCode())));
        List<String> args = new ArrayList<>(List.of("image"));
        args.addAll(Arrays.asList(options.trim().split(" +")));
        args.addAll(List.of("-name", out.resolve("x").toString(), simulated.toString()));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().contains(message), run.err());
        assertEquals(1, run.err().strip().lines().count(), "one line: " + run.err());
        assertEquals(List.of(), list(out), "nothing written");
    }

    @Test
    void allFlaggedDataIsAnError() throws IOException {
        Path ms = dir.resolve("flagged.ms");
        writeTinyMs(ms, new int[] {9, 12}, true, 1f);
        Path out = Files.createDirectories(dir.resolve("flagged-out"));
        CliRun run = CliRun.of("image", "-size", "64", "64", "-scale", "10amin", "-name", out.resolve("x").toString(),
                ms.toString());
        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().contains("no unflagged visibilities"), run.err());
        assertEquals(List.of(), list(out), "nothing written");
    }

    @Test
    void crossHandsOnlyCannotMakeStokesI() throws IOException {
        Path ms = dir.resolve("xy.ms");
        writeTinyMs(ms, new int[] {10}, false, 1f);
        Path out = Files.createDirectories(dir.resolve("xy-out"));
        CliRun run = CliRun.of("image", "-size", "64", "64", "-scale", "10amin", "-name", out.resolve("x").toString(),
                ms.toString());
        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().contains("no pair of parallel hands") && run.err().contains("XY"), run.err());
        assertTrue(!run.err().contains("\tat "), "no stack trace: " + run.err());
        assertEquals(List.of(), list(out), "nothing written");
    }

    @Test
    void tooCoarseScaleWarnsWithSuggestedScale() {
        // longest baseline ~1550 m at 1.404 GHz = 7300 wavelengths: Nyquist 14 asec, so 60 asec is too coarse
        CliRun run = CliRun.of("image", "-size", "64", "64", "-scale", "60asec", "-weight", "natural", "-j", "2",
                "-name", dir.resolve("coarse").toString(), simulated.toString());
        assertEquals(0, run.exitCode(), run.err());
        String warning = run.out().lines().filter(l -> l.startsWith("warning:")).findFirst().orElse("");
        assertTrue(warning.contains("too coarse") && warning.contains("suggested scale"), run.out());
        double suggested = Double.parseDouble(warning.replaceAll(".*suggested scale: ([0-9.]+)asec.*", "$1"));
        assertTrue(suggested > 3 && suggested < 14, "suggested " + suggested + " asec");
    }

    @Test
    void nanVisibilitiesAreSkippedAndCounted() throws IOException {
        Path ms = dir.resolve("nan.ms");
        writeTinyMs(ms, new int[] {9, 10, 11, 12}, false, Float.NaN);
        String prefix = dir.resolve("nan").toString();
        CliRun run = CliRun.of("image", "-size", "64", "64", "-scale", "10amin", "-weight", "natural", "-niter", "10",
                "-name", prefix, ms.toString());
        assertEquals(0, run.exitCode(), run.err());
        JsonNode summary = new ObjectMapper().readTree(Path.of(prefix + "-summary.json").toFile());
        assertTrue(summary.get("visibilitiesNonFinite").asLong() > 0, summary.toString());
        assertTrue(summary.get("visibilitiesUsed").asLong() > 0, summary.toString());
        assertFinite(prefix);
    }

    @Test
    void nanVisibilitiesOfLwaSv() throws IOException {
        // Its NaNs sit only in YX of autocorrelation rows: Stokes I (XX+YY)/2 of the 6 cross-correlations
        // x 4 channels never touches them, so nothing is non-finite and the images stay finite.
        Path ms = SharedMs.require("edge/lwasv-nan.ms");
        String prefix = dir.resolve("lwasv").toString();
        CliRun run = CliRun.of("image", "-size", "64", "64", "-scale", "1deg", "-weight", "natural", "-name", prefix,
                ms.toString());
        assertEquals(0, run.exitCode(), run.err());
        JsonNode summary = new ObjectMapper().readTree(Path.of(prefix + "-summary.json").toFile());
        System.out.println("lwasv-nan.ms: used " + summary.get("visibilitiesUsed") + ", non-finite "
                + summary.get("visibilitiesNonFinite") + ", flagged " + summary.get("visibilitiesFlagged"));
        assertEquals(24, summary.get("visibilitiesUsed").asLong());
        assertEquals(0, summary.get("visibilitiesNonFinite").asLong());
        assertFinite(prefix);
    }

    @Test
    void productsHaveWsCleanNamesWcsBeamAndSummary() throws Exception {
        String prefix = dir.resolve("products").toString();
        CliRun run = CliRun.of("image", "-size", "128", "96", "-scale", "4asec", "-weight", "briggs", "0",
                "-niter", "200", "-mgain", "0.8", "-threshold", "5mJy", "-j", "2", "-name", prefix, simulated.toString());
        assertEquals(0, run.exitCode(), run.err());
        for (String p : PRODUCTS) {
            assertTrue(Files.isRegularFile(Path.of(prefix + p)), prefix + p);
        }
        JsonNode s = new ObjectMapper().readTree(Path.of(prefix + "-summary.json").toFile());
        for (String field : new String[] {"parameters", "sumOfWeights", "beam", "cycles", "stopCode", "stopWords",
            "stageSeconds", "visibilitiesUsed", "visibilitiesFlagged", "visibilitiesNonFinite"}) {
            assertTrue(s.has(field), "summary lacks " + field + ": " + s);
        }
        assertEquals("briggs 0.0", s.get("parameters").get("weight").asText());
        assertEquals(200, s.get("parameters").get("niter").asInt());
        assertTrue(s.get("sumOfWeights").asDouble() > 0);
        assertEquals(2, s.get("stopCode").asInt(), s.get("stopWords").asText());
        assertTrue(s.get("cycles").size() >= 1);
        for (String stage : new String[] {"partition", "weights", "image", "clean", "residual", "restore"}) {
            assertTrue(s.get("stageSeconds").has(stage), "no time for " + stage);
        }
        // 12 antennas x 11 / 2 baselines x 16 times x 4 channels, none flagged
        assertEquals(66 * 16 * 4, s.get("visibilitiesUsed").asLong());
        assertEquals(0, s.get("visibilitiesFlagged").asLong());

        // WCS and beam keywords as astropy reads them: pixel (N/2, N/2) 0-based is the phase centre
        Python.assumeModules("astropy.io.fits, astropy.wcs", "astropy: apt-get install python3-astropy");
        String script = String.join("\n",
                "import sys, warnings",
                "warnings.simplefilter('ignore')",
                "from astropy.io import fits",
                "from astropy.wcs import WCS",
                "h = fits.getheader(sys.argv[1])",
                "w = WCS(h).celestial",
                "ra, dec = w.wcs_pix2world([[h['NAXIS1'] // 2, h['NAXIS2'] // 2]], 0)[0]",
                "print(ra, dec, h['CDELT1'], h['CDELT2'], h['CTYPE1'], h['CTYPE2'], h.get('BMAJ', -1), h.get('BMIN', -1),"
                        + " h['BUNIT'])");
        ExternalCommand.Result astropy = Python.code(script, prefix + "-image.fits").run();
        String out = astropy.output().strip();
        assertEquals(0, astropy.exit(), out);
        String[] f = out.split(" ");
        assertEquals(150.0, Double.parseDouble(f[0]), 1e-9, out);
        assertEquals(-40.0, Double.parseDouble(f[1]), 1e-9, out);
        assertEquals(-4.0 / 3600, Double.parseDouble(f[2]), 1e-12, out);
        assertEquals(4.0 / 3600, Double.parseDouble(f[3]), 1e-12, out);
        assertEquals("RA---SIN", f[4]);
        assertEquals("DEC--SIN", f[5]);
        double bmaj = Double.parseDouble(f[6]);
        double bmin = Double.parseDouble(f[7]);
        assertEquals(s.get("beam").get("majorRad").asDouble(), Math.toRadians(bmaj), 1e-6 * Math.toRadians(bmaj));
        assertTrue(bmin > 0 && bmin <= bmaj, out);
        assertEquals("JY/BEAM", f[8]);
    }

    private static void assertFinite(String prefix) throws IOException {
        for (String p : new String[] {"-psf.fits", "-dirty.fits", "-residual.fits", "-image.fits"}) {
            Image image = FitsImageReader.read(Path.of(prefix + p)).image();
            for (double v : image.pixels) {
                assertTrue(Double.isFinite(v), prefix + p + " has a non-finite pixel");
            }
        }
    }

    /**
     * A 4-antenna, 3-channel MS with the given correlations: every row flagged if {@code flagAll};
     * the first correlation of every third row set to {@code special} (e.g. NaN), the rest a 1 Jy source.
     */
    private static void writeTinyMs(Path path, int[] corrTypes, boolean flagAll, float special) {
        List<MsSetup.Antenna> antennas = new ArrayList<>();
        for (int a = 0; a < 4; a++) {
            antennas.add(new MsSetup.Antenna("A" + a, "S" + a,
                    new double[] {-2.0e6 + 30 * a, 5.0e6 - 20 * a * a, -3.0e6 + 10 * a}, 6));
        }
        double[] freqs = {150e6, 151e6, 152e6};
        int ncorr = corrTypes.length;
        MsSetup setup = new MsSetup(antennas, freqs, 1e6, corrTypes, 1.0, -0.5, "TINY", "TEST", 4.9e9, 4.9e9 + 100,
                true, false);
        try (MeasurementSetBuilder b = MeasurementSetBuilder.create(path, setup)) {
            int row = 0;
            for (int t = 0; t < 10; t++) {
                for (int a1 = 0; a1 < 4; a1++) {
                    for (int a2 = a1 + 1; a2 < 4; a2++) {
                        float[] data = new float[2 * ncorr * freqs.length];
                        boolean[] flag = new boolean[ncorr * freqs.length];
                        for (int c = 0; c < freqs.length; c++) {
                            for (int k = 0; k < ncorr; k++) {
                                data[2 * (c * ncorr + k)] = 1f;
                                flag[c * ncorr + k] = flagAll;
                            }
                        }
                        if (row % 3 == 0) {
                            data[0] = special;
                        }
                        double[] uvw = {30.0 * (a2 - a1) + t, 20.0 * (a2 * a2 - a1 * a1) - t, 5.0 * a1};
                        b.addRow(new MeasurementSetBuilder.Row(a1, a2, 4.9e9 + 10 * t, 10, uvw, data, flag, null, null,
                                null));
                        row++;
                    }
                }
            }
        }
    }

    private static List<Path> list(Path out) throws IOException {
        try (Stream<Path> s = Files.list(out)) {
            return s.toList();
        }
    }
}
