package org.tessera.casacore.ms;

/**
 * Totals over a MeasurementSet's data column, as {@code tessera inspect --json} reports them:
 * counts of values, unflagged and non-finite values, sums of the unflagged values and their
 * weights, |u|+|v|+|w| over all rows, and the time range.
 */
public final class VisibilityStatistics {
    public long rows;
    public long visibilities;
    public long unflagged;
    public long nonFinite;
    public double sumReal;
    public double sumImag;
    public double sumAbs;
    public double sumWeight;
    public double sumUvwAbs;
    public double timeMin = Double.POSITIVE_INFINITY;
    public double timeMax = Double.NEGATIVE_INFINITY;

    /** Streams the whole data column once, in chunks of at most {@code chunkRows} rows. */
    public static VisibilityStatistics of(MeasurementSet ms, String dataColumn, int chunkRows) {
        VisibilityStatistics s = new VisibilityStatistics();
        for (RowChunk chunk : ms.chunks(dataColumn, chunkRows)) {
            s.add(chunk);
        }
        return s;
    }

    public void add(RowChunk c) {
        rows += c.rows;
        int values = c.values();
        visibilities += values;
        for (int r = 0; r < c.rows; r++) {
            sumUvwAbs += Math.abs(c.uvw[3 * r]) + Math.abs(c.uvw[3 * r + 1]) + Math.abs(c.uvw[3 * r + 2]);
            timeMin = Math.min(timeMin, c.time[r]);
            timeMax = Math.max(timeMax, c.time[r]);
        }
        int perRow = c.channels * c.correlations;
        for (int i = 0; i < values; i++) {
            if (c.flag[i] || c.flagRow[i / perRow]) {
                continue;
            }
            float re = c.data[2 * i];
            float im = c.data[2 * i + 1];
            if (!Float.isFinite(re) || !Float.isFinite(im)) {
                nonFinite++;
                continue;
            }
            unflagged++;
            sumReal += re;
            sumImag += im;
            sumAbs += Math.hypot(re, im);
            sumWeight += c.valueWeight[i];
        }
    }
}
