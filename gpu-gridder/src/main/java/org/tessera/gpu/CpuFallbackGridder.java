package org.tessera.gpu;

import java.util.function.Supplier;
import org.tessera.imaging.Image;
import org.tessera.imaging.VisibilitySource;
import org.tessera.imaging.gridding.GriddedImage;
import org.tessera.imaging.gridding.Gridder;
import org.tessera.imaging.gridding.GridderSettings;
import org.tessera.imaging.weighting.ImagingWeights;

/**
 * A GPU gridder that reruns a call on the CPU gridder when the GPU fails (a CUDA error, the device
 * lost, cleanup failing after a sticky error), records the failure in {@link GpuHealth}, and from
 * then on runs on the CPU. The result is the CPU path's, to the same epsilon.
 */
final class CpuFallbackGridder implements Gridder {
    private final Gridder gpu;
    private final Supplier<Gridder> cpu;
    private final GpuHealth health;

    CpuFallbackGridder(Gridder gpu, Supplier<Gridder> cpu, GpuHealth health) {
        this.gpu = gpu;
        this.cpu = cpu;
        this.health = health;
    }

    @Override
    public GridderSettings settings() {
        return gpu.settings();
    }

    @Override
    public GriddedImage grid(VisibilitySource source, ImagingWeights weights, boolean psf) {
        return call(g -> g.grid(source, weights, psf));
    }

    @Override
    public GriddedImage[] gridPsfAndDirty(VisibilitySource source, ImagingWeights weights) {
        return call(g -> g.gridPsfAndDirty(source, weights));
    }

    @Override
    public double[] predict(Image model, VisibilitySource source) {
        return call(g -> g.predict(model, source));
    }

    private <T> T call(java.util.function.Function<Gridder, T> work) {
        if (health.failure() == null) {
            try {
                return work.apply(gpu);
            } catch (IllegalArgumentException e) {
                throw e;
            } catch (RuntimeException e) {
                health.fail(e);
            }
        }
        return work.apply(cpu.get());
    }
}
