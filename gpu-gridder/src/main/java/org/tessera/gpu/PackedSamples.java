package org.tessera.gpu;

import java.util.stream.IntStream;
import org.tessera.imaging.gridding.GriddingInputs;

/**
 * Samples in the form the device kernels read: per sample the first taps (u0, v0, p0) and the
 * local kernel coordinates (xu, xv, xw) in [-1, 1], plus the weighted visibility when gridding.
 * All plane-independent, so computed once per run on the host (the index math of PlaneGridding)
 * and only copied per plane. Stride of {@code val}: 5 (xu, xv, xw, re, im) or 3 (no visibility).
 */
public final class PackedSamples {
    final int count;
    final int support;
    final int stride;
    final int[] idx;
    /** Local coordinates (and visibility) in double; {@link #valFloat} holds them for SINGLE. */
    final double[] valDouble;
    final float[] valFloat;

    private PackedSamples(int count, int support, int stride, Precision precision) {
        this.count = count;
        this.support = support;
        this.stride = stride;
        this.idx = new int[3 * count];
        this.valDouble = precision == Precision.DOUBLE ? new double[stride * count] : null;
        this.valFloat = precision == Precision.SINGLE ? new float[stride * count] : null;
    }

    public static PackedSamples pack(GriddingInputs in, Precision precision, boolean withVisibilities) {
        int w = in.kernel().support();
        PackedSamples p = new PackedSamples(in.count(), w, withVisibilities ? 5 : 3, precision);
        double[] uc = in.uc();
        double[] vc = in.vc();
        double[] wc = in.wc();
        IntStream.range(0, (in.count() + 65535) >> 16).parallel().forEach(block -> {
            int end = Math.min(in.count(), (block + 1) << 16);
            for (int i = block << 16; i < end; i++) {
                int u0 = firstTap(uc[i], w);
                int v0 = firstTap(vc[i], w);
                int p0 = in.firstPlane(wc[i]);
                p.idx[3 * i] = u0;
                p.idx[3 * i + 1] = v0;
                p.idx[3 * i + 2] = p0;
                p.set(i, 0, local(uc[i], u0, w));
                p.set(i, 1, local(vc[i], v0, w));
                p.set(i, 2, local(wc[i], p0, w));
                if (withVisibilities) {
                    p.set(i, 3, in.visRe(i));
                    p.set(i, 4, in.visIm(i));
                }
            }
        });
        return p;
    }

    /** First of the W taps of a sample at coordinate c (cells or planes), as EsKernel.firstTap. */
    static int firstTap(double c, int support) {
        return (int) Math.floor(c - 0.5 * support) + 1;
    }

    /** The local coordinate shared by the W taps starting at {@code first}, as EsKernel.taps. */
    static double local(double c, int first, int support) {
        return 2 * (first - c + 0.5 * support) - 1;
    }

    private void set(int i, int k, double v) {
        if (valDouble != null) {
            valDouble[stride * i + k] = v;
        } else {
            valFloat[stride * i + k] = (float) v;
        }
    }

    double val(int i, int k) {
        return valDouble != null ? valDouble[stride * i + k] : valFloat[stride * i + k];
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
