package org.tessera.imaging.gridding;

import java.util.Arrays;
import org.tessera.imaging.ImageGeometry;

/**
 * Adds one transformed w-plane into the dirty image: D(x, y) += Re[F(u-index, v-index) w-screen].
 * Pixel x sits at FFT index (width/2 - x) mod nu along u (l runs opposite to x) and y at
 * (y - height/2) mod nv along v. Each grid row is cleared right after it is read, while cached.
 */
final class PlaneAccumulation {
    private PlaneAccumulation() {
    }

    static void accumulate(ParallelRunner runner, ImageGeometry g, WGridPlan plan, WScreen screen,
                           double[] grid, double[] dirty) {
        int width = g.width();
        int height = g.height();
        int nu = plan.nu;
        int nv = plan.nv;
        runner.forRange(0, height, (thread, y0, y1) -> {
            for (int y = y0; y < y1; y++) {
                int rowBase = 2 * Math.floorMod(y - height / 2, nv) * nu;
                int screenRow = Math.abs(y - height / 2) * screen.qx;
                for (int x = 0; x < width; x++) {
                    int dx = Math.abs(x - width / 2);
                    int ku = width / 2 - x;
                    int k = rowBase + 2 * (ku < 0 ? ku + nu : ku);
                    int s = 2 * (screenRow + dx);
                    dirty[y * width + x] += grid[k] * screen.screen[s] - grid[k + 1] * screen.screen[s + 1];
                }
                Arrays.fill(grid, rowBase, rowBase + 2 * nu, 0);
            }
        });
    }
}
