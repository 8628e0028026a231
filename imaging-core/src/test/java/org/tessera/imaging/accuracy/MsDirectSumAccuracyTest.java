package org.tessera.imaging.accuracy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.casacore.ms.MeasurementSet;
import org.tessera.imaging.Image;
import org.tessera.imaging.ImageGeometry;
import org.tessera.imaging.gridding.DirectFourierSum;
import org.tessera.imaging.gridding.GriddedImage;
import org.tessera.imaging.gridding.WGridder;
import org.tessera.imaging.ms.MsVisibilitySource;
import org.tessera.imaging.simulation.PointSource;
import org.tessera.imaging.simulation.SimulatedMeasurementSet;
import org.tessera.testsupport.SharedMs;

/**
 * End to end through the MeasurementSet path (MS reader, Stokes I selection, w-gridder) against
 * the exact direct Fourier sum of the MS's own Stokes I visibilities, on wide fields with |w| above
 * 1000 m: a simulated MS written by the project's writer (runs on a fresh clone) and mwa-pupa.ms.
 */
class MsDirectSumAccuracyTest {
    private static final double ARCMIN = Math.toRadians(1.0 / 60);
    /** 512 x 512 pixels of 1 arcmin: 8.5° across, n - 1 = -0.0056 in the corners. */
    private static final ImageGeometry WIDE = new ImageGeometry(512, 512, ARCMIN, 0, 0);
    /** Small image for the double-precision case (ε = 1e-12 needs wide kernels). */
    private static final ImageGeometry SMALL = new ImageGeometry(96, 80, ARCMIN, 0, 0);

    @TempDir
    static Path dir;
    private static Path simulated;

    @BeforeAll
    static void simulate() {
        List<PointSource> sky = List.of(AccuracyData.onPixel(WIDE, 1.0, 256, 256),
                AccuracyData.onPixel(WIDE, 0.6, 30, 480), AccuracyData.onPixel(WIDE, 0.5, 500, 10),
                AccuracyData.onPixel(WIDE, 0.8, 140, 300));
        simulated = dir.resolve("wide.ms");
        SimulatedMeasurementSet.write(simulated, AccuracyData.wideField(sky, 0, 12, 1));
    }

    @Test
    void simulatedMsHasWideWTerms() {
        double maxW = maxAbsW(simulated);
        System.out.printf("simulated wide-field MS: max |w| = %.0f m%n", maxW);
        assertTrue(maxW >= 1000, "max |w| " + maxW);
    }

    @Test
    void simulatedDirtySinglePrecision() {
        for (double eps : new double[] {1e-4, 1e-5}) {
            double err = dirtyError(simulated, WIDE, eps, false);
            System.out.printf("simulated MS dirty, eps=%.0e: max error / peak = %.3g%n", eps, err);
            assertTrue(err <= 3 * eps, "error " + err + " at eps " + eps);
        }
    }

    @Test
    void simulatedPsfSinglePrecision() {
        double err = dirtyError(simulated, WIDE, 1e-5, true);
        System.out.printf("simulated MS psf, eps=1e-5: max error / peak = %.3g%n", err);
        assertTrue(err <= 3e-5, "error " + err);
    }

    @Test
    void simulatedDirtyDoublePrecision() {
        double err = dirtyError(simulated, SMALL, 1e-12, false);
        System.out.printf("simulated MS dirty, eps=1e-12 (double): max error / peak = %.3g%n", err);
        assertTrue(err <= 1e-10, "error " + err);
    }

    @Test
    void simulatedDegrid() {
        for (double eps : new double[] {1e-4, 1e-5}) {
            double err = degridError(simulated, WIDE, model(WIDE), eps);
            System.out.printf("simulated MS degrid, eps=%.0e: max error / peak = %.3g%n", eps, err);
            assertTrue(err <= 3 * eps, "error " + err + " at eps " + eps);
        }
        double err = degridError(simulated, SMALL, model(SMALL), 1e-12);
        System.out.printf("simulated MS degrid, eps=1e-12 (double): max error / peak = %.3g%n", err);
        assertTrue(err <= 1e-10, "error " + err);
    }

    @Test
    void mwaPupaDirty() {
        Path ms = SharedMs.require("mwa-pupa.ms");
        assertTrue(maxAbsW(ms) >= 1000);
        for (double eps : new double[] {1e-4, 1e-5}) {
            double err = dirtyError(ms, WIDE, eps, false);
            System.out.printf("mwa-pupa.ms dirty, eps=%.0e: max error / peak = %.3g%n", eps, err);
            assertTrue(err <= 3 * eps, "error " + err + " at eps " + eps);
        }
        double err = dirtyError(ms, SMALL, 1e-12, false);
        System.out.printf("mwa-pupa.ms dirty, eps=1e-12 (double): max error / peak = %.3g%n", err);
        assertTrue(err <= 1e-10, "error " + err);
    }

    @Test
    void mwaPupaDegrid() {
        Path ms = SharedMs.require("mwa-pupa.ms");
        for (double eps : new double[] {1e-4, 1e-5}) {
            double err = degridError(ms, WIDE, model(WIDE), eps);
            System.out.printf("mwa-pupa.ms degrid, eps=%.0e: max error / peak = %.3g%n", eps, err);
            assertTrue(err <= 3 * eps, "error " + err + " at eps " + eps);
        }
        double err = degridError(ms, SMALL, model(SMALL), 1e-12);
        System.out.printf("mwa-pupa.ms degrid, eps=1e-12 (double): max error / peak = %.3g%n", err);
        assertTrue(err <= 1e-10, "error " + err);
    }

    /**
     * Largest |gridded - exact| over at least 20 pixels (corners, edge midpoints, centre, the image
     * peak and random others), relative to the largest |exact| among them; also checks the sum of weights.
     */
    private static double dirtyError(Path msPath, ImageGeometry g, double eps, boolean psf) {
        try (MeasurementSet ms = MeasurementSet.open(msPath)) {
            MsVisibilitySource source = new MsVisibilitySource(ms, null, 0, 8L << 20);
            GriddedImage gridded = new WGridder(g, eps, 2).grid(source, null, psf);
            int[][] px = testPixels(g, gridded.image());
            double[] exact = DirectFourierSum.dirtyPixels(source, g, px[0], px[1], null, psf);
            double sumWeights = DirectFourierSum.sumOfWeights(source, null, psf);
            assertTrue(sumWeights > 0);
            assertEquals(sumWeights, gridded.sumWeights(), 1e-9 * sumWeights);
            double peak = 0;
            double err = 0;
            for (int i = 0; i < exact.length; i++) {
                peak = Math.max(peak, Math.abs(exact[i]));
                err = Math.max(err, Math.abs(gridded.image().get(px[0][i], px[1][i]) - exact[i]));
            }
            return err / peak;
        }
    }

    /** Largest |predicted - exact| over the used samples, relative to the largest exact |V|. */
    private static double degridError(Path msPath, ImageGeometry g, Image model, double eps) {
        try (MeasurementSet ms = MeasurementSet.open(msPath)) {
            MsVisibilitySource source = new MsVisibilitySource(ms, null, 0, 8L << 20);
            double[] predicted = new WGridder(g, eps, 2).predict(model, source);
            double[] errPeak = {0, 0};
            int[] offset = {0};
            source.forEach(ch -> {
                double[] exact = DirectFourierSum.predict(model, g, ch);
                for (int i = 0; i < ch.rows * ch.channels; i++) {
                    if (ch.weight[i] > 0) {
                        double dr = predicted[offset[0] + 2 * i] - exact[2 * i];
                        double di = predicted[offset[0] + 2 * i + 1] - exact[2 * i + 1];
                        errPeak[0] = Math.max(errPeak[0], Math.max(Math.abs(dr), Math.abs(di)));
                        errPeak[1] = Math.max(errPeak[1], Math.hypot(exact[2 * i], exact[2 * i + 1]));
                    }
                }
                offset[0] += 2 * ch.rows * ch.channels;
            });
            assertEquals(predicted.length, offset[0]);
            return errPeak[0] / errPeak[1];
        }
    }

    /** Model components in the corners, on the edges, at the centre and in between. */
    private static Image model(ImageGeometry g) {
        Image m = new Image(g.width(), g.height());
        int w = g.width();
        int h = g.height();
        m.set(w / 2, h / 2, 1.0);
        m.set(0, 0, 0.4);
        m.set(w - 1, h - 1, -0.3);
        m.set(3, h - 2, 0.6);
        m.set(w - 5, 7, 0.8);
        m.set(w / 3, 2 * h / 3, 0.5);
        return m;
    }

    /** Corners, edge midpoints, centre, the brightest pixel and random others: 30 in all. */
    private static int[][] testPixels(ImageGeometry g, Image image) {
        int w = g.width();
        int h = g.height();
        List<int[]> p = new ArrayList<>(List.of(new int[] {0, 0}, new int[] {w - 1, 0}, new int[] {0, h - 1},
                new int[] {w - 1, h - 1}, new int[] {w / 2, 0}, new int[] {0, h / 2}, new int[] {w - 1, h / 2},
                new int[] {w / 2, h - 1}, new int[] {w / 2, h / 2}));
        int peak = 0;
        for (int i = 1; i < image.pixels.length; i++) {
            if (Math.abs(image.pixels[i]) > Math.abs(image.pixels[peak])) {
                peak = i;
            }
        }
        p.add(new int[] {peak % w, peak / w});
        Random rnd = new Random(11);
        while (p.size() < 30) {
            p.add(new int[] {rnd.nextInt(w), rnd.nextInt(h)});
        }
        int[][] out = new int[2][p.size()];
        for (int i = 0; i < p.size(); i++) {
            out[0][i] = p.get(i)[0];
            out[1][i] = p.get(i)[1];
        }
        return out;
    }

    /** Largest |w| (metres) among the samples the imager uses. */
    private static double maxAbsW(Path msPath) {
        try (MeasurementSet ms = MeasurementSet.open(msPath)) {
            double[] max = {0};
            new MsVisibilitySource(ms, null, 0, 8L << 20).forEach(ch -> {
                for (int r = 0; r < ch.rows; r++) {
                    if (ch.weight[r * ch.channels] > 0) {
                        max[0] = Math.max(max[0], Math.abs(ch.uvw[3 * r + 2]));
                    }
                }
            });
            return max[0];
        }
    }
}
