package org.tessera.imaging.ms;

import org.tessera.casacore.CasacoreException;
import org.tessera.casacore.ms.MeasurementSet;
import org.tessera.casacore.ms.Polarization;
import org.tessera.casacore.ms.RowChunk;
import org.tessera.casacore.ms.Stokes;
import org.tessera.imaging.VisibilityChunk;
import org.tessera.imaging.VisibilitySource;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.tessera.imaging.spectral.ChannelGroup;

/**
 * Stokes I visibilities of a MeasurementSet, streamed chunk by chunk, selected as WSClean
 * does by default: one field, no autocorrelations, I = (XX+YY)/2 or (RR+LL)/2 with weight
 * 4·min(w_a, w_b), and a sample dropped when either hand is flagged or not finite.
 */
public final class MsVisibilitySource implements VisibilitySource {
    private final MeasurementSet ms;
    private final String dataColumn;
    private final int fieldId;
    private final int chunkRows;
    /** The channel group read (null: every channel). */
    private final ChannelGroup group;
    private final VisibilityCounts counts = new VisibilityCounts();
    /** Per spectral window's frequencies (by identity): the channels of the group, and their frequencies. */
    private final Map<double[], int[]> selectedChannels = new IdentityHashMap<>();
    private final Map<double[], double[]> selectedFrequencies = new IdentityHashMap<>();
    private boolean counted;

    public MsVisibilitySource(MeasurementSet ms, String dataColumn, int fieldId, long chunkBytes) {
        this(ms, dataColumn == null ? ms.defaultDataColumn() : dataColumn, fieldId, ms.rowsPerChunk(chunkBytes), null);
        for (Polarization p : ms.polarizations()) {
            parallelHands(p);
        }
    }

    private MsVisibilitySource(MeasurementSet ms, String dataColumn, int fieldId, int chunkRows, ChannelGroup group) {
        this.ms = ms;
        this.dataColumn = dataColumn;
        this.fieldId = fieldId;
        this.chunkRows = chunkRows;
        this.group = group;
    }

    /** The same samples, only the channels of {@code group} (its chunks hold those channels alone), counted apart. */
    public MsVisibilitySource inGroup(ChannelGroup group) {
        return new MsVisibilitySource(ms, dataColumn, fieldId, chunkRows, group);
    }

    public String dataColumn() {
        return dataColumn;
    }

    /** Counts of used, flagged and non-finite samples, complete after the first full pass. */
    public VisibilityCounts counts() {
        return counts;
    }

    @Override
    public void forEach(Consumer<VisibilityChunk> consumer) {
        forEach(consumer, ms.chunks(dataColumn, chunkRows), !counted);
        counted = true;
    }

    /**
     * The same samples without their visibilities (all zero; flags and weights as usual), read
     * without the data column: for passes that need only uvw and weights, such as the data's extent.
     * Non-finite visibilities are not seen, so those samples keep their weight here.
     */
    public VisibilitySource withoutVisibilities() {
        return consumer -> forEach(consumer, ms.chunks(dataColumn, chunkRows).withoutData(), false);
    }

    private void forEach(Consumer<VisibilityChunk> consumer, Iterable<RowChunk> chunks, boolean count) {
        if (group != null && ms.spectralWindows().stream().allMatch(spw -> channels(spw.chanFreq()).length == 0)) {
            // none of the group's channels here (a sub-MS of other channels): nothing to read
            return;
        }
        VisibilityChunk out = null;
        for (RowChunk in : chunks) {
            double[] all = in.spectralWindow.chanFreq();
            int[] channels = channels(all);
            if (channels.length == 0) {
                continue;
            }
            double[] frequencies = selectedFrequencies.get(all);
            if (out == null || out.rows < in.rows || out.channels != channels.length || out.frequencies != frequencies) {
                out = new VisibilityChunk(in.rows, channels.length, new double[3 * in.rows], frequencies,
                        new float[2 * in.rows * channels.length], new float[in.rows * channels.length]);
            }
            consumer.accept(convert(in, channels, out, count));
        }
    }

    /** The channels of a spectral window (by its frequencies) that this source reads. */
    private synchronized int[] channels(double[] frequencies) {
        int[] channels = selectedChannels.get(frequencies);
        if (channels == null) {
            channels = IntStream.range(0, frequencies.length)
                    .filter(c -> group == null || group.holds(frequencies[c])).toArray();
            selectedChannels.put(frequencies, channels);
            selectedFrequencies.put(frequencies, group == null ? frequencies
                    : Arrays.stream(channels).mapToDouble(c -> frequencies[c]).toArray());
        }
        return channels;
    }

    private VisibilityChunk convert(RowChunk in, int[] channels, VisibilityChunk out, boolean count) {
        int[] hands = parallelHands(in.polarization);
        int a = hands[0];
        int b = hands[1];
        int ncorr = in.correlations;
        int nchan = in.channels;
        int nout = channels.length;
        for (int r = 0; r < in.rows; r++) {
            System.arraycopy(in.uvw, 3 * r, out.uvw, 3 * r, 3);
            boolean selected = in.fieldId[r] == fieldId && in.antenna1[r] != in.antenna2[r];
            for (int k = 0; k < nout; k++) {
                int c = channels[k];
                int base = (r * nchan + c) * ncorr;
                int o = r * nout + k;
                float ar = in.data[2 * (base + a)];
                float ai = in.data[2 * (base + a) + 1];
                float br = in.data[2 * (base + b)];
                float bi = in.data[2 * (base + b) + 1];
                boolean flagged = in.flagRow[r] || in.flag[base + a] || in.flag[base + b];
                boolean finite = Float.isFinite(ar) && Float.isFinite(ai) && Float.isFinite(br) && Float.isFinite(bi);
                float w = 4f * Math.min(in.valueWeight[base + a], in.valueWeight[base + b]);
                if (!selected || flagged || !finite || !(w > 0)) {
                    out.vis[2 * o] = 0;
                    out.vis[2 * o + 1] = 0;
                    out.weight[o] = 0;
                    if (count) {
                        counts.count(selected, flagged, finite);
                    }
                    continue;
                }
                out.vis[2 * o] = 0.5f * (ar + br);
                out.vis[2 * o + 1] = 0.5f * (ai + bi);
                out.weight[o] = w;
                if (count) {
                    counts.used++;
                }
            }
        }
        if (out.rows == in.rows) {
            return out;
        }
        return new VisibilityChunk(in.rows, nout, out.uvw, out.frequencies, out.vis, out.weight);
    }

    private int[] parallelHands(Polarization p) {
        int a = -1;
        int b = -1;
        for (int i = 0; i < p.corrType().length; i++) {
            int t = p.corrType()[i];
            if (t == 9 || t == 5) {
                a = i;
            } else if (t == 12 || t == 8) {
                b = i;
            }
        }
        if (a < 0 || b < 0 || !Stokes.isParallelHand(p.corrType()[a])) {
            throw new CasacoreException(ms.path(), "polarization setup " + p.id() + " ("
                    + String.join(" ", p.correlationNames()) + ") has no pair of parallel hands"
                    + " (XX and YY, or RR and LL) to form Stokes I");
        }
        return new int[] {a, b};
    }
}
