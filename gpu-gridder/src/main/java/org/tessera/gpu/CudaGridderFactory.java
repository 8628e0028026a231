package org.tessera.gpu;

import org.tessera.imaging.gridding.Gridder;
import org.tessera.imaging.gridding.GridderFactory;
import org.tessera.imaging.gridding.GridderSettings;
import org.tessera.imaging.gridding.WRange;

/** {@link GpuWGridder}s on the first CUDA device, with up to 80% of its free memory per run. */
record CudaGridderFactory(GpuDevice gpu, String reason) implements GridderFactory {
    @Override
    public Gridder create(GridderSettings settings, WRange range) {
        return GpuWGridder.cuda(settings, range, 0);
    }

    @Override
    public String device() {
        return "gpu: " + gpu.name();
    }
}
