package org.tessera.partition;

import org.tessera.casacore.table.Column;
import org.tessera.casacore.table.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rows and estimated bytes per distinct TIME of a main table, gathered in one streaming
 * pass; the basis for splitting by time. Memory grows with the number of time steps, not rows.
 */
final class TimeProfile {
    /** Rows and bytes of one time step. */
    record Step(double time, long rows, long bytes) {
    }

    private final List<Step> steps;

    private TimeProfile(List<Step> steps) {
        this.steps = steps;
    }

    static TimeProfile of(Table main, RowSizeEstimator sizes, int chunkRows) {
        Column time = main.column("TIME");
        Column dataDescId = main.column("DATA_DESC_ID");
        long nrow = main.nrow();
        double[] t = new double[chunkRows];
        int[] dd = new int[chunkRows];
        TreeMap<Double, long[]> perTime = new TreeMap<>();
        for (long start = 0; start < nrow; start += chunkRows) {
            int n = (int) Math.min(chunkRows, nrow - start);
            time.getDoubles(start, n, t, 0);
            dataDescId.getInts(start, n, dd, 0);
            for (int i = 0; i < n; i++) {
                long[] acc = perTime.computeIfAbsent(t[i], k -> new long[2]);
                acc[0]++;
                acc[1] += sizes.bytes(dd[i]);
            }
        }
        List<Step> steps = new ArrayList<>(perTime.size());
        for (Map.Entry<Double, long[]> e : perTime.entrySet()) {
            steps.add(new Step(e.getKey(), e.getValue()[0], e.getValue()[1]));
        }
        return new TimeProfile(steps);
    }

    List<Step> steps() {
        return steps;
    }
}
