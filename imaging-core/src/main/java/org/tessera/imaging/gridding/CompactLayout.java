package org.tessera.imaging.gridding;

/**
 * Where a sample's taps land in a compact grid that stores only the uv cells that can hold data:
 * the interleaved offset of each tap column within a row, and of each fine-grid row.
 */
interface CompactLayout {
    /** Interleaved offsets 2*column, within a compact row, of the W tap columns from u0 (fine, wrapped). */
    void compactColumns(int u0, int[] cols);

    /** Interleaved offset of fine grid row {@code row} (in [0, nv)) in the compact grid. */
    int rowOffset(int row);
}
