package org.tessera.gpu;

/**
 * The tiled gridding kernel of tiles.cu in Java: one block per uv tile for plane p, its samples
 * (those of the tile touching p, contiguous in {@link SampleTiles}) accumulated into a
 * (TILE + W - 1)^2 sub-grid (shared memory, shared atomics on the device), then the sub-grid
 * added to the plane grid (global atomics: neighbouring tiles overlap by W - 1 cells). Per
 * sample and plane 2W + 1 kernel evaluations (W along u, W along v, one along w), not W^2.
 */
public final class TiledGridding {
    private TiledGridding() {
    }

    /** grid += plane p's samples (interleaved nu x nv, row-major, rows along v). */
    public static void gridPlane(PackedSamples s, SampleTiles tiles, KernelCoefficients k, int p, double[] grid) {
        int w = k.support();
        int side = tiles.side();
        double[] sub = new double[2 * side * side];
        double[] ku = new double[w];
        double[] kv = new double[w];
        for (int t = 0; t < tiles.tiles(); t++) {
            int from = tiles.first(t, p);
            int to = tiles.end(t, p);
            if (from == to) {
                continue;
            }
            java.util.Arrays.fill(sub, 0);
            int tu = tiles.u0(t);
            int tv = tiles.v0(t);
            for (int pos = from; pos < to; pos++) {
                int i = tiles.order[pos];
                for (int a = 0; a < w; a++) {
                    ku[a] = k.tap(a, s.val(i, 0));
                    kv[a] = k.tap(a, s.val(i, 1));
                }
                double kw = k.tap(p - s.idx(i, 2), s.val(i, 2));
                double re = s.val(i, 3) * kw;
                double im = s.val(i, 4) * kw;
                int lu = Math.floorMod(s.idx(i, 0), tiles.nu) - tu;
                int lv = Math.floorMod(s.idx(i, 1), tiles.nv) - tv;
                for (int b = 0; b < w; b++) {
                    int row = 2 * ((lv + b) * side + lu);
                    for (int a = 0; a < w; a++) {
                        double f = ku[a] * kv[b];
                        sub[row + 2 * a] += re * f;
                        sub[row + 2 * a + 1] += im * f;
                    }
                }
            }
            for (int y = 0; y < side; y++) {
                int gridRow = 2 * ((tv + y) % tiles.nv) * tiles.nu;
                for (int x = 0; x < side; x++) {
                    int cell = gridRow + 2 * ((tu + x) % tiles.nu);
                    grid[cell] += sub[2 * (y * side + x)];
                    grid[cell + 1] += sub[2 * (y * side + x) + 1];
                }
            }
        }
    }
}
