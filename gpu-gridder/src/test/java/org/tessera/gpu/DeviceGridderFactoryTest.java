package org.tessera.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import org.junit.jupiter.api.Test;
import org.tessera.imaging.ImageGeometry;
import org.tessera.imaging.gridding.GridderFactory;
import org.tessera.imaging.gridding.GridderSettings;
import org.tessera.imaging.gridding.WGridder;

class DeviceGridderFactoryTest {
    private static final GpuDevice NONE = GpuDevice.unusable("the CUDA driver reports no devices");
    private static final GpuDevice H100 = new GpuDevice(true, "NVIDIA H100", 80L << 30, 13000, "NVIDIA H100, 80.0 GiB");
    private static final GridderSettings SETTINGS = new GridderSettings(new ImageGeometry(32, 32, 1e-3, 0, 0), 1e-4, 1);

    @Test
    void autoWithoutADeviceMakesCpuGriddersAndSaysWhy() {
        GridderFactory f = DeviceGridderFactory.of(new DeviceSelector(() -> NONE).choose("auto"));
        assertEquals("cpu", f.device());
        assertTrue(f.reason().contains("-device auto found no usable CUDA device"), f.reason());
        assertInstanceOf(WGridder.class, f.create(SETTINGS, null));
    }

    @Test
    void aUsableDeviceMakesGpuGridders() {
        GridderFactory f = DeviceGridderFactory.of(new DeviceSelector(() -> H100).choose("auto"));
        assertEquals("gpu: NVIDIA H100", f.device());
        assertInstanceOf(CpuFallbackGridder.class, f.create(SETTINGS, null));
    }

    @Test
    void cpuIsTheCpu() {
        GridderFactory f = DeviceGridderFactory.forMode("cpu");
        assertEquals("cpu", f.device());
        assertEquals("CPU gridder: requested with -device cpu", f.reason());
    }

    @Test
    void gpuWithoutAUsableDeviceNamesTheReason() {
        assumeFalse(GpuDevice.probe().usable(), "this machine has a usable CUDA device");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> DeviceGridderFactory.forMode("gpu"));
        assertTrue(e.getMessage().contains("no usable CUDA device: "), e.getMessage());
    }

    @Test
    void unknownModesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DeviceGridderFactory.forMode("foo"));
        assertEquals("-device must be auto, cpu or gpu, got 'foo'", e.getMessage());
    }
}
