package org.tessera.partition;

import java.util.List;

/**
 * Which rows (and channels) of a source MeasurementSet go into each sub-MS.
 *
 * @param mode  how the MS was split
 * @param parts one entry per sub-MS, in order
 */
public record PartitionPlan(PartitionMode mode, List<Part> parts) {

    /**
     * One sub-MS.
     *
     * @param index        0-based part number
     * @param rowRanges    the source rows, as half-open ranges [start, end) in ascending order
     * @param timeMin      smallest TIME in the part, MJD seconds
     * @param timeMax      largest TIME in the part, MJD seconds
     * @param firstChannel first channel kept (0 when splitting by time)
     * @param channels     number of channels kept, or -1 for all
     */
    public record Part(int index, List<long[]> rowRanges, double timeMin, double timeMax,
                       int firstChannel, int channels) {
        public long rows() {
            long n = 0;
            for (long[] r : rowRanges) {
                n += r[1] - r[0];
            }
            return n;
        }
    }
}
