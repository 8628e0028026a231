package org.tessera.imaging.gridding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tessera.imaging.ImageGeometry;
import org.tessera.testsupport.PointSource;

/**
 * The reduced inversion (planes transformed on a coarse sampling of the period, resampled once)
 * against the exact direct Fourier sum and against the full-size inversion, on a 34-degree field
 * whose pixels oversample the data (|u| up to ~160 wavelengths of 430) with |w| up to 300 m.
 */
class ReducedInversionTest {
    private static final ImageGeometry FIELD = new ImageGeometry(512, 480, Math.toRadians(4.0 / 60), 0.3, -0.5);

    private static SyntheticVisibilities data(long seed) {
        return data(seed, 290, 300);
    }

    private static SyntheticVisibilities data(long seed, double uvMax, double wMax) {
        List<PointSource> s = new ArrayList<>();
        s.add(new PointSource(0, 0, 1.0));
        s.add(new PointSource(FIELD.l(20), FIELD.m(470), 0.7));
        s.add(new PointSource(FIELD.l(505), FIELD.m(3), 0.5));
        s.add(new PointSource(FIELD.l(331) + 0.3 * FIELD.cellRad(), FIELD.m(160) - 0.4 * FIELD.cellRad(), 0.9));
        return new SyntheticVisibilities(seed, 3, 400, SyntheticVisibilities.frequencies(134e6, 164e6, 4),
                uvMax, 0, wMax, s);
    }

    @Test
    void planUsesTheReducedSizeOnlyWhenTheUvExtentIsKnown() {
        SyntheticVisibilities d = data(1);
        WRange range = WRange.of(d);
        WGridPlan plan = WGridPlan.forRange(new GridderSettings(FIELD, 1e-4, 2), range);
        assertNotNull(plan.reduced, "reduced inversion expected");
        assertTrue(plan.reduced.mu() < plan.nu && plan.reduced.mv() < plan.nv);
        System.out.printf("full %dx%d, reduced %dx%d, reach %d x %d%n", plan.nu, plan.nv, plan.reduced.mu(),
                plan.reduced.mv(), plan.reduced.reachU(), plan.reduced.reachV());
        WRange unknown = new WRange(range.wMin(), range.wMax(), range.samples());
        assertNull(WGridPlan.forRange(new GridderSettings(FIELD, 1e-4, 2), unknown).reduced);
        assertNull(WGridPlan.forRange(new GridderSettings(FIELD, 1e-6, 2), range).reduced, "double precision");
    }

    /**
     * The SIMD loops (when the Vector API is there) grid and degrid the same values as the scalar
     * loops, at the CPU's width or the one forced by -Dtessera.gridder.lanes (the imaging-core POM
     * runs this test again at 8 and at 16 lanes); epsilon 1e-4 gives W = 7, two 8-lane vectors per
     * kernel row, 5e-2 gives W = 4, one.
     */
    @Test
    void simdGriddingEqualsScalarGridding() {
        assumeTrue(VectorSupport.AVAILABLE, "no Vector API module, or no 16 lanes and none forced: nothing to compare");
        String forced = System.getProperty("tessera.gridder.lanes");
        if (forced != null) {
            assertEquals(Integer.parseInt(forced), VectorSupport.LANES, "forced SIMD width");
        }
        for (double epsilon : new double[] {1e-4, 5e-2}) {
            simdAgreesWithScalar(epsilon);
        }
    }

    private static void simdAgreesWithScalar(double epsilon) {
        SyntheticVisibilities d = data(4);
        GridderSettings settings = new GridderSettings(FIELD, epsilon, 1);
        WGridPlan plan = WGridPlan.forRange(settings, WRange.of(d));
        WSortedVisibilities sorted = WSortedVisibilities.build(d, plan, settings, null,
                WSortedVisibilities.Purpose.PSF_AND_DIRTY);
        ReducedInversion layout = new ReducedInversion(FIELD, plan, 1);
        PlaneGridding scalar = new PlaneGridding(plan, sorted);
        VectorPlaneGridding simd = new VectorPlaneGridding(plan, sorted, layout);
        int support = plan.kernel.support();
        double worst = 0;
        for (int p = 0; p < plan.planes; p++) {
            int lo = sorted.planeStart[Math.max(0, p - support + 1)];
            int hi = sorted.planeStart[Math.min(p, plan.planes - support) + 1];
            float[][] a = {new float[layout.gridLength()], new float[layout.gridLength()]};
            float[][] b = {new float[layout.gridLength()], new float[layout.gridLength()]};
            scalar.gridPair(p, lo, hi, sorted.visFloat, sorted.psfFloat, a[0], a[1], layout);
            simd.gridPair(p, lo, hi, sorted.visFloat, sorted.psfFloat, b[0], b[1]);
            float[] single = new float[layout.gridLength()];
            simd.gridSingle(p, lo, hi, sorted.visFloat, single);
            for (int k = 0; k < 2; k++) {
                double peak = 0;
                double diff = 0;
                for (int i = 0; i < a[k].length; i++) {
                    peak = Math.max(peak, Math.abs(a[k][i]));
                    diff = Math.max(diff, Math.abs(a[k][i] - b[k][i]));
                    if (k == 0) {
                        diff = Math.max(diff, Math.abs(single[i] - b[0][i]));
                    }
                }
                worst = Math.max(worst, peak == 0 ? 0 : diff / peak);
            }
        }
        System.out.printf("SIMD (%d lanes, W=%d) against scalar gridding: max |diff| / peak = %.3g%n",
                VectorSupport.LANES, support, worst);
        assertTrue(worst < 1e-5, "diff " + worst);

        // degridding from a prediction grid of random values
        float[] grid = new float[layout.gridLength()];
        java.util.Random random = new java.util.Random(9);
        for (int i = 0; i < grid.length; i++) {
            grid[i] = (float) random.nextGaussian();
        }
        double[] a = new double[2 * sorted.count];
        double[] b = new double[2 * sorted.count];
        for (int p = 0; p < plan.planes; p++) {
            int lo = sorted.planeStart[Math.max(0, p - support + 1)];
            int hi = sorted.planeStart[Math.min(p, plan.planes - support) + 1];
            scalar.degrid(p, lo, hi, grid, layout.predictionLayout(), a);
            simd.degrid(p, lo, hi, grid, b);
        }
        double peak = 0;
        double diff = 0;
        for (int i = 0; i < a.length; i++) {
            peak = Math.max(peak, Math.abs(a[i]));
            diff = Math.max(diff, Math.abs(a[i] - b[i]));
        }
        System.out.printf("SIMD (%d lanes, W=%d) against scalar degridding: max |diff| / peak = %.3g%n",
                VectorSupport.LANES, support, diff / peak);
        assertTrue(diff / peak < 1e-5, "diff " + diff / peak);
    }

    @Test
    void dirtyAndPsfMatchTheDirectSum() {
        for (double epsilon : new double[] {1e-4, 1e-5}) {
            for (boolean psf : new boolean[] {false, true}) {
                double err = WGridderAccuracyTest.dirtyError(FIELD, data(2), epsilon, 2, psf);
                System.out.printf("reduced %s eps=%.0e: max error / peak = %.3g%n", psf ? "psf" : "dirty",
                        epsilon, err);
                assertTrue(err <= 3 * epsilon, "error " + err);
            }
        }
    }

    /** Sizes of 3 * 2^k, whose transforms leave their output permuted, through the same checks. */
    @Test
    void permutedTransformSizesMatchTheDirectSum() {
        SyntheticVisibilities d = data(7, 200, 150);
        WGridPlan plan = WGridPlan.forRange(new GridderSettings(FIELD, 1e-4, 2), WRange.of(d));
        assertNotNull(plan.reduced);
        assertTrue(plan.reduced.mu() % 3 == 0 && plan.reduced.mv() % 3 == 0,
                plan.reduced.mu() + "x" + plan.reduced.mv());
        double dirty = WGridderAccuracyTest.dirtyError(FIELD, d, 1e-4, 2, false);
        double degrid = WGridderAccuracyTest.degridError(FIELD, d, WGridderAccuracyTest.model(FIELD), 1e-4, 2);
        System.out.printf("reduced %dx%d: dirty %.3g, degrid %.3g of the peak%n", plan.reduced.mu(), plan.reduced.mv(),
                dirty, degrid);
        assertTrue(dirty <= 3e-4 && degrid <= 3e-4, dirty + " " + degrid);
    }

    @Test
    void predictionMatchesTheDirectSum() {
        for (double epsilon : new double[] {1e-4, 1e-5}) {
            double err = WGridderAccuracyTest.degridError(FIELD, data(5), WGridderAccuracyTest.model(FIELD), epsilon, 2);
            System.out.printf("reduced degrid eps=%.0e: max error / peak = %.3g%n", epsilon, err);
            assertTrue(err <= 3 * epsilon, "error " + err);
        }
    }

    @Test
    void predictionMatchesTheFullSizePrediction() {
        SyntheticVisibilities d = data(6);
        WRange range = WRange.of(d);
        GridderSettings settings = new GridderSettings(FIELD, 1e-4, 2);
        assertNotNull(WGridPlan.forRange(settings, range).reduced);
        org.tessera.imaging.Image model = WGridderAccuracyTest.model(FIELD);
        double[] reduced = new WGridder(settings, range).predict(model, d);
        double[] full = new WGridder(settings, new WRange(range.wMin(), range.wMax(), range.samples())).predict(model, d);
        double peak = 0;
        double diff = 0;
        for (int i = 0; i < full.length; i++) {
            peak = Math.max(peak, Math.abs(full[i]));
            diff = Math.max(diff, Math.abs(reduced[i] - full[i]));
        }
        System.out.printf("prediction: reduced against full size, max |diff| / peak = %.3g%n", diff / peak);
        // each is within 3 epsilon of the exact sum (predictionMatchesTheDirectSum)
        assertTrue(diff / peak <= 1e-4, "diff " + diff / peak);
    }

    @Test
    void psfAndDirtyInOnePassMatchTheFullSizeInversion() {
        SyntheticVisibilities d = data(3);
        WRange range = WRange.of(d);
        GridderSettings settings = new GridderSettings(FIELD, 1e-4, 2);
        GriddedImage[] reduced = new WGridder(settings, range).gridPsfAndDirty(d, null);
        GriddedImage[] full = new WGridder(settings, new WRange(range.wMin(), range.wMax(), range.samples()))
                .gridPsfAndDirty(d, null);
        for (int k = 0; k < 2; k++) {
            assertEquals(full[k].sumWeights(), reduced[k].sumWeights(), 0);
            double[] a = reduced[k].image().pixels;
            double[] b = full[k].image().pixels;
            double peak = 0;
            double diff = 0;
            for (int i = 0; i < a.length; i++) {
                peak = Math.max(peak, Math.abs(b[i]));
                diff = Math.max(diff, Math.abs(a[i] - b[i]));
            }
            System.out.printf("%s: reduced against full size, max |diff| / peak = %.3g%n", k == 0 ? "psf" : "dirty",
                    diff / peak);
            assertTrue(diff / peak <= 3e-5, "diff " + diff / peak);
        }
    }
}
