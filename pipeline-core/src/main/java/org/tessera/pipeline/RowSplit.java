package org.tessera.pipeline;

import org.tessera.casacore.ms.MeasurementSet;
import org.tessera.casacore.table.Column;
import org.tessera.partition.PartitionMode;
import org.tessera.partition.PartitionPlan;

import java.util.ArrayList;
import java.util.List;

/**
 * K contiguous row ranges of about equal size, for an MS with fewer time steps than partitions
 * (a snapshot): imaging treats rows independently, so rows of one TIME may go to different parts.
 */
final class RowSplit {
    private RowSplit() {
    }

    static PartitionPlan plan(MeasurementSet ms, int parts) {
        long rows = ms.rows();
        if (rows < parts) {
            throw new JobFailure("the MeasurementSet has " + rows + " rows, fewer than " + parts + " partitions");
        }
        Column time = ms.mainTable().column("TIME");
        List<PartitionPlan.Part> out = new ArrayList<>();
        for (int k = 0; k < parts; k++) {
            long start = rows * k / parts;
            long end = rows * (k + 1) / parts;
            double[] t = new double[(int) (end - start)];
            time.getDoubles(start, t.length, t, 0);
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double v : t) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            out.add(new PartitionPlan.Part(k, List.of(new long[] {start, end}), min, max, 0, -1));
        }
        return new PartitionPlan(PartitionMode.TIME, out);
    }
}
