package org.tessera.imaging.accuracy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.imaging.Image;
import org.tessera.imaging.fits.FitsImage;
import org.tessera.imaging.fits.FitsImageReader;
import org.tessera.imaging.sequence.RunSummary;
import org.tessera.imaging.simulation.ExtendedField;
import org.tessera.imaging.simulation.SimulatedMeasurementSet;
import org.tessera.testsupport.TreeCopy;
import org.tessera.testsupport.Tools;

/**
 * {@code -channels-out 4 -join-channels -fit-spectral-pol 2 -multiscale} on the simulated MWA-like field of the
 * multiscale tests observed over 135-165 MHz with noise ({@link ExtendedField#widebandObservation()}): a point
 * source and Gaussians 2, 4 and 9 beams wide with spectral indices from −1.5 to +0.8. Each source's model flux in
 * every group and in MFS is within 2 % of the truth at the image's frequency, the point source's restored peak too,
 * and the spectral indices from the group models are within 0.1 of the truth up to 4 beams wide. The 9-beam
 * Gaussian's index comes out about −0.43 against the true −0.3, as WSClean's does (−0.46): it is held within 0.05
 * of WSClean's. WSClean 3.1 runs the same options on the same MS: Tessera's MFS residual rms is at most 1.05 ×
 * WSClean's.
 */
class WidebandMultiscaleTest {
    private static final double[][] SKY = ExtendedField.sky();
    private static final double[] ALPHA = ExtendedField.spectralIndices();
    private static final double BEAM = ExtendedField.BEAM_PIXELS;
    private static final String[] TAGS = {"0000", "0001", "0002", "0003", "MFS"};

    @TempDir
    static Path dir;
    static Path ms;

    @BeforeAll
    static void simulate() {
        ms = dir.resolve("wideband-extended.ms");
        SimulatedMeasurementSet.write(ms, ExtendedField.widebandObservation());
    }

    static Map<String, Object> options() {
        Map<String, Object> options = new HashMap<>(MultiscaleSimulationTest.options());
        options.putAll(Map.of("channels-out", 4, "join-channels", true, "fit-spectral-pol", 2));
        return options;
    }

    @Test
    void extendedSourcesKeepTheirFluxesAndSpectralIndicesAndMatchWsclean() throws Exception {
        String prefix = dir.resolve("tessera").toString();
        RunSummary summary = MultiscaleSimulationTest.tessera(ms, prefix, options());
        System.out.printf("Tessera: %d iterations, %d major cycles, stop %s%n", summary.iterationsDone,
                summary.majorCyclesDone, summary.stopWords);
        double[][] fluxes = new double[SKY.length][4];
        double[] freqs = new double[4];
        for (int t = 0; t < TAGS.length; t++) {
            FitsImage model = FitsImageReader.read(Path.of(prefix + "-" + TAGS[t] + "-model.fits"));
            Image restored = FitsImageReader.read(Path.of(prefix + "-" + TAGS[t] + "-image.fits")).image();
            for (Image image : List.of(model.image(), restored)) {
                for (double v : image.pixels) {
                    assertTrue(Double.isFinite(v), TAGS[t] + ": a pixel is " + v);
                }
            }
            double nu = model.freqHz();
            for (int s = 0; s < SKY.length; s++) {
                double truth = truth(s, nu);
                double found = within(model.image(), s);
                System.out.printf("%s at %.2f MHz, source %.0f beams, alpha %+.1f: model %.4f Jy, truth %.4f (%+.2f%%)%n",
                        TAGS[t], nu / 1e6, SKY[s][1], ALPHA[s], found, truth, 100 * (found / truth - 1));
                assertEquals(truth, found, 0.02 * truth, TAGS[t] + ", model flux of source " + s);
                if (t < 4) {
                    fluxes[s][t] = found;
                }
            }
            double point = restored.get((int) SKY[0][2], (int) SKY[0][3]);
            System.out.printf("%s: point source restored peak %.4f, truth %.4f (%+.2f%%)%n", TAGS[t], point,
                    truth(0, nu), 100 * (point / truth(0, nu) - 1));
            assertEquals(truth(0, nu), point, 0.02 * truth(0, nu), TAGS[t] + ", point source restored peak");
            if (t < 4) {
                freqs[t] = nu;
            }
        }
        double[][] wsFluxes = compareWithWsclean(prefix);
        for (int s = 0; s < SKY.length; s++) {
            double alpha = WidebandCleanTest.slope(freqs, fluxes[s]);
            System.out.printf("source %.0f beams: spectral index from the group models %+.4f (WSClean's %s), truth %+.2f%n",
                    SKY[s][1], alpha, wsFluxes == null ? "not run" : String.format("%+.4f",
                            WidebandCleanTest.slope(freqs, wsFluxes[s])), ALPHA[s]);
            if (SKY[s][1] <= 4) {
                assertEquals(ALPHA[s], alpha, 0.1, "spectral index of source " + s);
            } else {
                // WSClean's model of the 9-beam Gaussian loses flux towards high frequencies alike (its index
                // -0.46 against the true -0.3): the array's limit, not the deconvolution's
                assertEquals(ALPHA[s], alpha, 0.2, "spectral index of source " + s);
                if (wsFluxes != null) {
                    assertEquals(WidebandCleanTest.slope(freqs, wsFluxes[s]), alpha, 0.05,
                            "spectral index of source " + s + " against WSClean's");
                }
            }
        }
    }

    /** Prints residual rms and model flux ratios per image, asserts the MFS rms; the WSClean group models' fluxes. */
    private static double[][] compareWithWsclean(String prefix) throws Exception {
        if (!Tools.onPath("wsclean")) {
            System.out.println("WSClean is not installed: no comparison");
            return null;
        }
        double[][] wsFluxes = new double[SKY.length][4];
        Path copy = TreeCopy.writable(ms, dir.resolve("wsclean").resolve(ms.getFileName()));
        String reference = dir.resolve("wsclean").resolve("ref").toString();
        List<String> args = new ArrayList<>(List.of(MultiscaleSimulationTest.OPTIONS));
        args.addAll(List.of("-channels-out", "4", "-join-channels", "-fit-spectral-pol", "2"));
        WscleanRunner.run(copy, reference, args.toArray(String[]::new));
        for (String tag : TAGS) {
            Image model = FitsImageReader.read(Path.of(prefix + "-" + tag + "-model.fits")).image();
            Image wsModel = FitsImageReader.read(Path.of(reference + "-" + tag + "-model.fits")).image();
            StringBuilder ratios = new StringBuilder();
            for (int s = 0; s < SKY.length; s++) {
                ratios.append(String.format(" %.4f", within(model, s) / within(wsModel, s)));
                if (!tag.equals("MFS")) {
                    wsFluxes[s][Integer.parseInt(tag)] = within(wsModel, s);
                }
            }
            double rms = MultiscaleSimulationTest.rms(FitsImageReader.read(Path.of(prefix + "-" + tag
                    + "-residual.fits")).image());
            double wsRms = MultiscaleSimulationTest.rms(FitsImageReader.read(Path.of(reference + "-" + tag
                    + "-residual.fits")).image());
            System.out.printf("%s: residual rms Tessera %.5g, WSClean %.5g Jy/beam (ratio %.4f); model flux per source"
                    + " Tessera / WSClean:%s%n", tag, rms, wsRms, rms / wsRms, ratios);
            if (tag.equals("MFS")) {
                assertTrue(rms <= 1.05 * wsRms, "MFS residual rms " + rms + " against WSClean's " + wsRms);
            }
        }
        return wsFluxes;
    }

    private static double truth(int source, double frequencyHz) {
        return SKY[source][0] * Math.pow(frequencyHz / ExtendedField.WIDEBAND_REFERENCE_HZ, ALPHA[source]);
    }

    /** Model flux around the source, as {@link MultiscaleSimulationTest} measures it. */
    private static double within(Image model, int source) {
        double[] s = SKY[source];
        return MultiscaleSimulationTest.within(model, s[2], s[3], 1.5 * Math.max(1, s[1]) * BEAM + 2 * BEAM);
    }
}
