package org.tessera.casacore.ms;

/**
 * A run of consecutive main-table rows that share one DATA_DESCRIPTION (so one spectral
 * window and one polarization setup, hence one cell shape). Arrays are reused by the
 * reader: a chunk is valid until the next one is read.
 *
 * <p>Per-value arrays are in casacore cell order, correlation fastest, then channel,
 * then row: index {@code (r*channels + c)*correlations + p}.
 */
public final class RowChunk {
    /** Index of the first row in the main table. */
    public long firstRow;
    /** Number of rows in this chunk. */
    public int rows;
    public DataDescription dataDescription;
    public SpectralWindow spectralWindow;
    public Polarization polarization;
    public int channels;
    public int correlations;

    public double[] time;
    public int[] antenna1;
    public int[] antenna2;
    public int[] fieldId;
    /** u, v, w in metres, {@code uvw[3*r + k]}. */
    public double[] uvw;
    public boolean[] flagRow;
    /** Complex values of the chosen data column, interleaved (re, im). */
    public float[] data;
    public boolean[] flag;
    /** WEIGHT per correlation, index {@code r*correlations + p}. */
    public float[] weight;
    /** SIGMA per correlation (1 where the column is absent), index {@code r*correlations + p}. */
    public float[] sigma;
    /** The weight of each value: WEIGHT_SPECTRUM where present and defined, else WEIGHT of its correlation. */
    public float[] valueWeight;

    /** Number of values (rows × channels × correlations). */
    public int values() {
        return rows * channels * correlations;
    }

    /** True when value i may be used: neither FLAG nor FLAG_ROW set. */
    public boolean unflagged(int valueIndex) {
        int row = valueIndex / (channels * correlations);
        return !flag[valueIndex] && !flagRow[row];
    }
}
