package org.tessera.partition;

import java.util.List;

/**
 * {@code partitions.json}: what each sub-MS holds, so a pipeline can schedule the parts and a
 * person can check the split.
 *
 * @param source    the partitioned MS
 * @param mode      "time", "channel", "w" or "channel,w"
 * @param rows      rows of the source
 * @param parts     one entry per sub-MS
 */
public record PartitionManifest(String source, String mode, long rows, List<Entry> parts) {

    /**
     * One sub-MS.
     *
     * @param index         0-based part number
     * @param path          directory name of the sub-MS, relative to the manifest
     * @param rows          rows in the part
     * @param timeMin       smallest TIME, MJD seconds
     * @param timeMax       largest TIME, MJD seconds
     * @param bytes         size of the sub-MS on disk
     * @param visibilities  values (rows × channels × correlations) of the part
     * @param firstChannel  first channel of the source kept in this part
     * @param channels      channels per row in this part (for the first spectral window)
     */
    public record Entry(int index, String path, long rows, double timeMin, double timeMax, long bytes,
                        long visibilities, int firstChannel, int channels) {
    }
}
