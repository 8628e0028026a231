package org.tessera.partition;

import org.tessera.casacore.CasacoreException;
import org.tessera.casacore.ms.MeasurementSet;
import org.tessera.casacore.ms.SpectralWindow;
import org.tessera.casacore.table.Column;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decides how a MeasurementSet is split: into K time ranges of about equal row counts, into
 * time ranges no larger than a byte budget (HTClean's maximum sub-MS size), into K
 * contiguous channel ranges, into K slabs of |w|, or into channel ranges × w slabs.
 */
public final class PartitionPlanner {
    private static final int CHUNK_ROWS = 1 << 16;

    private PartitionPlanner() {
    }

    /** K parts of about equal row counts; rows sharing a TIME stay together. */
    public static PartitionPlan byTime(MeasurementSet ms, int parts) {
        requireParts(ms, parts);
        List<TimeProfile.Step> steps = profile(ms).steps();
        if (steps.size() < parts) {
            throw new CasacoreException(ms.path(), "has only " + steps.size()
                    + " distinct time steps, so it cannot be split into " + parts + " parts by time");
        }
        long total = 0;
        for (TimeProfile.Step s : steps) {
            total += s.rows();
        }
        // boundary[k] = index of the first time step of part k+1
        int[] firstStep = new int[parts + 1];
        long cumulative = 0;
        int part = 1;
        for (int i = 0; i < steps.size() && part < parts; i++) {
            cumulative += steps.get(i).rows();
            int remainingSteps = steps.size() - (i + 1);
            boolean reachedShare = cumulative * parts >= total * part;
            if (reachedShare || remainingSteps == parts - part) {
                firstStep[part++] = i + 1;
            }
        }
        firstStep[parts] = steps.size();
        return assignRows(ms, steps, firstStep);
    }

    /**
     * As few time ranges as possible, each a sub-MS of at most {@code maxBytes} on disk (a
     * single time step larger than that forms its own part).
     */
    public static PartitionPlan byMaxSize(MeasurementSet ms, long maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maximum partition size must be positive");
        }
        requireRows(ms);
        // Every sub-MS also carries the subtables and the main table's headers: rows get the rest.
        long fixed = RowSizeEstimator.fixedBytes(ms);
        if (fixed >= maxBytes) {
            throw new CasacoreException(ms.path(), "every sub-MS takes " + fixed + " bytes before its first row"
                    + " (subtables and headers), more than the maximum size of " + maxBytes + " bytes");
        }
        long rowBudget = maxBytes - fixed;
        List<TimeProfile.Step> steps = profile(ms).steps();
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        long size = 0;
        for (int i = 0; i < steps.size(); i++) {
            long bytes = steps.get(i).bytes();
            if (size > 0 && size + bytes > rowBudget) {
                starts.add(i);
                size = 0;
            }
            size += bytes;
        }
        int[] firstStep = new int[starts.size() + 1];
        for (int k = 0; k < starts.size(); k++) {
            firstStep[k] = starts.get(k);
        }
        firstStep[starts.size()] = steps.size();
        return assignRows(ms, steps, firstStep);
    }

    /** K parts, each with every row and a contiguous range of channels. */
    public static PartitionPlan byChannel(MeasurementSet ms, int parts) {
        requireParts(ms, parts);
        int channels = channelCount(ms, parts);
        double[] times = timeRange(ms);
        List<PartitionPlan.Part> list = new ArrayList<>();
        for (int k = 0; k < parts; k++) {
            int[] range = channelRange(channels, parts, k);
            list.add(new PartitionPlan.Part(k, List.of(new long[] {0, ms.rows()}), times[0], times[1],
                    range[0], range[1] - range[0]));
        }
        return new PartitionPlan(PartitionMode.CHANNEL, List.copyOf(list));
    }

    /**
     * K slabs of |w| in metres, each with about the same number of visibilities. A sample and its
     * conjugate fall on the same w-plane (the gridder conjugates samples of negative w), so rows
     * are ordered by |w|; each part keeps its rows in source order.
     */
    public static PartitionPlan byW(MeasurementSet ms, int parts) {
        return byW(ms, parts, 1);
    }

    /**
     * K slabs of |w| of about equal work, when gridding is the share {@code griddingShare} of the
     * work and transforming the w-planes the rest: each slab gets the same share of
     * griddingShare × visibilities + (1 − griddingShare) × |w| extent (the planes it reaches). 1 gives
     * equal visibility counts; a wide field, where the transforms dominate, needs less, or the slab
     * of the largest |w| (few samples over most of the planes) holds most of the work.
     */
    public static PartitionPlan byW(MeasurementSet ms, int parts, double griddingShare) {
        requireParts(ms, parts);
        WSlabs slabs = wSlabs(ms, parts, griddingShare);
        List<PartitionPlan.Part> list = new ArrayList<>();
        for (int k = 0; k < parts; k++) {
            list.add(new PartitionPlan.Part(k, slabs.ranges.get(k), slabs.timeMin[k], slabs.timeMax[k], 0, -1));
        }
        return new PartitionPlan(PartitionMode.W, List.copyOf(list));
    }

    /**
     * C channel ranges, each split into S slabs of |w| (as {@link #byW}), C × S = K: C is the largest
     * divisor of K not above √K (nor above the channel count). Part c × S + s holds channel range c
     * and w slab s.
     */
    public static PartitionPlan byChannelAndW(MeasurementSet ms, int parts) {
        return byChannelAndW(ms, parts, 1);
    }

    /** As {@link #byChannelAndW(MeasurementSet, int)}, the slabs balanced as {@link #byW(MeasurementSet, int, double)}. */
    public static PartitionPlan byChannelAndW(MeasurementSet ms, int parts, double griddingShare) {
        requireParts(ms, parts);
        int channels = channelCount(ms, 1);
        int groups = 1;
        for (int c = 1; (long) c * c <= parts && c <= channels; c++) {
            if (parts % c == 0) {
                groups = c;
            }
        }
        int perGroup = parts / groups;
        WSlabs slabs = wSlabs(ms, perGroup, griddingShare);
        List<PartitionPlan.Part> list = new ArrayList<>();
        for (int c = 0; c < groups; c++) {
            int[] range = channelRange(channels, groups, c);
            for (int k = 0; k < perGroup; k++) {
                list.add(new PartitionPlan.Part(c * perGroup + k, slabs.ranges.get(k), slabs.timeMin[k],
                        slabs.timeMax[k], range[0], range[1] - range[0]));
            }
        }
        return new PartitionPlan(PartitionMode.CHANNEL_W, List.copyOf(list));
    }

    /** The rows of each w slab as ascending ranges, and each slab's time extent. */
    private record WSlabs(List<List<long[]>> ranges, double[] timeMin, double[] timeMax) {
    }

    /**
     * One pass reads |w| and the visibilities of every row; the rows sorted by |w| are cut where
     * the running measure griddingShare × visibilities / all + (1 − griddingShare) × (|w| − min) /
     * (max − min) reaches each k/K share (every slab gets at least one row).
     */
    private static WSlabs wSlabs(MeasurementSet ms, int slabs, double griddingShare) {
        if (!(griddingShare >= 0 && griddingShare <= 1)) {
            throw new IllegalArgumentException("the gridding share must be in [0, 1], got " + griddingShare);
        }
        if (ms.rows() > Integer.MAX_VALUE) {
            throw new CasacoreException(ms.path(), "has more than 2^31 rows: too many to split by w");
        }
        int n = (int) ms.rows();
        if (n < slabs) {
            throw new CasacoreException(ms.path(), "has only " + n + " rows, so it cannot be split into "
                    + slabs + " slabs of w");
        }
        long[] perDd = visibilitiesPerDataDescription(ms);
        Column uvwColumn = ms.mainTable().column("UVW");
        Column ddColumn = ms.mainTable().column("DATA_DESC_ID");
        // key: |w| as float bits (non-negative floats order as their bits) above the row number
        long[] keys = new long[n];
        int[] dd = new int[n];
        double[] uvw = new double[3 * CHUNK_ROWS];
        long total = 0;
        for (int start = 0; start < n; start += CHUNK_ROWS) {
            int count = Math.min(CHUNK_ROWS, n - start);
            uvwColumn.getDoubles(start, count, uvw, 0);
            ddColumn.getInts(start, count, dd, start);
            for (int i = 0; i < count; i++) {
                float w = (float) Math.abs(uvw[3 * i + 2]);
                keys[start + i] = ((long) Float.floatToIntBits(w) << 32) | (start + i);
                total += perDd[dd[start + i]];
            }
        }
        Arrays.parallelSort(keys);
        double wMin = Float.intBitsToFloat((int) (keys[0] >>> 32));
        double wSpan = Float.intBitsToFloat((int) (keys[n - 1] >>> 32)) - wMin;
        int[] slabOf = new int[n];
        long cumulative = 0;
        int k = 0;
        int inSlab = 0;
        for (int i = 0; i < n; i++) {
            int row = (int) keys[i];
            double w = Float.intBitsToFloat((int) (keys[i] >>> 32));
            double measure = griddingShare * cumulative / total
                    + (wSpan > 0 ? (1 - griddingShare) * (w - wMin) / wSpan : (1 - griddingShare) * i / n);
            boolean shareMet = measure * slabs >= k + 1;
            boolean rowsForTheRest = n - i == slabs - 1 - k;
            if (k < slabs - 1 && inSlab > 0 && (shareMet || rowsForTheRest)) {
                k++;
                inSlab = 0;
            }
            slabOf[row] = k;
            inSlab++;
            cumulative += perDd[dd[row]];
        }
        List<List<long[]>> ranges = new ArrayList<>();
        for (int s = 0; s < slabs; s++) {
            ranges.add(new ArrayList<>());
        }
        double[] timeMin = new double[slabs];
        double[] timeMax = new double[slabs];
        Arrays.fill(timeMin, Double.POSITIVE_INFINITY);
        Arrays.fill(timeMax, Double.NEGATIVE_INFINITY);
        Column time = ms.mainTable().column("TIME");
        double[] t = new double[CHUNK_ROWS];
        for (int start = 0; start < n; start += CHUNK_ROWS) {
            int count = Math.min(CHUNK_ROWS, n - start);
            time.getDoubles(start, count, t, 0);
            for (int i = 0; i < count; i++) {
                int row = start + i;
                int s = slabOf[row];
                timeMin[s] = Math.min(timeMin[s], t[i]);
                timeMax[s] = Math.max(timeMax[s], t[i]);
                List<long[]> list = ranges.get(s);
                long[] last = list.isEmpty() ? null : list.get(list.size() - 1);
                if (last != null && last[1] == row) {
                    last[1] = row + 1;
                } else {
                    list.add(new long[] {row, row + 1});
                }
            }
        }
        for (int s = 0; s < slabs; s++) {
            ranges.set(s, List.copyOf(ranges.get(s)));
        }
        return new WSlabs(ranges, timeMin, timeMax);
    }

    /** Visibilities (channels × correlations) of a row of each data description. */
    private static long[] visibilitiesPerDataDescription(MeasurementSet ms) {
        long[] perDd = new long[ms.dataDescriptions().size()];
        ms.dataDescriptions().forEach(dd -> perDd[dd.id()] = (long) ms.spectralWindows()
                .get(dd.spectralWindowId()).channels() * ms.polarizations().get(dd.polarizationId()).correlations());
        return perDd;
    }

    /** The channels of every spectral window (they must be equal), at least {@code parts}. */
    private static int channelCount(MeasurementSet ms, int parts) {
        int channels = -1;
        for (SpectralWindow spw : ms.spectralWindows()) {
            if (channels >= 0 && spw.channels() != channels) {
                throw new CasacoreException(ms.path(), "spectral windows have different channel counts;"
                        + " splitting by channel needs them equal");
            }
            channels = spw.channels();
        }
        if (channels < parts) {
            throw new CasacoreException(ms.path(), "has only " + channels
                    + " channels, so it cannot be split into " + parts + " parts by channel");
        }
        return channels;
    }

    /** Channels [first, end) of range k of K contiguous ranges. */
    private static int[] channelRange(int channels, int parts, int k) {
        return new int[] {(int) ((long) channels * k / parts), (int) ((long) channels * (k + 1) / parts)};
    }

    private static TimeProfile profile(MeasurementSet ms) {
        return TimeProfile.of(ms.mainTable(), new RowSizeEstimator(ms), CHUNK_ROWS);
    }

    /** One streaming pass over TIME puts every row into the part that owns its time step. */
    private static PartitionPlan assignRows(MeasurementSet ms, List<TimeProfile.Step> steps, int[] firstStep) {
        int parts = firstStep.length - 1;
        double[] partStart = new double[parts];
        for (int k = 0; k < parts; k++) {
            partStart[k] = steps.get(firstStep[k]).time();
        }
        List<List<long[]>> ranges = new ArrayList<>();
        for (int k = 0; k < parts; k++) {
            ranges.add(new ArrayList<>());
        }
        Column time = ms.mainTable().column("TIME");
        long nrow = ms.rows();
        double[] t = new double[CHUNK_ROWS];
        for (long start = 0; start < nrow; start += CHUNK_ROWS) {
            int n = (int) Math.min(CHUNK_ROWS, nrow - start);
            time.getDoubles(start, n, t, 0);
            for (int i = 0; i < n; i++) {
                int k = partOf(partStart, t[i]);
                List<long[]> list = ranges.get(k);
                long row = start + i;
                long[] last = list.isEmpty() ? null : list.get(list.size() - 1);
                if (last != null && last[1] == row) {
                    last[1] = row + 1;
                } else {
                    list.add(new long[] {row, row + 1});
                }
            }
        }
        List<PartitionPlan.Part> list = new ArrayList<>();
        for (int k = 0; k < parts; k++) {
            double tmin = steps.get(firstStep[k]).time();
            double tmax = steps.get(firstStep[k + 1] - 1).time();
            list.add(new PartitionPlan.Part(k, List.copyOf(ranges.get(k)), tmin, tmax, 0, -1));
        }
        return new PartitionPlan(PartitionMode.TIME, List.copyOf(list));
    }

    private static int partOf(double[] partStart, double time) {
        int i = Arrays.binarySearch(partStart, time);
        return i >= 0 ? i : -i - 2;
    }

    private static double[] timeRange(MeasurementSet ms) {
        List<TimeProfile.Step> steps = profile(ms).steps();
        return new double[] {steps.get(0).time(), steps.get(steps.size() - 1).time()};
    }

    private static void requireParts(MeasurementSet ms, int parts) {
        if (parts < 1) {
            throw new IllegalArgumentException("number of parts must be at least 1, got " + parts);
        }
        requireRows(ms);
    }

    private static void requireRows(MeasurementSet ms) {
        if (ms.rows() == 0) {
            throw new CasacoreException(ms.path(), "has no rows: there is nothing to split");
        }
    }
}
