package org.tessera.gpu;

/**
 * The samples' order for the tiled kernels: a counting sort by key (uv tile, first w-plane), as
 * the three sort kernels of tiles.cu do it (histogram with atomics, exclusive scan, scatter).
 * Tile-major keys put the samples of one tile that touch plane p, those with first plane in
 * [p - W + 1, p], in one contiguous range, which one gridding block reads.
 */
public final class SampleTiles {
    /** Cells per tile side: a (TILE + W - 1)^2 complex float sub-grid fits in shared memory for W <= 16. */
    public static final int TILE = 32;

    final int nu;
    final int nv;
    final int tilesU;
    final int tilesV;
    /** Values of the first plane p0: keys per tile. */
    final int planes;
    final int support;
    /** Samples of key k at sorted positions [start[k], start[k + 1]). */
    final int[] start;
    /** Sample index at each sorted position. */
    final int[] order;

    private SampleTiles(int nu, int nv, int planes, int support, int count, boolean withStarts) {
        this.nu = nu;
        this.nv = nv;
        this.tilesU = (nu + TILE - 1) / TILE;
        this.tilesV = (nv + TILE - 1) / TILE;
        this.planes = planes;
        this.support = support;
        this.start = new int[withStarts ? tiles() * planes + 1 : 0];
        this.order = new int[count];
    }

    /** @param planes one more than the largest first plane of any sample */
    public static SampleTiles sort(PackedSamples s, int nu, int nv, int planes) {
        SampleTiles t = new SampleTiles(nu, nv, planes, s.support, s.count, true);
        int[] count = new int[t.start.length];
        for (int i = 0; i < s.count; i++) {
            count[t.key(s, i)]++;
        }
        for (int k = 0; k + 1 < t.start.length; k++) {
            t.start[k + 1] = t.start[k] + count[k];
        }
        int[] cursor = t.start.clone();
        for (int i = 0; i < s.count; i++) {
            t.order[cursor[t.key(s, i)]++] = i;
        }
        return t;
    }

    /** The tiling alone (the device holds the sort). */
    static SampleTiles shape(int nu, int nv, int planes, int support) {
        return new SampleTiles(nu, nv, planes, support, 0, false);
    }

    public int tiles() {
        return tilesU * tilesV;
    }

    /** Tile of the sample's first tap (u0, v0), wrapped into the grid. */
    int tile(int u0, int v0) {
        return Math.floorMod(v0, nv) / TILE * tilesU + Math.floorMod(u0, nu) / TILE;
    }

    int key(PackedSamples s, int i) {
        return tile(s.idx(i, 0), s.idx(i, 1)) * planes + s.idx(i, 2);
    }

    /** First sorted position of tile t's samples touching plane p. */
    int first(int t, int p) {
        return start[t * planes + Math.min(planes, Math.max(0, p - support + 1))];
    }

    /** End of tile t's samples touching plane p. */
    int end(int t, int p) {
        return start[t * planes + Math.min(p, planes - 1) + 1];
    }

    /** Grid column of tile t's first cell. */
    int u0(int t) {
        return t % tilesU * TILE;
    }

    int v0(int t) {
        return t / tilesU * TILE;
    }

    /** Side of a tile's sub-grid: the tile plus the kernel's reach. */
    int side() {
        return TILE + support - 1;
    }
}
