package org.tessera.imaging.gridding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tessera.imaging.Image;
import org.tessera.imaging.ImageGeometry;
import org.tessera.imaging.VisibilityChunk;
import org.tessera.testsupport.PointSource;

/** The gridder and degridder against the exact direct Fourier sum on wide fields with |w| >= 1000 m. */
class WGridderAccuracyTest {

    /** 256 x 192 pixels of 8 arcmin: |l| up to 0.30, corners at n - 1 = -0.07. */
    private static final ImageGeometry WIDE = new ImageGeometry(256, 192, Math.toRadians(8.0 / 60), 0.3, -0.5);

    private static List<PointSource> sources(ImageGeometry g) {
        List<PointSource> s = new ArrayList<>();
        s.add(new PointSource(0, 0, 1.0));
        s.add(new PointSource(g.l(20), g.m(170), 0.7));
        s.add(new PointSource(g.l(250), g.m(3), 0.5));
        s.add(new PointSource(g.l(131) + 0.3 * g.cellRad(), g.m(60) - 0.4 * g.cellRad(), 0.9));
        return s;
    }

    private static SyntheticVisibilities wideData(ImageGeometry g, long seed, int rows) {
        // |u|, |v| < 90 m at 1.8-2.2 m wavelength keeps the uv plane within the image's 1/(2 cell) = 215 wavelengths
        return new SyntheticVisibilities(seed, 3, rows, SyntheticVisibilities.frequencies(134e6, 164e6, 4),
                90, 1000, 1105, sources(g));
    }

    /** Test pixels: corners, edges, centre, source positions and a spread of others. */
    static int[][] testPixels(ImageGeometry g) {
        int w = g.width();
        int h = g.height();
        List<int[]> p = new ArrayList<>();
        int[][] fixed = {{0, 0}, {w - 1, 0}, {0, h - 1}, {w - 1, h - 1}, {w / 2, h / 2}, {w / 2, 0}, {0, h / 2},
            {w - 1, h / 2}, {w / 2, h - 1}, {20, 170}, {250, 3}, {131, 60}, {w / 2 + 1, h / 2 - 1}};
        for (int[] f : fixed) {
            if (f[0] < w && f[1] < h) {
                p.add(f);
            }
        }
        java.util.Random rnd = new java.util.Random(5);
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

    /** Largest |gridded - exact| over the test pixels, relative to the largest |exact|. */
    static double dirtyError(ImageGeometry g, SyntheticVisibilities data, double epsilon, int threads, boolean psf) {
        int[][] px = testPixels(g);
        double[] exact = DirectFourierSum.dirtyPixels(data, g, px[0], px[1], null, psf);
        GriddedImage gridded = new WGridder(g, epsilon, threads).grid(data, null, psf);
        assertEquals(DirectFourierSum.sumOfWeights(data, null, psf), gridded.sumWeights(),
                1e-9 * gridded.sumWeights());
        double peak = 0;
        double err = 0;
        for (int i = 0; i < exact.length; i++) {
            peak = Math.max(peak, Math.abs(exact[i]));
            err = Math.max(err, Math.abs(gridded.image().get(px[0][i], px[1][i]) - exact[i]));
        }
        return err / peak;
    }

    /**
     * Largest |predicted - exact| over the weighted samples, relative to the largest |exact|; samples
     * of zero weight (never gridded, outside the plan's w range) must be predicted as 0.
     */
    static double degridError(ImageGeometry g, SyntheticVisibilities data, Image model, double epsilon, int threads) {
        List<double[]> exact = new ArrayList<>();
        data.forEach(ch -> exact.add(DirectFourierSum.predict(model, g, ch)));
        double[] err = {0, 0};
        int[] k = {0};
        new WGridder(g, epsilon, threads).degrid(model, data, (VisibilityChunk ch) -> {
            double[] e = exact.get(k[0]++);
            for (int i = 0; i < e.length; i++) {
                double expected = ch.weight[i / 2] == 0 ? 0 : e[i];
                err[0] = Math.max(err[0], Math.abs(ch.vis[i] - expected));
            }
            for (int i = 0; i < e.length; i += 2) {
                err[1] = Math.max(err[1], Math.hypot(e[i], e[i + 1]));
            }
        });
        assertEquals(exact.size(), k[0]);
        return err[0] / err[1];
    }

    static Image model(ImageGeometry g) {
        Image m = new Image(g.width(), g.height());
        m.set(g.width() / 2, g.height() / 2, 1.0);
        m.set(0, 0, 0.4);
        m.set(g.width() - 1, g.height() - 1, -0.3);
        m.set(3, g.height() - 2, 0.6);
        m.set(g.width() - 5, 7, 0.8);
        m.set(g.width() / 3, 2 * g.height() / 3, 0.5);
        return m;
    }

    @Test
    void dirtyImageSinglePrecision1e4() {
        double err = dirtyError(WIDE, wideData(WIDE, 1, 500), 1e-4, 2, false);
        System.out.printf("dirty eps=1e-4: max error / peak = %.3g%n", err);
        assertTrue(err <= 3e-4, "error " + err);
    }

    @Test
    void dirtyImageSinglePrecision1e5() {
        double err = dirtyError(WIDE, wideData(WIDE, 2, 500), 1e-5, 2, false);
        System.out.printf("dirty eps=1e-5: max error / peak = %.3g%n", err);
        assertTrue(err <= 3e-5, "error " + err);
    }

    @Test
    void dirtyImageDoublePrecision1e12() {
        ImageGeometry small = new ImageGeometry(64, 48, 0.3 / 32, 0, 0);
        SyntheticVisibilities data = new SyntheticVisibilities(3, 2, 150,
                SyntheticVisibilities.frequencies(134e6, 164e6, 3), 20, 1000, 1105,
                List.of(new PointSource(small.l(5), small.m(40), 1), new PointSource(0.01, -0.02, 0.5)));
        double err = dirtyError(small, data, 1e-12, 2, false);
        System.out.printf("dirty eps=1e-12: max error / peak = %.3g%n", err);
        assertTrue(err <= 1e-10, "error " + err);
    }

    @Test
    void degridSinglePrecision1e4() {
        double err = degridError(WIDE, wideData(WIDE, 4, 300), model(WIDE), 1e-4, 2);
        System.out.printf("degrid eps=1e-4: max error / peak = %.3g%n", err);
        assertTrue(err <= 3e-4, "error " + err);
    }

    @Test
    void degridSinglePrecision1e5() {
        double err = degridError(WIDE, wideData(WIDE, 5, 300), model(WIDE), 1e-5, 2);
        System.out.printf("degrid eps=1e-5: max error / peak = %.3g%n", err);
        assertTrue(err <= 3e-5, "error " + err);
    }

    @Test
    void degridDoublePrecision1e12() {
        ImageGeometry small = new ImageGeometry(64, 48, 0.3 / 32, 0, 0);
        SyntheticVisibilities data = new SyntheticVisibilities(6, 2, 100,
                SyntheticVisibilities.frequencies(134e6, 164e6, 3), 20, 1000, 1105, List.of());
        // predictions are returned as floats, so compare in double through the gridder internals
        double err = degridErrorDouble(small, data, model(small), 1e-12);
        System.out.printf("degrid eps=1e-12: max error / peak = %.3g%n", err);
        assertTrue(err <= 1e-10, "error " + err);
    }

    /** Double-precision predictions (the public degrid rounds to the chunk's floats). */
    static double degridErrorDouble(ImageGeometry g, SyntheticVisibilities data, Image model, double epsilon) {
        double[] predicted = new WGridder(g, epsilon, 2).predict(model, data);
        double err = 0;
        double peak = 0;
        int offset = 0;
        for (VisibilityChunk ch : data.chunks) {
            double[] e = DirectFourierSum.predict(model, g, ch);
            for (int i = 0; i < e.length; i++) {
                double expected = ch.weight[i / 2] == 0 ? 0 : e[i];
                err = Math.max(err, Math.abs(predicted[offset + i] - expected));
            }
            for (int i = 0; i < e.length; i += 2) {
                peak = Math.max(peak, Math.hypot(e[i], e[i + 1]));
            }
            offset += e.length;
        }
        return err / peak;
    }

    @Test
    void psfIsAlsoAccurate() {
        double err = dirtyError(WIDE, wideData(WIDE, 7, 300), 1e-4, 1, true);
        System.out.printf("psf eps=1e-4: max error / peak = %.3g%n", err);
        assertTrue(err <= 3e-4, "error " + err);
    }
    /** The float path at eps = 1e-5: PSF and dirty image from one sort, both within 3 eps of the direct sum. */
    @Test
    void psfAndDirtyFromOneSortSinglePrecision1e5() {
        SyntheticVisibilities data = wideData(WIDE, 8, 400);
        int[][] px = testPixels(WIDE);
        GriddedImage[] both = new WGridder(WIDE, 1e-5, 2).gridPsfAndDirty(data, null);
        for (int k = 0; k < 2; k++) {
            boolean psf = k == 0;
            double[] exact = DirectFourierSum.dirtyPixels(data, WIDE, px[0], px[1], null, psf);
            double peak = 0;
            double err = 0;
            for (int i = 0; i < exact.length; i++) {
                peak = Math.max(peak, Math.abs(exact[i]));
                err = Math.max(err, Math.abs(both[k].image().get(px[0][i], px[1][i]) - exact[i]));
            }
            System.out.printf("%s from one sort, eps=1e-5: max error / peak = %.3g%n", psf ? "psf" : "dirty", err / peak);
            assertTrue(err / peak <= 3e-5, (psf ? "psf" : "dirty") + " error " + err / peak);
            assertEquals(DirectFourierSum.sumOfWeights(data, null, psf), both[k].sumWeights(), 1e-9 * both[k].sumWeights());
        }
    }

    /** Threads own alternate row bands of one grid: the image does not depend on the thread count. */
    @Test
    void sharedGridIsIndependentOfThreadCount() {
        SyntheticVisibilities data = wideData(WIDE, 9, 300);
        Image one = new WGridder(WIDE, 1e-4, 1).grid(data, null, false).image();
        Image three = new WGridder(WIDE, 1e-4, 3).grid(data, null, false).image();
        for (int i = 0; i < one.pixels.length; i++) {
            assertEquals(one.pixels[i], three.pixels[i], 0.0, "pixel " + i);
        }
    }
}
