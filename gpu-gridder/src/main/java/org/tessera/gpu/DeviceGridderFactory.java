package org.tessera.gpu;

import org.tessera.imaging.gridding.CpuGridderFactory;
import org.tessera.imaging.gridding.GridderFactory;

/**
 * The gridders for {@code -device auto|cpu|gpu} (and {@code TESSERA_DEVICE}), chosen by
 * {@link DeviceSelector}: the CPU {@code WGridder} or {@link GpuWGridder}, with the reason.
 */
public final class DeviceGridderFactory {
    private DeviceGridderFactory() {
    }

    /**
     * @throws IllegalArgumentException for a mode other than auto, cpu or gpu
     * @throws IllegalStateException    for gpu when there is no usable CUDA device (the message says why)
     */
    public static GridderFactory forMode(String mode) {
        return of(DeviceSelector.select(mode));
    }

    static GridderFactory of(DeviceSelector.Selection selection) {
        return selection.backend() == Backend.GPU
                ? new CudaGridderFactory(selection.device(), selection.reason())
                : new CpuGridderFactory(selection.reason());
    }
}
