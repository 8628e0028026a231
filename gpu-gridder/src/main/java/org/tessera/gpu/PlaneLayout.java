package org.tessera.gpu;

import java.util.Arrays;
import org.tessera.imaging.ImageGeometry;

/**
 * Shapes of one run on the device and the mapping between the FFT's uv grid and image-sized planes
 * (pixel order, interleaved): pixel (x, y) reads the transformed grid at ((width/2 - x) mod nu,
 * (y - height/2) mod nv) and writes the grid to transform at ((x - width/2) mod nu,
 * (height/2 - y) mod nv), as the CPU gridder's accumulate and fill steps do.
 */
public record PlaneLayout(int nu, int nv, int width, int height, ScreenQuadrant quadrant,
                          KernelCoefficients coefficients, Precision precision) {

    public static PlaneLayout of(ImageGeometry g, int nu, int nv, ScreenQuadrant q, KernelCoefficients k,
                                 Precision precision) {
        return new PlaneLayout(nu, nv, g.width(), g.height(), q, k, precision);
    }

    public int support() {
        return coefficients.support();
    }

    public long gridCells() {
        return (long) nu * nv;
    }

    public long pixels() {
        return (long) width * height;
    }

    /** Device bytes that do not depend on the number of samples. */
    public long fixedDeviceBytes() {
        long grid = 2 * gridCells() * precision.bytes();
        long plane = 2 * pixels() * precision.bytes();
        long image = pixels() * Double.BYTES;
        long tables = (long) quadrant.t.length * Double.BYTES
                + (long) (support() + 4) * support() * precision.bytes();
        return grid + plane + image + tables;
    }

    /** Image-plane values of the transformed grid. */
    public double[] gather(double[] grid, double[] plane) {
        for (int y = 0; y < height; y++) {
            int rowBase = 2 * Math.floorMod(y - height / 2, nv) * nu;
            for (int x = 0; x < width; x++) {
                int k = rowBase + 2 * Math.floorMod(width / 2 - x, nu);
                int p = 2 * (y * width + x);
                plane[p] = grid[k];
                plane[p + 1] = grid[k + 1];
            }
        }
        return plane;
    }

    /** The grid to transform for prediction: the screened image plane, zero elsewhere. */
    public void scatter(double[] plane, double[] grid) {
        Arrays.fill(grid, 0);
        for (int y = 0; y < height; y++) {
            int rowBase = 2 * Math.floorMod(height / 2 - y, nv) * nu;
            for (int x = 0; x < width; x++) {
                int k = rowBase + 2 * Math.floorMod(x - width / 2, nu);
                int p = 2 * (y * width + x);
                grid[k] = plane[p];
                grid[k + 1] = plane[p + 1];
            }
        }
    }
}
