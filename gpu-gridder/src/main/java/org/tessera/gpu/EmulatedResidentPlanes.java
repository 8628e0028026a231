package org.tessera.gpu;

import java.util.Map;

/**
 * {@link DeviceRun}'s kernels in Java, launch by launch with the same index arithmetic: the
 * counting sort ({@link SampleTiles}), tiled gridding and degridding, the Stockham FFT along v
 * over the data columns, and the u transform fused with the w-screen (fft_rows_accumulate and
 * fft_rows_fill of fft.cu). In double.
 */
final class EmulatedResidentPlanes implements ResidentPlanes {
    private final PlaneLayout layout;
    private PackedSamples samples;
    private final SampleTiles tiles;
    private final int[] dataColumns;
    private final StockhamFft alongU;
    private final StockhamFft alongV;
    private final double[] grid;
    private final double[] dirty;
    private final double[] sums;
    private double[] model;

    EmulatedResidentPlanes(PlaneLayout layout, PackedSamples samples, int planes) {
        this.layout = layout;
        this.samples = samples;
        this.tiles = SampleTiles.sort(samples, layout.nu(), layout.nv(), planes);
        this.dataColumns = DeviceRun.dataColumns(samples, layout.nu());
        this.alongU = new StockhamFft(layout.nu());
        this.alongV = new StockhamFft(layout.nv());
        this.grid = new double[(int) (2 * layout.gridCells())];
        this.dirty = new double[(int) layout.pixels()];
        this.sums = new double[2 * samples.count];
    }

    @Override
    public void accumulatePlane(int p, double w) {
        java.util.Arrays.fill(grid, 0);
        TiledGridding.gridPlane(samples, tiles, layout.coefficients(), p, grid);
        transformColumns();
        int nu = layout.nu();
        int width = layout.width();
        int height = layout.height();
        double[] work = new double[2 * nu];
        for (int y = 0; y < height; y++) {
            int row = 2 * Math.floorMod(y - height / 2, layout.nv()) * nu;
            alongU.forward(grid, row, 1, work);
            for (int x = 0; x < width; x++) {
                int k = row + 2 * Math.floorMod(width / 2 - x, nu);
                double phase = -2 * Math.PI * w * quadrantT(x, y);
                dirty[y * width + x] += grid[k] * Math.cos(phase) - grid[k + 1] * Math.sin(phase);
            }
        }
    }

    @Override
    public double[] dirty() {
        return dirty.clone();
    }

    @Override
    public void replaceVisibilities(PackedSamples same) {
        samples = same;
        java.util.Arrays.fill(dirty, 0);
    }

    @Override
    public void loadModel(double[] corrected) {
        model = corrected.clone();
    }

    @Override
    public void predictPlane(int p, double w) {
        java.util.Arrays.fill(grid, 0);
        int nu = layout.nu();
        int width = layout.width();
        int height = layout.height();
        double[] work = new double[2 * nu];
        for (int y = 0; y < height; y++) {
            int row = 2 * Math.floorMod(height / 2 - y, layout.nv()) * nu;
            for (int x = 0; x < width; x++) {
                int k = row + 2 * Math.floorMod(x - width / 2, nu);
                double phase = -2 * Math.PI * w * quadrantT(x, y);
                double value = model[y * width + x];
                grid[k] = value * Math.cos(phase);
                grid[k + 1] = -value * Math.sin(phase);
            }
            alongU.forward(grid, row, 1, work);
        }
        transformColumns();
        TiledDegridding.degridPlane(samples, tiles, layout.coefficients(), p, grid, sums);
    }

    private void transformColumns() {
        double[] work = new double[2 * layout.nv()];
        for (int c : dataColumns) {
            alongV.forward(grid, 2 * c, layout.nu(), work);
        }
    }

    @Override
    public double[] predictions() {
        return sums.clone();
    }

    @Override
    public Map<DeviceRun.Phase, Float> millis() {
        return Map.of();
    }

    private double quadrantT(int x, int y) {
        ScreenQuadrant q = layout.quadrant();
        double t = q.t[Math.abs(y - layout.height() / 2) * q.qx + Math.abs(x - layout.width() / 2)];
        return Double.isNaN(t) ? 0 : t;
    }

    @Override
    public void close() {
    }
}
