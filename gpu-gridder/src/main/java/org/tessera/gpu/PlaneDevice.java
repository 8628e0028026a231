package org.tessera.gpu;

import java.util.List;

/**
 * The device side of one gridding run, called from a single thread (the one owning the CUDA
 * context). Implemented with CUDA ({@link CudaPlaneDevice}) and in Java with the kernels' own
 * arithmetic ({@link EmulatedPlaneDevice}), so the host pipeline is tested without a GPU.
 */
public interface PlaneDevice extends AutoCloseable {
    /** Device memory this run may use, in bytes. */
    long memoryBudget();

    /** Allocates buffers for the run; {@code predict} selects degridding buffers. */
    void open(PlaneLayout layout, ChunkPlanner planner, boolean predict);

    /** Grids the chunks' samples onto plane {@code plane}; the plane grid comes back in {@code grid}. */
    void gridPlane(int plane, PackedSamples samples, List<ChunkPlanner.Chunk> chunks, double[] grid);

    /** dirty += Re[imagePlane exp(-2 pi i w t)] on the device-resident dirty image. */
    void accumulateScreen(double w, double[] imagePlane);

    /** The accumulated (uncorrected) dirty image. */
    double[] dirty();

    /** Uploads the corrected model image for prediction. */
    void loadModel(double[] corrected);

    /** imagePlane = model exp(+2 pi i w t). */
    void fillScreen(double w, double[] imagePlane);

    /** Adds plane {@code plane}'s contribution, read from the transformed {@code grid}, to accumulated. */
    void degridPlane(int plane, PackedSamples samples, List<ChunkPlanner.Chunk> chunks, double[] grid,
                     double[] accumulated);

    @Override
    void close();
}
