package org.tessera.imaging.weighting;

/**
 * WSClean's weighting rank filter ({@code -weighting-rank-filter}, default level 3, window 16):
 * after uniform or Briggs weighting, a uv cell whose weight factor exceeds {@code level} times the
 * mean of the non-zero factors in the window around it is lowered to that value. It tames the huge
 * uniform weights of isolated samples. WSClean applies it by default, so an imager that is to
 * agree with WSClean's uniform and Briggs images must apply it too.
 *
 * <p>The window of cell (x, y) spans x - size/2 ≤ x' < x + size/2 and likewise in y, clipped to
 * the half-plane grid; the mean is over the original (unfiltered) factors.
 *
 * @param level      cap as a multiple of the local mean; below 1 the filter is off
 * @param windowSize window width and height in cells
 */
public record RankFilter(double level, int windowSize) {
    /** WSClean 3.1's defaults. */
    public static final RankFilter WSCLEAN_DEFAULT = new RankFilter(3.0, 16);
    /** No filtering. */
    public static final RankFilter OFF = new RankFilter(0, 16);

    public RankFilter {
        if (windowSize < 1) {
            throw new IllegalArgumentException("rank filter window must be at least 1 cell, got " + windowSize);
        }
    }

    public boolean enabled() {
        return level >= 1;
    }

    /** Filters {@code grid[y * width + x]} (y below {@code rows}) in place. */
    public void apply(double[] grid, int width, int rows) {
        if (!enabled()) {
            return;
        }
        // Summed-area tables of the non-zero values and of their count make each window mean O(1).
        int stride = width + 1;
        double[] sum = new double[stride * (rows + 1)];
        int[] count = new int[stride * (rows + 1)];
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < width; x++) {
                double v = grid[y * width + x];
                int i = (y + 1) * stride + x + 1;
                sum[i] = v + sum[i - 1] + sum[i - stride] - sum[i - stride - 1];
                count[i] = (v != 0 ? 1 : 0) + count[i - 1] + count[i - stride] - count[i - stride - 1];
            }
        }
        int d = windowSize / 2;
        for (int y = 0; y < rows; y++) {
            int y1 = Math.max(0, y - d);
            int y2 = Math.min(rows, y + d);
            for (int x = 0; x < width; x++) {
                double v = grid[y * width + x];
                if (v == 0) {
                    continue;
                }
                int x1 = Math.max(0, x - d);
                int x2 = Math.min(width, x + d);
                double s = sum[y2 * stride + x2] - sum[y1 * stride + x2] - sum[y2 * stride + x1] + sum[y1 * stride + x1];
                int n = count[y2 * stride + x2] - count[y1 * stride + x2] - count[y2 * stride + x1]
                        + count[y1 * stride + x1];
                if (n > 0 && v > level * s / n) {
                    grid[y * width + x] = level * s / n;
                }
            }
        }
    }
}
