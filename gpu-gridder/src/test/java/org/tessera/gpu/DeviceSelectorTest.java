package org.tessera.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DeviceSelectorTest {
    private static final GpuDevice NONE = GpuDevice.unusable("the CUDA driver reports no devices");
    private static final GpuDevice H100 = new GpuDevice(true, "NVIDIA H100", 80L << 30, 13000, "NVIDIA H100, 80.0 GiB");

    @Test
    void autoFallsBackToTheCpuWithTheReason() {
        DeviceSelector.Selection s = new DeviceSelector(() -> NONE).choose("auto");
        assertEquals(Backend.CPU, s.backend());
        assertTrue(s.reason().contains("no usable CUDA device: the CUDA driver reports no devices"), s.reason());
    }

    @Test
    void autoTakesAUsableGpu() {
        DeviceSelector.Selection s = new DeviceSelector(() -> H100).choose("AUTO");
        assertEquals(Backend.GPU, s.backend());
        assertTrue(s.reason().contains("NVIDIA H100"));
    }

    @Test
    void gpuWithoutADeviceIsAClearError() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new DeviceSelector(() -> NONE).choose("gpu"));
        assertTrue(e.getMessage().startsWith("-device gpu was requested but no usable CUDA device"), e.getMessage());
    }

    @Test
    void cpuNeverProbes() {
        DeviceSelector.Selection s = new DeviceSelector(() -> {
            throw new AssertionError("probed");
        }).choose("cpu");
        assertEquals(Backend.CPU, s.backend());
    }

    @Test
    void unknownModesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new DeviceSelector(() -> NONE).choose("tpu"));
    }

    @Test
    void theRealProbeAnswersOnThisMachine() {
        GpuDevice d = GpuDevice.probe();
        assertNotNull(d.reason());
        DeviceSelector.Selection s = DeviceSelector.select("auto");
        if (d.usable()) {
            assertEquals(Backend.GPU, s.backend());
        } else {
            assertTrue(d.reason().startsWith("no usable CUDA device: "), d.reason());
            assertEquals(Backend.CPU, s.backend());
            assertThrows(IllegalStateException.class, () -> DeviceSelector.select("gpu"));
        }
    }
}
