package org.tessera.gpu;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.tessera.imaging.gridding.EsKernel;
import org.tessera.imaging.gridding.WGridPlan;
import org.tessera.imaging.gridding.WSortedVisibilities;

/**
 * Samples in the form the device kernels read: per sample the first taps (u0, v0, p0) and the
 * local kernel coordinates (xu, xv, xw) in [-1, 1], plus the weighted visibility when gridding.
 * All plane-independent, so computed once per run on the host (the index math of PlaneGridding).
 * Stride of the values: 5 (xu, xv, xw, re, im) or 3 (no visibility). Stored in blocks of
 * {@link #BLOCK} samples, so that 5 x count never overflows an int index (count above 429 M).
 */
public final class PackedSamples {
    /** Samples per storage block: 5 x BLOCK values stay far inside one Java array. */
    static final int BLOCK = 1 << 20;

    final int count;
    final int support;
    final int stride;
    /** idx[block][3 * (i - block * BLOCK) + k]. */
    final int[][] idx;
    /** Local coordinates (and visibility) in double; {@link #valFloat} holds them for SINGLE. */
    final double[][] valDouble;
    final float[][] valFloat;

    /** Part of a sample range inside one storage block. */
    record Segment(int block, int offset, int length) {
    }

    private PackedSamples(int count, int support, int stride, Precision precision) {
        this.count = count;
        this.support = support;
        this.stride = stride;
        int blocks = blocks(count);
        idx = new int[blocks][];
        valDouble = precision == Precision.DOUBLE ? new double[blocks][] : null;
        valFloat = precision == Precision.SINGLE ? new float[blocks][] : null;
        for (int b = 0; b < blocks; b++) {
            int n = Math.min(BLOCK, count - b * BLOCK);
            idx[b] = new int[3 * n];
            if (valDouble != null) {
                valDouble[b] = new double[stride * n];
            } else {
                valFloat[b] = new float[stride * n];
            }
        }
    }

    /** Empty storage for {@code count} samples (filled by simulations of the device checks). */
    static PackedSamples allocate(int count, int support, boolean withVisibilities, Precision precision) {
        return new PackedSamples(count, support, withVisibilities ? 5 : 3, precision);
    }

    /** Sets sample i: first taps, local coordinates and (when gridding) the visibility. */
    void put(int i, int u0, int v0, int p0, double xu, double xv, double xw, double re, double im) {
        int[] ib = idx[i / BLOCK];
        int o = 3 * (i % BLOCK);
        ib[o] = u0;
        ib[o + 1] = v0;
        ib[o + 2] = p0;
        set(i, 0, xu);
        set(i, 1, xv);
        set(i, 2, xw);
        if (stride == 5) {
            set(i, 3, re);
            set(i, 4, im);
        }
    }

    public static PackedSamples pack(WSortedVisibilities in, Precision precision, boolean withVisibilities) {
        WGridPlan plan = in.plan();
        int w = plan.kernel().support();
        PackedSamples p = new PackedSamples(in.count(), w, withVisibilities ? 5 : 3, precision);
        IntStream.range(0, (in.count() + 65535) >> 16).parallel().forEach(block -> {
            int end = Math.min(in.count(), (block + 1) << 16);
            for (int i = block << 16; i < end; i++) {
                double f = in.inverseWavelength(i);
                double uc = in.uc(i, f);
                double vc = in.vc(i, f);
                double wc = in.wc(i, f);
                int u0 = EsKernel.firstTap(uc, w);
                int v0 = EsKernel.firstTap(vc, w);
                int p0 = plan.firstPlane(wc);
                int[] ib = p.idx[i / BLOCK];
                int o = 3 * (i % BLOCK);
                ib[o] = u0;
                ib[o + 1] = v0;
                ib[o + 2] = p0;
                p.set(i, 0, local(uc, u0, w));
                p.set(i, 1, local(vc, v0, w));
                p.set(i, 2, local(wc, p0, w));
                if (withVisibilities) {
                    p.set(i, 3, in.visibilityRe(i));
                    p.set(i, 4, in.visibilityIm(i));
                }
            }
        });
        return p;
    }

    /** Storage blocks for {@code count} samples. */
    static int blocks(long count) {
        return (int) ((count + BLOCK - 1) / BLOCK);
    }

    /** The storage-block pieces of samples [start, start + count), in order. */
    static List<Segment> segments(long start, long count) {
        List<Segment> out = new ArrayList<>();
        long i = start;
        long end = start + count;
        while (i < end) {
            int block = (int) (i / BLOCK);
            int offset = (int) (i - (long) block * BLOCK);
            int length = (int) Math.min(BLOCK - offset, end - i);
            out.add(new Segment(block, offset, length));
            i += length;
        }
        return out;
    }

    /** The local coordinate shared by the W taps starting at {@code first}, as EsKernel.taps. */
    static double local(double c, int first, int support) {
        return 2 * (first - c + 0.5 * support) - 1;
    }

    private void set(int i, int k, double v) {
        int o = stride * (i % BLOCK) + k;
        if (valDouble != null) {
            valDouble[i / BLOCK][o] = v;
        } else {
            valFloat[i / BLOCK][o] = (float) v;
        }
    }

    /** Value k (xu, xv, xw, re, im) of sample i. */
    double val(int i, int k) {
        int o = stride * (i % BLOCK) + k;
        return valDouble != null ? valDouble[i / BLOCK][o] : valFloat[i / BLOCK][o];
    }

    /** First tap k (u0, v0, p0) of sample i. */
    int idx(int i, int k) {
        return idx[i / BLOCK][3 * (i % BLOCK) + k];
    }

    public int count() {
        return count;
    }

    public int stride() {
        return stride;
    }

    /** Bytes one sample takes on the device. */
    public static long bytesPerSample(Precision precision, boolean withVisibilities) {
        return 3L * Integer.BYTES + (withVisibilities ? 5L : 3L) * precision.bytes();
    }
}
