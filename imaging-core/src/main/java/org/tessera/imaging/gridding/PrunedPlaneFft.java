package org.tessera.imaging.gridding;

import org.tessera.imaging.ImageGeometry;

/**
 * The CPU gridder's pruned w-plane FFT ({@link PlaneFft}) with its own worker threads, for a gridder
 * that grids elsewhere and transforms on the CPU (the GPU gridder, docs/gpu.md): same transform,
 * same pruning, on full nu x nv grids of interleaved complex doubles, row-major in v.
 */
public final class PrunedPlaneFft implements AutoCloseable {
    private final ParallelRunner runner;
    private final PlaneFft fft;

    /** Pruned for the samples of {@code data}; keeps the image rows of both directions. */
    public PrunedPlaneFft(ImageGeometry g, WSortedVisibilities data, int threads) {
        runner = new ParallelRunner(threads);
        fft = PlaneFft.forRun(g, data, true, true, runner.threads());
    }

    /** Adjoint direction: gridded w-plane to image-plane values. */
    public void forImage(double[] grid) {
        fft.transformForImage(runner, grid);
    }

    /** Forward direction: screened image plane to uv grid. */
    public void forVisibilities(double[] grid) {
        fft.transformForVisibilities(runner, grid);
    }

    @Override
    public void close() {
        runner.close();
    }
}
