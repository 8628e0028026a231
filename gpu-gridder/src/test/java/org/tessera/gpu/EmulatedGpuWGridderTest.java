package org.tessera.gpu;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tessera.imaging.Image;
import org.tessera.imaging.ImageGeometry;
import org.tessera.imaging.gridding.DirectFourierSum;
import org.tessera.imaging.gridding.GriddedImage;
import org.tessera.imaging.gridding.GridderSettings;
import org.tessera.imaging.gridding.WGridPlan;
import org.tessera.imaging.gridding.WGridder;
import org.tessera.imaging.gridding.WRange;

/**
 * The whole GPU pipeline (packing, chunking under a small memory budget, the device thread, CPU
 * FFT, w-screens, corrections, prediction) with the kernels emulated in Java, against the CPU
 * gridder and the direct sum. Runs everywhere; the CUDA kernels themselves need GpuWGridderCudaTest.
 */
class EmulatedGpuWGridderTest {
    private static final ImageGeometry G = new ImageGeometry(64, 48, 0.3 / 32, 0, 0);
    /** Samples per chunk: small, so that each plane is streamed in several chunks. */
    private static final int CHUNK = 300;

    /** A device budget leaving room for CHUNK samples per stream besides the grids. */
    static long budget(GridderSettings settings, org.tessera.imaging.VisibilitySource sky, boolean predict) {
        WGridPlan plan = WGridPlan.forRange(settings, WRange.of(sky));
        Precision precision = Precision.of(settings.singlePrecision());
        PlaneLayout layout = PlaneLayout.of(settings.geometry(), plan.gridWidth(), plan.gridHeight(),
                new ScreenQuadrant(G, plan.nShift()), new KernelCoefficients(plan.kernel()), precision);
        long perSample = PackedSamples.bytesPerSample(precision, !predict) + (predict ? 2L * precision.bytes() : 0);
        return layout.fixedDeviceBytes() + ChunkPlanner.STREAMS * CHUNK * perSample;
    }

    @Test
    void dirtyImageMatchesTheCpuGridderAndTheDirectSum() {
        for (double eps : new double[] {1e-4, 1e-6}) {
            GridderSettings settings = new GridderSettings(G, eps, 2);
            TestSky sky = TestSky.small(3);
            long budget = budget(settings, sky, false);
            EmulatedPlaneDevice[] device = new EmulatedPlaneDevice[1];
            GpuWGridder gpu = new GpuWGridder(settings, () -> device[0] = new EmulatedPlaneDevice(budget));
            GriddedImage a = gpu.grid(sky, null, false);
            GriddedImage b = new WGridder(settings).grid(sky, null, false);
            assertTrue(device[0].chunksSeen() > GpuWGridder.activePlanes(
                    TestSky.sorted(sky, settings)).size(), "planes were streamed in several chunks");
            double peak = b.image().maxAbs();
            assertTrue(maxDiff(a.image(), b.image()) <= 3 * eps * peak,
                    "eps " + eps + ": GPU pipeline vs CPU " + maxDiff(a.image(), b.image()) / peak);
            assertTrue(Math.abs(a.sumWeights() - b.sumWeights()) <= 1e-9 * b.sumWeights());

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
        for (double eps : new double[] {1e-4, 1e-6}) {
            GridderSettings settings = new GridderSettings(G, eps, 2);
            Image model = new Image(G.width(), G.height());
            model.set(32, 24, 1.0);
            model.set(12, 30, -0.4);
            model.set(55, 7, 0.8);
            TestSky sky = TestSky.small(4);
            long budget = budget(settings, sky, true);
            double[] a = new GpuWGridder(settings, () -> new EmulatedPlaneDevice(budget)).predict(model, sky);
            double[] b = new WGridder(settings).predict(model, sky);
            double scale = 0;
            double diff = 0;
            for (int i = 0; i < b.length; i++) {
                scale = Math.max(scale, Math.abs(b[i]));
                diff = Math.max(diff, Math.abs(a[i] - b[i]));
            }
            assertTrue(diff <= 3 * eps * 2.2, "eps " + eps + ": prediction differs by " + diff + " (|V| <= " + scale + ")");
        }
    }

    /** A job's merged range (here three times the source's w extent) sets the plan of grid and predict, as on the CPU. */
    @Test
    void aGivenWRangeSetsThePlanAsInTheCpuGridder() {
        double eps = 1e-4;
        GridderSettings settings = new GridderSettings(G, eps, 2);
        TestSky sky = TestSky.small(5);
        WRange own = WRange.of(sky);
        WRange wide = new WRange(own.wMin(), 3 * own.wMax(), own.samples());
        assertTrue(WGridPlan.forRange(settings, wide).planes() > WGridPlan.forRange(settings, own).planes(),
                "the wide range needs more planes");
        GpuWGridder gpu = new GpuWGridder(settings, wide, () -> new EmulatedPlaneDevice(1L << 30));
        WGridder cpu = new WGridder(settings, wide);
        GriddedImage a = gpu.grid(sky, null, false);
        GriddedImage b = cpu.grid(sky, null, false);
        double peak = b.image().maxAbs();
        assertTrue(maxDiff(a.image(), b.image()) <= 3 * eps * peak, "dirty " + maxDiff(a.image(), b.image()) / peak);
        Image model = new Image(G.width(), G.height());
        model.set(20, 30, 1.0);
        double[] pa = gpu.predict(model, sky);
        double[] pb = cpu.predict(model, sky);
        double diff = 0;
        for (int i = 0; i < pb.length; i++) {
            diff = Math.max(diff, Math.abs(pa[i] - pb[i]));
        }
        assertTrue(diff <= 3 * eps, "prediction differs by " + diff);
    }

    static double maxDiff(Image a, Image b) {
        double d = 0;
        for (int i = 0; i < a.pixels.length; i++) {
            d = Math.max(d, Math.abs(a.pixels[i] - b.pixels[i]));
        }
        return d;
    }
}
