package org.tessera.gpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tessera.imaging.Image;
import org.tessera.imaging.ImageGeometry;
import org.tessera.imaging.gridding.DirectFourierSum;
import org.tessera.imaging.gridding.GriddedImage;
import org.tessera.imaging.gridding.GridderSettings;
import org.tessera.imaging.gridding.WGridder;

/**
 * The resident GPU gridder (samples sorted once, tiled kernels, pruned Stockham FFT fused with
 * the w-screens) with its kernels emulated launch by launch, against WGridder and the direct sum.
 */
class ResidentGridderTest {
    private static final ImageGeometry G = new ImageGeometry(64, 48, 0.3 / 32, 0, 0);

    @Test
    void dirtyImageMatchesTheCpuGridderAndTheDirectSum() {
        for (double eps : new double[] {1e-4, 1e-5, 1e-7}) {
            GridderSettings settings = new GridderSettings(G, eps, 2);
            TestSky sky = TestSky.small(31);
            GriddedImage a = new ResidentCudaGridder(settings, null, EmulatedResidentPlanes::new).grid(sky, null, false);
            GriddedImage b = new WGridder(settings).grid(sky, null, false);
            double peak = b.image().maxAbs();
            double d = EmulatedGpuWGridderTest.maxDiff(a.image(), b.image());
            assertTrue(d <= 3 * eps * peak, "eps " + eps + ": resident vs CPU " + d / peak);
            int[] xs = {32, 10, 50, 0, 63};
            int[] ys = {24, 5, 40, 47, 0};
            double[] exact = DirectFourierSum.dirtyPixels(sky, G, xs, ys, null, false);
            for (int i = 0; i < xs.length; i++) {
                assertTrue(Math.abs(a.image().get(xs[i], ys[i]) - exact[i]) <= 3 * eps * peak,
                        "eps " + eps + " pixel " + xs[i] + "," + ys[i]);
            }
        }
    }

    @Test
    void predictionMatchesTheCpuDegridder() {
        for (double eps : new double[] {1e-4, 1e-5, 1e-7}) {
            GridderSettings settings = new GridderSettings(G, eps, 2);
            Image model = new Image(G.width(), G.height());
            model.set(32, 24, 1.0);
            model.set(12, 30, -0.4);
            model.set(55, 7, 0.8);
            TestSky sky = TestSky.small(32);
            double[] a = new ResidentCudaGridder(settings, null, EmulatedResidentPlanes::new).predict(model, sky);
            double[] b = new WGridder(settings).predict(model, sky);
            double diff = 0;
            for (int i = 0; i < b.length; i++) {
                diff = Math.max(diff, Math.abs(a[i] - b[i]));
            }
            assertTrue(diff <= 3 * eps * 2.2, "eps " + eps + ": resident prediction differs by " + diff);
        }
    }

    /** PSF and dirty in one run (samples up and sorted once) equal the CPU's two images. */
    @Test
    void psfAndDirtyInOneRunMatchTheCpu() {
        double eps = 1e-5;
        GridderSettings settings = new GridderSettings(G, eps, 2);
        TestSky sky = TestSky.small(34);
        int[] opened = {0};
        GriddedImage[] a = new ResidentCudaGridder(settings, null, (layout, samples, planes) -> {
            opened[0]++;
            return new EmulatedResidentPlanes(layout, samples, planes);
        }).gridPsfAndDirty(sky, null);
        GriddedImage[] b = new WGridder(settings).gridPsfAndDirty(sky, null);
        assertEquals(1, opened[0], "one device run for both images");
        for (int k = 0; k < 2; k++) {
            double peak = b[k].image().maxAbs();
            double d = EmulatedGpuWGridderTest.maxDiff(a[k].image(), b[k].image());
            assertTrue(d <= 3 * eps * peak, (k == 0 ? "PSF" : "dirty") + " vs CPU " + d / peak);
            assertEquals(b[k].sumWeights(), a[k].sumWeights(), 1e-9 * b[k].sumWeights());
        }
    }

    @Test
    void dataColumnsAreTheColumnsTheTapsReach() {
        GridderSettings settings = new GridderSettings(G, 1e-4, 1);
        // baselines to a fifth of the small sky's: the outer uv columns stay empty
        TestSky shortBaselines = new TestSky(33, 2, 500, new double[] {1.0e8, 1.2e8}, 30, 20,
                new double[][] {{0.0, 0.0, 1.0}});
        var in = TestSky.sorted(shortBaselines, settings);
        PackedSamples s = PackedSamples.pack(in, Precision.SINGLE, true);
        int nu = in.plan().gridWidth();
        int[] cols = DeviceRun.dataColumns(s, nu);
        boolean[] used = new boolean[nu];
        for (int i = 0; i < s.count; i++) {
            for (int a = 0; a < s.support; a++) {
                used[Math.floorMod(s.idx(i, 0) + a, nu)] = true;
            }
        }
        assertArrayEquals(java.util.stream.IntStream.range(0, nu).filter(c -> used[c]).toArray(), cols);
        assertTrue(cols.length < nu, "pruned: " + cols.length + " of " + nu);
    }
}
