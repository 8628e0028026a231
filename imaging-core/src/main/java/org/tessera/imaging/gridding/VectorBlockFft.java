package org.tessera.imaging.gridding;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link BlockFft}'s butterflies with the Vector API, at the CPU's preferred width (8 float lanes
 * with AVX2, 16 with AVX-512): the same operations on whole tile rows, lane by lane.
 */
final class VectorBlockFft {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int W = BlockFft.WIDTH;

    /** Lanes of the preferred species; {@link VectorSupport} needs WIDTH to be a multiple of it. */
    static int lanes() {
        return S.length();
    }

    /**
     * {@link BlockFft#radixFour}, with twiddles broadcast once and complex multiplies as fused
     * multiply-adds. Few vector operations per method matter on JDK 17: past about fifty, C2 delays
     * inlining the rest and then boxes their stores (the earlier 60-operation form, four complex
     * multiplies by scalars, had one to five of its eight stores boxed: transforms 2-4x slower).
     */
    void radixFour(float[] t, int p, int q, float wr, float wi, float vr, float vi, float ur, float ui) {
        int p1 = p + q;
        int p2 = p + 2 * q;
        int p3 = p + 3 * q;
        FloatVector w0 = FloatVector.broadcast(S, wr);
        FloatVector w1 = FloatVector.broadcast(S, wi);
        FloatVector minusW1 = FloatVector.broadcast(S, -wi);
        FloatVector v0 = FloatVector.broadcast(S, vr);
        FloatVector v1 = FloatVector.broadcast(S, vi);
        FloatVector minusV1 = FloatVector.broadcast(S, -vi);
        FloatVector u0 = FloatVector.broadcast(S, ur);
        FloatVector u1 = FloatVector.broadcast(S, ui);
        FloatVector minusU1 = FloatVector.broadcast(S, -ui);
        for (int b = 0; b < W; b += S.length()) {
            int r = b;
            int i = W + b;
            FloatVector x0r = FloatVector.fromArray(S, t, p + r);
            FloatVector x0i = FloatVector.fromArray(S, t, p + i);
            FloatVector x1r = FloatVector.fromArray(S, t, p1 + r);
            FloatVector x1i = FloatVector.fromArray(S, t, p1 + i);
            FloatVector x2r = FloatVector.fromArray(S, t, p2 + r);
            FloatVector x2i = FloatVector.fromArray(S, t, p2 + i);
            FloatVector x3r = FloatVector.fromArray(S, t, p3 + r);
            FloatVector x3i = FloatVector.fromArray(S, t, p3 + i);
            FloatVector a0r = x0r.add(x2r);
            FloatVector a0i = x0i.add(x2i);
            FloatVector d0r = x0r.sub(x2r);
            FloatVector d0i = x0i.sub(x2i);
            FloatVector a1r = x1r.add(x3r);
            FloatVector a1i = x1i.add(x3i);
            FloatVector d1r = x1i.sub(x3i);
            FloatVector d1i = x3r.sub(x1r);
            a0r.add(a1r).intoArray(t, p + r);
            a0i.add(a1i).intoArray(t, p + i);
            FloatVector er = a0r.sub(a1r);
            FloatVector ei = a0i.sub(a1i);
            ei.fma(minusV1, er.mul(v0)).intoArray(t, p1 + r);
            ei.fma(v0, er.mul(v1)).intoArray(t, p1 + i);
            FloatVector sr = d0r.add(d1r);
            FloatVector si = d0i.add(d1i);
            si.fma(minusW1, sr.mul(w0)).intoArray(t, p2 + r);
            si.fma(w0, sr.mul(w1)).intoArray(t, p2 + i);
            FloatVector fr = d0r.sub(d1r);
            FloatVector fi = d0i.sub(d1i);
            fi.fma(minusU1, fr.mul(u0)).intoArray(t, p3 + r);
            fi.fma(u0, fr.mul(u1)).intoArray(t, p3 + i);
        }
    }

    void radixTwo(float[] t, int p, int q) {
        for (int k = 0; k < 2 * W; k += S.length()) {
            FloatVector a = FloatVector.fromArray(S, t, p + k);
            FloatVector c = FloatVector.fromArray(S, t, p + q + k);
            a.add(c).intoArray(t, p + k);
            a.sub(c).intoArray(t, p + q + k);
        }
    }

    void radixThree(float[] t, int off, int m, float[] w1re, float[] w1im, float[] w2re, float[] w2im) {
        final float c = (float) (Math.sqrt(3) / 2);
        int row = BlockFft.ROW;
        for (int j = 0; j < m; j++) {
            int p0 = off + j * row;
            int p1 = p0 + m * row;
            int p2 = p1 + m * row;
            for (int b = 0; b < W; b += S.length()) {
                int r = b;
                int i = W + b;
                FloatVector x0r = FloatVector.fromArray(S, t, p0 + r);
                FloatVector x0i = FloatVector.fromArray(S, t, p0 + i);
                FloatVector x1r = FloatVector.fromArray(S, t, p1 + r);
                FloatVector x1i = FloatVector.fromArray(S, t, p1 + i);
                FloatVector x2r = FloatVector.fromArray(S, t, p2 + r);
                FloatVector x2i = FloatVector.fromArray(S, t, p2 + i);
                FloatVector sr = x1r.add(x2r);
                FloatVector si = x1i.add(x2i);
                FloatVector rr = x1i.sub(x2i).mul(c);
                FloatVector ri = x2r.sub(x1r).mul(c);
                FloatVector hr = x0r.sub(sr.mul(0.5f));
                FloatVector hi = x0i.sub(si.mul(0.5f));
                x0r.add(sr).intoArray(t, p0 + r);
                x0i.add(si).intoArray(t, p0 + i);
                FloatVector t1r = hr.add(rr);
                FloatVector t1i = hi.add(ri);
                FloatVector t2r = hr.sub(rr);
                FloatVector t2i = hi.sub(ri);
                t1r.mul(w1re[j]).sub(t1i.mul(w1im[j])).intoArray(t, p1 + r);
                t1r.mul(w1im[j]).add(t1i.mul(w1re[j])).intoArray(t, p1 + i);
                t2r.mul(w2re[j]).sub(t2i.mul(w2im[j])).intoArray(t, p2 + r);
                t2r.mul(w2im[j]).add(t2i.mul(w2re[j])).intoArray(t, p2 + i);
            }
        }
    }

    /** {@link ReducedInversion#addRealProduct}: image[o + b] += F.re S.re + F.im S.im over one tile row. */
    void addRealProduct(float[] tile, int t, float[] screenTile, float[] image, int o) {
        for (int b = 0; b < W; b += S.length()) {
            FloatVector fr = FloatVector.fromArray(S, tile, t + b);
            FloatVector fi = FloatVector.fromArray(S, tile, t + W + b);
            FloatVector sr = FloatVector.fromArray(S, screenTile, t + b);
            FloatVector si = FloatVector.fromArray(S, screenTile, t + W + b);
            fr.fma(sr, fi.fma(si, FloatVector.fromArray(S, image, o + b))).intoArray(image, o + b);
        }
    }
}
