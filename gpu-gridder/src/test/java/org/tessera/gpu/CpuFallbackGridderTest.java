package org.tessera.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tessera.imaging.ImageGeometry;
import org.tessera.imaging.gridding.GriddedImage;
import org.tessera.imaging.gridding.GridderSettings;
import org.tessera.imaging.gridding.WGridder;

/**
 * A GPU that fails mid-run (a sticky error: the kernel launch and then the cleanup fail) makes
 * the gridder rerun on the CPU, later runs skip the GPU, and the factory and selector say so.
 */
class CpuFallbackGridderTest {
    private static final ImageGeometry G = new ImageGeometry(64, 48, 0.3 / 32, 0, 0);
    private static final GpuDevice H200 = new GpuDevice(true, "NVIDIA H200", 140L << 30, 13000, "NVIDIA H200, 140 GiB");

    /** The emulated device, failing as a poisoned CUDA context does: on the second plane and on close. */
    private static final class StickyErrorDevice implements PlaneDevice {
        private final EmulatedPlaneDevice inner = new EmulatedPlaneDevice(1L << 30);
        private int planes;
        int opened;

        @Override
        public long memoryBudget() {
            return inner.memoryBudget();
        }

        @Override
        public void open(PlaneLayout layout, ChunkPlanner planner, boolean predict) {
            opened++;
            inner.open(layout, planner, predict);
        }

        @Override
        public void gridPlane(int plane, PackedSamples s, List<ChunkPlanner.Chunk> chunks, double[] grid) {
            if (++planes == 2) {
                throw new IllegalStateException("CUDA_ERROR_ILLEGAL_ADDRESS");
            }
            inner.gridPlane(plane, s, chunks, grid);
        }

        @Override
        public void accumulateScreen(double w, double[] imagePlane) {
            inner.accumulateScreen(w, imagePlane);
        }

        @Override
        public double[] dirty() {
            return inner.dirty();
        }

        @Override
        public void loadModel(double[] corrected) {
            inner.loadModel(corrected);
        }

        @Override
        public void fillScreen(double w, double[] imagePlane) {
            inner.fillScreen(w, imagePlane);
        }

        @Override
        public void degridPlane(int plane, PackedSamples s, List<ChunkPlanner.Chunk> chunks, double[] grid,
                                double[] accumulated) {
            inner.degridPlane(plane, s, chunks, grid, accumulated);
        }

        @Override
        public void close() {
            Releases r = new Releases();
            r.add("emulated buffers", inner::close);
            r.add("stream 0", () -> {
                throw new IllegalStateException("CUDA_ERROR_ILLEGAL_ADDRESS");
            });
            r.releaseAll();
        }
    }

    @Test
    void aFailingGpuRunIsRedoneOnTheCpuAndSaysSo() {
        GridderSettings settings = new GridderSettings(G, 1e-4, 2);
        TestSky sky = TestSky.small(7);
        GpuHealth health = new GpuHealth();
        StickyErrorDevice device = new StickyErrorDevice();
        CudaGridderFactory factory = new CudaGridderFactory(H200, "GPU gridder: -device auto found NVIDIA H200", health);
        assertEquals("gpu: NVIDIA H200", factory.device());
        CpuFallbackGridder gridder = new CpuFallbackGridder(new GpuWGridder(settings, () -> device),
                () -> new WGridder(settings), health);

        GriddedImage a = gridder.grid(sky, null, false);
        GriddedImage b = new WGridder(settings).grid(sky, null, false);
        assertEquals(0, EmulatedGpuWGridderTest.maxDiff(a.image(), b.image()), "the CPU's own image");
        assertTrue(health.failure().contains("CUDA_ERROR_ILLEGAL_ADDRESS"), health.failure());
        assertEquals("cpu", factory.device());
        assertTrue(factory.reason().startsWith("CPU gridder: fell back from the GPU (NVIDIA H200) after it failed: "),
                factory.reason());

        gridder.grid(sky, null, true);
        assertEquals(1, device.opened, "later runs do not touch the failed GPU");
        DeviceSelector.Selection again = new DeviceSelector(() -> H200, health).choose("auto");
        assertEquals(Backend.CPU, again.backend());
        assertTrue(again.reason().contains("the GPU failed earlier in this process"), again.reason());
    }

    @Test
    void aHealthyGpuIsUsed() {
        GridderSettings settings = new GridderSettings(G, 1e-4, 2);
        GpuHealth health = new GpuHealth();
        EmulatedPlaneDevice[] device = new EmulatedPlaneDevice[1];
        CpuFallbackGridder gridder = new CpuFallbackGridder(
                new GpuWGridder(settings, () -> device[0] = new EmulatedPlaneDevice(1L << 30)),
                () -> {
                    throw new AssertionError("the CPU gridder was not needed");
                }, health);
        gridder.grid(TestSky.small(8), null, false);
        assertTrue(device[0].chunksSeen() > 0);
        assertNull(health.failure());
    }
}
