package org.tessera.gpu;

import java.util.List;

/** Wraps a {@link PlaneDevice} and adds up the wall time of its gridding calls (for benchmarks). */
public final class TimedPlaneDevice implements PlaneDevice {
    private final PlaneDevice inner;
    private long gridNanos;
    private long griddedSamples;

    public TimedPlaneDevice(PlaneDevice inner) {
        this.inner = inner;
    }

    /** Seconds in gridPlane, uploads and the plane's download included. */
    public double gridSeconds() {
        return gridNanos / 1e9;
    }

    /** Sample-plane pairs gridded (each sample is gridded onto W planes). */
    public long griddedSamples() {
        return griddedSamples;
    }

    @Override
    public long memoryBudget() {
        return inner.memoryBudget();
    }

    @Override
    public void open(PlaneLayout layout, ChunkPlanner planner, boolean predict) {
        inner.open(layout, planner, predict);
    }

    @Override
    public void gridPlane(int plane, PackedSamples samples, List<ChunkPlanner.Chunk> chunks, double[] grid) {
        long t0 = System.nanoTime();
        inner.gridPlane(plane, samples, chunks, grid);
        gridNanos += System.nanoTime() - t0;
        for (ChunkPlanner.Chunk c : chunks) {
            griddedSamples += c.count();
        }
    }

    @Override
    public void accumulateScreen(double w, double[] imagePlane) {
        inner.accumulateScreen(w, imagePlane);
    }

    @Override
    public double[] dirty() {
        return inner.dirty();
    }

    @Override
    public void loadModel(double[] corrected) {
        inner.loadModel(corrected);
    }

    @Override
    public void fillScreen(double w, double[] imagePlane) {
        inner.fillScreen(w, imagePlane);
    }

    @Override
    public void degridPlane(int plane, PackedSamples samples, List<ChunkPlanner.Chunk> chunks, double[] grid,
                            double[] accumulated) {
        inner.degridPlane(plane, samples, chunks, grid, accumulated);
    }

    @Override
    public void close() {
        inner.close();
    }
}
