package org.tessera.imaging.ms;

import org.tessera.casacore.CasacoreException;
import org.tessera.casacore.ms.MeasurementSet;
import org.tessera.casacore.ms.Polarization;
import org.tessera.casacore.ms.RowChunk;
import org.tessera.casacore.ms.Stokes;
import org.tessera.imaging.VisibilityChunk;
import org.tessera.imaging.VisibilitySource;

import java.util.function.Consumer;

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
    private final VisibilityCounts counts = new VisibilityCounts();
    private boolean counted;

    public MsVisibilitySource(MeasurementSet ms, String dataColumn, int fieldId, long chunkBytes) {
        this.ms = ms;
        this.dataColumn = dataColumn == null ? ms.defaultDataColumn() : dataColumn;
        this.fieldId = fieldId;
        this.chunkRows = ms.rowsPerChunk(chunkBytes);
        for (Polarization p : ms.polarizations()) {
            parallelHands(p);
        }
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
        VisibilityChunk out = null;
        for (RowChunk in : chunks) {
            if (out == null || out.rows < in.rows || out.channels != in.channels
                    || out.frequencies != in.spectralWindow.chanFreq()) {
                out = new VisibilityChunk(in.rows, in.channels, new double[3 * in.rows],
                        in.spectralWindow.chanFreq(), new float[2 * in.rows * in.channels],
                        new float[in.rows * in.channels]);
            }
            consumer.accept(convert(in, out, count));
        }
    }

    private VisibilityChunk convert(RowChunk in, VisibilityChunk out, boolean count) {
        int[] hands = parallelHands(in.polarization);
        int a = hands[0];
        int b = hands[1];
        int ncorr = in.correlations;
        int nchan = in.channels;
        for (int r = 0; r < in.rows; r++) {
            System.arraycopy(in.uvw, 3 * r, out.uvw, 3 * r, 3);
            boolean selected = in.fieldId[r] == fieldId && in.antenna1[r] != in.antenna2[r];
            for (int c = 0; c < nchan; c++) {
                int base = (r * nchan + c) * ncorr;
                int o = r * nchan + c;
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
        return new VisibilityChunk(in.rows, nchan, out.uvw, out.frequencies, out.vis, out.weight);
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
