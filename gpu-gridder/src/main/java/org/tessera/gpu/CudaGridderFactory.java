package org.tessera.gpu;

import org.tessera.imaging.gridding.Gridder;
import org.tessera.imaging.gridding.GridderFactory;
import org.tessera.imaging.gridding.GridderSettings;
import org.tessera.imaging.gridding.WGridder;
import org.tessera.imaging.gridding.WRange;

/**
 * {@link GpuWGridder}s on the first CUDA device, with up to 80% of its free memory per run, each
 * falling back to the CPU gridder if the GPU fails; {@link #device()} and {@link #reason()} then
 * say so (they are read after the run, into the task's facts and the run summary).
 */
record CudaGridderFactory(GpuDevice gpu, String selectionReason, GpuHealth health) implements GridderFactory {
    CudaGridderFactory(GpuDevice gpu, String selectionReason) {
        this(gpu, selectionReason, GpuHealth.process());
    }

    @Override
    public Gridder create(GridderSettings settings, WRange range) {
        return new CpuFallbackGridder(GpuWGridder.cuda(settings, range, 0), () -> new WGridder(settings, range), health);
    }

    @Override
    public String device() {
        return health.failure() == null ? "gpu: " + gpu.name() : "cpu";
    }

    @Override
    public String reason() {
        String failure = health.failure();
        return failure == null ? selectionReason
                : "CPU gridder: fell back from the GPU (" + gpu.name() + ") after it failed: " + failure;
    }
}
