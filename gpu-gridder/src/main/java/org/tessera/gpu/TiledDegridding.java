package org.tessera.gpu;

/**
 * The tiled degridding kernel of tiles.cu in Java: one block per uv tile for plane p stages the
 * (TILE + W - 1)^2 cells its samples read (shared memory), then each sample adds plane p's
 * contribution to its own accumulator; the planes' launches follow one another, so the sum over
 * all planes of a sample builds up on the device with plain adds.
 */
public final class TiledDegridding {
    private TiledDegridding() {
    }

    /** out[2 i..2 i + 1] += plane p's prediction of sample i, from the transformed plane grid. */
    public static void degridPlane(PackedSamples s, SampleTiles tiles, KernelCoefficients k, int p, double[] grid,
                                   double[] out) {
        int w = k.support();
        int side = tiles.side();
        double[] sub = new double[2 * side * side];
        double[] ku = new double[w];
        for (int t = 0; t < tiles.tiles(); t++) {
            int from = tiles.first(t, p);
            int to = tiles.end(t, p);
            if (from == to) {
                continue;
            }
            int tu = tiles.u0(t);
            int tv = tiles.v0(t);
            for (int y = 0; y < side; y++) {
                int gridRow = 2 * ((tv + y) % tiles.nv) * tiles.nu;
                for (int x = 0; x < side; x++) {
                    int cell = gridRow + 2 * ((tu + x) % tiles.nu);
                    sub[2 * (y * side + x)] = grid[cell];
                    sub[2 * (y * side + x) + 1] = grid[cell + 1];
                }
            }
            for (int pos = from; pos < to; pos++) {
                int i = tiles.order[pos];
                for (int a = 0; a < w; a++) {
                    ku[a] = k.tap(a, s.val(i, 0));
                }
                int lu = Math.floorMod(s.idx(i, 0), tiles.nu) - tu;
                int lv = Math.floorMod(s.idx(i, 1), tiles.nv) - tv;
                double re = 0;
                double im = 0;
                for (int b = 0; b < w; b++) {
                    int row = 2 * ((lv + b) * side + lu);
                    double rr = 0;
                    double ri = 0;
                    for (int a = 0; a < w; a++) {
                        rr += sub[row + 2 * a] * ku[a];
                        ri += sub[row + 2 * a + 1] * ku[a];
                    }
                    double kv = k.tap(b, s.val(i, 1));
                    re += rr * kv;
                    im += ri * kv;
                }
                double kw = k.tap(p - s.idx(i, 2), s.val(i, 2));
                out[2 * i] += re * kw;
                out[2 * i + 1] += im * kw;
            }
        }
    }
}
