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

    public DeviceSelector() {
        this(GpuDevice::probe);
    }

    public DeviceSelector(Supplier<GpuDevice> probe) {
        this.probe = probe;
    }

    /** Convenience: select with the real driver probe. */
    public static Selection select(String mode) {
        return new DeviceSelector().choose(mode);
    }

    public Selection choose(String mode) {
        switch (DeviceMode.parse(mode, "-device")) {
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
