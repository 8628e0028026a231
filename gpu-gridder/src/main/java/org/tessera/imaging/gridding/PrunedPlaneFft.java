package org.tessera.imaging.gridding;

import org.tessera.imaging.ImageGeometry;

/**
 * The CPU gridder's pruned per-plane FFT ({@link PlaneFft}) with its thread pool, for the GPU
 * gridder, which keeps the FFT on the CPU (see docs/gpu.md): same transform, same pruning.
 */
public final class PrunedPlaneFft implements AutoCloseable {
    private final ParallelRunner runner;
    private final PlaneFft fft;

    public PrunedPlaneFft(ImageGeometry g, GriddingInputs inputs, int threads) {
        runner = new ParallelRunner(threads);
        int nu = inputs.nu();
        int nv = inputs.nv();
        boolean[] rows = new boolean[nv];
        for (int y = 0; y < g.height(); y++) {
            rows[Math.floorMod(y - g.height() / 2, nv)] = true;
            rows[Math.floorMod(g.height() / 2 - y, nv)] = true;
        }
        int reach = (int) Math.ceil(inputs.maxUDistance() + 0.5 * inputs.kernel().support()) + 1;
        fft = new PlaneFft(nu, nv, reach, rows, runner.threads());
    }

    /** Adjoint direction: gridded plane to image-plane values (interleaved, row-major in v). */
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
