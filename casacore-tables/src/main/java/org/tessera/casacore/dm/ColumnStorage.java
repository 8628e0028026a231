package org.tessera.casacore.dm;

/**
 * How one data manager reads one column. Values are delivered into the primitive array
 * that {@link org.tessera.casacore.io.Elements#newArray} makes for the column's type:
 * the cells of consecutive rows one after another, each in Fortran order. Row ranges are
 * checked by the caller.
 */
public interface ColumnStorage {
    /** False for cells that hold no value (e.g. an unwritten indirect array). */
    boolean isDefined(long row);

    /** Shape of the cell (Fortran order); empty for scalar columns. */
    int[] shape(long row);

    /**
     * Reads nrows defined cells starting at row into dst from element offset off (a complex
     * element takes two array slots, so it starts at slot 2 * off).
     */
    void read(long row, int nrows, Object dst, int off);
}
