package org.tessera.gpu;

import org.tessera.imaging.gridding.DeviceMode;
import java.util.function.Supplier;

/**
 * Maps {@code -device auto|cpu|gpu} to a backend and a reason for the log and the run summary:
 * auto takes a usable CUDA device and otherwise the CPU; gpu without a usable device is an error.
 */
public final class DeviceSelector {
    /** The chosen backend, the device when it is the GPU, and a one-line reason. */
    public record Selection(Backend backend, GpuDevice device, String reason) {
    }

    private final Supplier<GpuDevice> probe;
    private final GpuHealth health;

    public DeviceSelector() {
        this(GpuDevice::probe);
    }

    public DeviceSelector(Supplier<GpuDevice> probe) {
        this(probe, GpuHealth.process());
    }

    /** @param health a GPU that failed earlier in the process is not chosen again (auto and gpu) */
    DeviceSelector(Supplier<GpuDevice> probe, GpuHealth health) {
        this.probe = probe;
        this.health = health;
    }

    /** Convenience: select with the real driver probe. */
    public static Selection select(String mode) {
        return new DeviceSelector().choose(mode);
    }

    public Selection choose(String mode) {
        DeviceMode m = DeviceMode.parse(mode, "-device");
        if (m != DeviceMode.CPU && health.failure() != null) {
            return new Selection(Backend.CPU, null, "CPU gridder: -device " + mode
                    + " but the GPU failed earlier in this process: " + health.failure());
        }
        switch (m) {
            case CPU:
                return new Selection(Backend.CPU, null, "CPU gridder: requested with -device cpu");
            case GPU: {
                GpuDevice d = probe.get();
                if (!d.usable()) {
                    throw new IllegalStateException("-device gpu was requested but " + d.reason()
                            + "; use -device auto or -device cpu");
                }
                return new Selection(Backend.GPU, d, "GPU gridder: requested with -device gpu on " + d.reason());
            }
            default: {
                GpuDevice d = probe.get();
                return d.usable()
                        ? new Selection(Backend.GPU, d, "GPU gridder: -device auto found " + d.reason())
                        : new Selection(Backend.CPU, null, "CPU gridder: -device auto found " + d.reason());
            }
        }
    }
}
