package org.tessera.gpu;

import java.util.Map;

/**
 * One run's samples resident on a device, plane by plane (the resident design): on CUDA
 * {@link DeviceRun}, in Java {@link EmulatedResidentPlanes} with the kernels' own arithmetic, so
 * the host side of {@link ResidentCudaGridder} (plans, data columns, screens, corrections) is
 * tested without a GPU.
 */
interface ResidentPlanes extends AutoCloseable {
    /** Opens a run over the packed samples (uploaded and sorted once). */
    interface Factory {
        ResidentPlanes open(PlaneLayout layout, PackedSamples samples, int planes);
    }

    /** dirty += plane p gridded, transformed along v (data columns) and u, and screened with w. */
    void accumulatePlane(int p, double w);

    /** The accumulated dirty image (uncorrected). */
    double[] dirty();

    /**
     * New visibilities for the same samples (same taps, same order: the PSF's after the dirty
     * image's), without re-uploading the taps or re-sorting; clears the dirty image.
     */
    void replaceVisibilities(PackedSamples same);

    /** The corrected model image for prediction. */
    void loadModel(double[] corrected);

    /** Per-sample sums += plane p's prediction from the screened, transformed model. */
    void predictPlane(int p, double w);

    /** The per-sample sums (re, im), in packed-sample order. */
    double[] predictions();

    /** Device milliseconds per phase so far (empty when not timed). */
    Map<DeviceRun.Phase, Float> millis();

    @Override
    void close();
}
