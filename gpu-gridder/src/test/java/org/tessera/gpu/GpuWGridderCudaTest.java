package org.tessera.gpu;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tessera.imaging.Image;
import org.tessera.imaging.ImageGeometry;
import org.tessera.imaging.gridding.DirectFourierSum;
import org.tessera.imaging.gridding.GriddedImage;
import org.tessera.imaging.gridding.GridderSettings;
import org.tessera.imaging.gridding.WGridder;

/** The CUDA kernels against the CPU gridder and the direct sum; skipped without a usable device. */
class GpuWGridderCudaTest {
    private static final ImageGeometry G = new ImageGeometry(256, 192, Math.toRadians(8.0 / 60), 0, 0);
    /** Forces several chunks per plane on the device too. */
    private static final long BUDGET = 8L << 20;

    @BeforeEach
    void needsACudaDevice() {
        GpuDevice d = GpuDevice.probe();
        assumeTrue(d.usable(), "GPU tests skipped: " + d.reason());
    }

    private static TestSky sky(long seed) {
        return new TestSky(seed, 4, 20_000, new double[] {1.0e8, 1.3e8}, 3000, 1500,
                new double[][] {{0, 0, 1}, {0.1, -0.08, 0.6}, {-0.15, 0.12, 0.9}});
    }

    @Test
    void dirtyImageMatchesCpuWithin3EpsOfPeak() {
        for (double eps : new double[] {1e-5, 1e-4, 1e-7}) {
            GridderSettings settings = new GridderSettings(G, eps, Runtime.getRuntime().availableProcessors());
            TestSky sky = sky(11);
            GriddedImage gpu = GpuWGridder.cuda(settings, BUDGET).grid(sky, null, false);
            GriddedImage cpu = new WGridder(settings).grid(sky, null, false);
            double peak = cpu.image().maxAbs();
            double diff = EmulatedGpuWGridderTest.maxDiff(gpu.image(), cpu.image());
            assertTrue(diff <= 3 * eps * peak, "eps " + eps + ": |GPU - CPU| / peak = " + diff / peak);
        }
    }

    @Test
    void dirtyImageMatchesTheDirectSum() {
        double eps = 1e-5;
        GridderSettings settings = new GridderSettings(G, eps, Runtime.getRuntime().availableProcessors());
        TestSky sky = sky(12);
        Image img = GpuWGridder.cuda(settings, BUDGET).grid(sky, null, false).image();
        int[] xs = {128, 20, 230, 0, 255, 90};
        int[] ys = {96, 10, 180, 191, 0, 140};
        double[] exact = DirectFourierSum.dirtyPixels(sky, G, xs, ys, null, false);
        double peak = img.maxAbs();
        for (int i = 0; i < xs.length; i++) {
            assertTrue(Math.abs(img.get(xs[i], ys[i]) - exact[i]) <= 3 * eps * peak, "pixel " + xs[i] + "," + ys[i]);
        }
    }

    @Test
    void degriddingMatchesCpu() {
        for (double eps : new double[] {1e-5, 1e-7}) {
            GridderSettings settings = new GridderSettings(G, eps, Runtime.getRuntime().availableProcessors());
            Image model = new Image(G.width(), G.height());
            model.set(128, 96, 1.0);
            model.set(40, 150, 0.5);
            model.set(200, 30, -0.3);
            TestSky sky = sky(13);
            double[] gpu = GpuWGridder.cuda(settings, BUDGET).predict(model, sky);
            double[] cpu = new WGridder(settings).predict(model, sky);
            double diff = 0;
            for (int i = 0; i < cpu.length; i++) {
                diff = Math.max(diff, Math.abs(gpu[i] - cpu[i]));
            }
            assertTrue(diff <= 3 * eps * 1.8, "eps " + eps + ": max |GPU - CPU| = " + diff);
        }
    }
}
