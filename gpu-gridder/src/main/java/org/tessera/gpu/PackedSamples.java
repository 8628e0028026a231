package org.tessera.gpu;

import java.util.stream.IntStream;
import org.tessera.imaging.gridding.EsKernel;
import org.tessera.imaging.gridding.WGridPlan;
import org.tessera.imaging.gridding.WSortedVisibilities;

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
                p.idx[3 * i] = u0;
                p.idx[3 * i + 1] = v0;
                p.idx[3 * i + 2] = p0;
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
