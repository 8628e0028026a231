package org.tessera.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tessera.imaging.Image;
import org.tessera.imaging.ImageGeometry;
import org.tessera.imaging.gridding.DirectFourierSum;
import org.tessera.imaging.gridding.GriddedImage;
import org.tessera.imaging.gridding.GridderSettings;
import org.tessera.imaging.gridding.WGridder;
import org.tessera.imaging.gridding.WSortedVisibilities;

/**
 * The tiled kernels' mirrors (counting sort by tile and plane, shared sub-grid gridding, staged
 * tile degridding) inside the whole GPU pipeline, against the CPU WGridder and the direct sum
 * (3 eps x peak), and against the untiled kernels plane by plane.
 */
class TiledKernelsTest {
    private static final ImageGeometry G = new ImageGeometry(64, 48, 0.3 / 32, 0, 0);

    @Test
    void countingSortKeepsEverySampleOnceInTileAndPlaneOrder() {
        GridderSettings settings = new GridderSettings(G, 1e-5, 1);
        WSortedVisibilities in = TestSky.sorted(TestSky.small(21), settings);
        PackedSamples s = PackedSamples.pack(in, Precision.SINGLE, true);
        SampleTiles t = SampleTiles.sort(s, in.plan().gridWidth(), in.plan().gridHeight(), in.plan().planes());
        Set<Integer> seen = new HashSet<>();
        int lastKey = -1;
        for (int pos = 0; pos < s.count; pos++) {
            int i = t.order[pos];
            assertTrue(seen.add(i), "sample " + i + " twice");
            int key = t.key(s, i);
            assertTrue(key >= lastKey, "sorted by key");
            assertTrue(pos >= t.start[key] && pos < t.start[key + 1]);
            lastKey = key;
        }
        assertEquals(s.count, seen.size());
        assertTrue(t.tiles() > 4, "several tiles: " + t.tiles());
    }

    @Test
    void tiledGridMatchesThePerSampleKernelOnEveryPlane() {
        GridderSettings settings = new GridderSettings(G, 1e-5, 1);
        WSortedVisibilities in = TestSky.sorted(TestSky.small(22), settings);
        PackedSamples s = PackedSamples.pack(in, Precision.DOUBLE, true);
        int nu = in.plan().gridWidth();
        int nv = in.plan().gridHeight();
        SampleTiles t = SampleTiles.sort(s, nu, nv, in.plan().planes());
        KernelCoefficients k = new KernelCoefficients(in.plan().kernel());
        PlaneLayout layout = PlaneLayout.of(G, nu, nv, new ScreenQuadrant(G, in.plan().nShift()), k, Precision.DOUBLE);
        EmulatedPlaneDevice untiled = new EmulatedPlaneDevice(1L << 30);
        untiled.open(layout, new ChunkPlanner(1L << 30, layout.fixedDeviceBytes(), 40), false);
        for (int p : GpuWGridder.activePlanes(in)) {
            double[] a = new double[2 * nu * nv];
            TiledGridding.gridPlane(s, t, k, p, a);
            double[] b = new double[2 * nu * nv];
            int lo = GpuWGridder.rangeLo(in, p);
            untiled.gridPlane(p, s, java.util.List.of(new ChunkPlanner.Chunk(lo, GpuWGridder.rangeHi(in, p) - lo, 0)), b);
            double peak = 0;
            double diff = 0;
            for (int c = 0; c < a.length; c++) {
                peak = Math.max(peak, Math.abs(b[c]));
                diff = Math.max(diff, Math.abs(a[c] - b[c]));
            }
            assertTrue(peak > 0 && diff <= 1e-12 * peak, "plane " + p + ": " + diff / peak);
        }
    }

    @Test
    void tiledPipelineMatchesTheCpuGridderAndTheDirectSum() {
        for (double eps : new double[] {1e-4, 1e-5}) {
            GridderSettings settings = new GridderSettings(G, eps, 2);
            TestSky sky = TestSky.small(23);
            GriddedImage a = new GpuWGridder(settings, () -> EmulatedPlaneDevice.tiled(1L << 30)).grid(sky, null, false);
            GriddedImage b = new WGridder(settings).grid(sky, null, false);
            double peak = b.image().maxAbs();
            double d = EmulatedGpuWGridderTest.maxDiff(a.image(), b.image());
            assertTrue(d <= 3 * eps * peak, "eps " + eps + ": tiled vs CPU " + d / peak);
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
    void tiledPredictionMatchesTheCpuDegridder() {
        for (double eps : new double[] {1e-4, 1e-5}) {
            GridderSettings settings = new GridderSettings(G, eps, 2);
            Image model = new Image(G.width(), G.height());
            model.set(32, 24, 1.0);
            model.set(12, 30, -0.4);
            model.set(55, 7, 0.8);
            TestSky sky = TestSky.small(24);
            double[] a = new GpuWGridder(settings, () -> EmulatedPlaneDevice.tiled(1L << 30)).predict(model, sky);
            double[] b = new WGridder(settings).predict(model, sky);
            double diff = 0;
            for (int i = 0; i < b.length; i++) {
                diff = Math.max(diff, Math.abs(a[i] - b[i]));
            }
            // peak |V| <= sum |flux| = 2.2
            assertTrue(diff <= 3 * eps * 2.2, "eps " + eps + ": tiled prediction differs by " + diff);
        }
    }
}
