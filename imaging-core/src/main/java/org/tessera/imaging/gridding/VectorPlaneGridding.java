package org.tessera.imaging.gridding;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The single-precision gridding loops of {@link PlaneGridding} for the reduced inversion's compact
 * grids, in 16-lane SIMD (Vector API): one Horner sweep gives a sample's W u-taps (lanes 0..W-1),
 * its tap for this w-plane (lane 7) and its W v-taps (lanes 8..8+W-1); the u-taps times the
 * visibility, interleaved (re, im), fill one vector that is added into each of the W grid rows with
 * one multiply-add. Needs W &lt;= 7; samples whose 8 cells are not contiguous in a row (taps
 * straddling u = 0) are spread one tap at a time.
 */
final class VectorPlaneGridding {
    static final int LANES = 16;
    /** Grid cells one vector covers. */
    static final int CELLS = LANES / 2;
    static final int MAX_SUPPORT = 7;
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
    private static final int W_LANE = 7;
    private static final int V_LANE = 8;
    private static final VectorMask<Float> ODD = VectorMask.fromLong(S, 0xAAAAL);
    private static final VectorMask<Float> EVEN = VectorMask.fromLong(S, 0x5555L);
    private static final VectorMask<Float> W_ONLY = VectorMask.fromLong(S, 1L << W_LANE);
    private static final VectorMask<Float> V_HALF = VectorMask.fromLong(S, 0xFF00L);

    private final WGridPlan plan;
    private final WSortedVisibilities data;
    private final ReducedInversion layout;
    private final int support;
    private final int degree;
    /** Horner coefficients per w-tap index t and power d: {@code coeff[t][d]}, highest power first. */
    private final float[][][] coeff;
    /** Lane pairs (2q, 2q+1) read u-tap q; lanes 2W.. read the always-zero lane 15. */
    private final VectorShuffle<Float> interleave;
    /** Lane pairs (2q, 2q+1) read u-tap 7 - q (a prediction grid holds the taps in descending cells). */
    private final VectorShuffle<Float> reversed;
    private final VectorShuffle<Float> broadcastW;

    static int lanes() {
        return FloatVector.SPECIES_PREFERRED.length();
    }

    VectorPlaneGridding(WGridPlan plan, WSortedVisibilities data, ReducedInversion layout) {
        this.plan = plan;
        this.data = data;
        this.layout = layout;
        this.support = plan.kernel.support();
        if (support > MAX_SUPPORT) {
            throw new IllegalArgumentException("SIMD gridding supports W <= " + MAX_SUPPORT + ", not " + support);
        }
        double[] c = plan.kernel.polynomialCoefficients();
        degree = plan.kernel.degree();
        coeff = new float[support][degree + 1][LANES];
        for (int t = 0; t < support; t++) {
            for (int d = 0; d <= degree; d++) {
                float[] lanes = coeff[t][d];
                for (int i = 0; i < support; i++) {
                    lanes[i] = (float) c[d * support + i];
                    lanes[V_LANE + i] = (float) c[d * support + i];
                }
                lanes[W_LANE] = (float) c[d * support + t];
            }
        }
        int[] order = new int[LANES];
        for (int k = 0; k < LANES; k++) {
            order[k] = k < 2 * support ? k / 2 : LANES - 1;
        }
        interleave = VectorShuffle.fromArray(S, order, 0);
        int[] descending = new int[LANES];
        for (int k = 0; k < LANES; k++) {
            int tap = CELLS - 1 - k / 2;
            descending[k] = tap < support ? tap : LANES - 1;
        }
        reversed = VectorShuffle.fromArray(S, descending, 0);
        broadcastW = VectorShuffle.iota(S, W_LANE, 0, true);
    }

    /** As {@link PlaneGridding#gridPair}: PSF and dirty of samples [lo, hi) onto plane p. */
    void gridPair(int p, int lo, int hi, float[] vis, float[] psf, float[] gridVis, float[] gridPsf) {
        float[] taps = new float[2 * LANES];
        int[] first = new int[6];
        int[] cols = new int[support];
        for (int i = lo; i < hi; i += 2) {
            int count = Math.min(2, hi - i);
            taps(i, count, p, taps, first);
            for (int k = 0; k < count; k++) {
                spreadPair(taps, k, first, cols, i + k, vis, psf, gridVis, gridPsf);
            }
        }
    }

    private void spreadPair(float[] taps, int k, int[] first, int[] cols, int i, float[] vis, float[] psf,
                            float[] gridVis, float[] gridPsf) {
        int base = layout.vectorColumnOffset(first[3 * k]);
        if (base < 0) {
            spread(taps, k, first, cols, vis, i, gridVis);
            spread(taps, k, first, cols, psf, i, gridPsf);
            return;
        }
        FloatVector t = FloatVector.fromArray(S, taps, k * LANES);
        FloatVector u = t.rearrange(interleave).mul(t.rearrange(broadcastW));
        FloatVector dirty = u.mul(pair(vis[2 * i], vis[2 * i + 1]));
        FloatVector beam = u.mul(pair(psf[2 * i], psf[2 * i + 1]));
        int row0 = first[3 * k + 1];
        for (int b = 0; b < support; b++) {
            int o = base + layout.rowOffset(wrapRow(row0 + b));
            float kv = taps[k * LANES + V_LANE + b];
            dirty.mul(kv).add(FloatVector.fromArray(S, gridVis, o)).intoArray(gridVis, o);
            beam.mul(kv).add(FloatVector.fromArray(S, gridPsf, o)).intoArray(gridPsf, o);
        }
    }

    /** As {@link PlaneGridding#gridCompact}: one image's samples [lo, hi) onto plane p. */
    void gridSingle(int p, int lo, int hi, float[] vis, float[] grid) {
        float[] taps = new float[2 * LANES];
        int[] first = new int[6];
        int[] cols = new int[support];
        for (int i = lo; i < hi; i += 2) {
            int count = Math.min(2, hi - i);
            taps(i, count, p, taps, first);
            for (int k = 0; k < count; k++) {
                int s = i + k;
                int base = layout.vectorColumnOffset(first[3 * k]);
                if (base < 0) {
                    spread(taps, k, first, cols, vis, s, grid);
                    continue;
                }
                FloatVector t = FloatVector.fromArray(S, taps, k * LANES);
                FloatVector values = t.rearrange(interleave).mul(t.rearrange(broadcastW))
                        .mul(pair(vis[2 * s], vis[2 * s + 1]));
                int row0 = first[3 * k + 1];
                for (int b = 0; b < support; b++) {
                    int o = base + layout.rowOffset(wrapRow(row0 + b));
                    values.mul(taps[k * LANES + V_LANE + b]).add(FloatVector.fromArray(S, grid, o)).intoArray(grid, o);
                }
            }
        }
    }

    /**
     * As {@link PlaneGridding#degrid(int, int, int, float[], CompactLayout, double[])}: adds plane p's
     * contribution to the predictions of samples [lo, hi) from a prediction grid.
     */
    void degrid(int p, int lo, int hi, float[] grid, double[] accumulated) {
        float[] taps = new float[2 * LANES];
        int[] first = new int[6];
        int[] cols = new int[support];
        CompactLayout scalarLayout = layout.predictionLayout();
        for (int i = lo; i < hi; i += 2) {
            int count = Math.min(2, hi - i);
            taps(i, count, p, taps, first);
            for (int k = 0; k < count; k++) {
                int s = i + k;
                int t = k * LANES;
                float kw = taps[t + W_LANE];
                int base = layout.predictionVectorOffset(first[3 * k]);
                if (base < 0) {
                    double re = 0;
                    double im = 0;
                    scalarLayout.compactColumns(first[3 * k], cols);
                    for (int b = 0; b < support; b++) {
                        int o = layout.predictionRowOffset(wrapRow(first[3 * k + 1] + b));
                        float kv = taps[t + V_LANE + b];
                        for (int a = 0; a < support; a++) {
                            re += grid[o + cols[a]] * kv * taps[t + a];
                            im += grid[o + cols[a] + 1] * kv * taps[t + a];
                        }
                    }
                    accumulated[2 * s] += re * kw;
                    accumulated[2 * s + 1] += im * kw;
                    continue;
                }
                FloatVector u = FloatVector.fromArray(S, taps, t).rearrange(reversed);
                FloatVector sum = FloatVector.zero(S);
                for (int b = 0; b < support; b++) {
                    int o = base + layout.predictionRowOffset(wrapRow(first[3 * k + 1] + b));
                    sum = FloatVector.fromArray(S, grid, o).mul(u).mul(taps[t + V_LANE + b]).add(sum);
                }
                accumulated[2 * s] += (double) sum.reduceLanes(VectorOperators.ADD, EVEN) * kw;
                accumulated[2 * s + 1] += (double) sum.reduceLanes(VectorOperators.ADD, ODD) * kw;
            }
        }
    }

    /** Scalar spreading of sample i with its taps (slot k of {@code taps}), for columns that wrap. */
    private void spread(float[] taps, int k, int[] first, int[] cols, float[] vis, int i, float[] grid) {
        layout.compactColumns(first[3 * k], cols);
        int t = k * LANES;
        float kw = taps[t + W_LANE];
        float re = vis[2 * i] * kw;
        float im = vis[2 * i + 1] * kw;
        for (int b = 0; b < support; b++) {
            int base = layout.rowOffset(wrapRow(first[3 * k + 1] + b));
            float kv = taps[t + V_LANE + b];
            for (int a = 0; a < support; a++) {
                int c = base + cols[a];
                grid[c] += re * kv * taps[t + a];
                grid[c + 1] += im * kv * taps[t + a];
            }
        }
    }

    /**
     * The taps of samples i .. i + count - 1 (count 1 or 2) for plane p, in slots of 16 lanes of
     * {@code out}: two independent Horner chains, so their latencies overlap. For sample slot k,
     * {@code first[3k]} and {@code first[3k + 1]} get its first tap column and row.
     */
    private void taps(int i, int count, int p, float[] out, int[] first) {
        FloatVector x1 = coordinates(i, p, first, 0);
        FloatVector x2 = count > 1 ? coordinates(i + 1, p, first, 1) : x1;
        float[][] c1 = coeff[first[2]];
        float[][] c2 = coeff[count > 1 ? first[5] : first[2]];
        FloatVector r1 = FloatVector.fromArray(S, c1[0], 0);
        FloatVector r2 = FloatVector.fromArray(S, c2[0], 0);
        for (int d = 1; d <= degree; d++) {
            r1 = r1.fma(x1, FloatVector.fromArray(S, c1[d], 0));
            r2 = r2.fma(x2, FloatVector.fromArray(S, c2[d], 0));
        }
        r1.intoArray(out, 0);
        r2.intoArray(out, LANES);
    }

    /** The local kernel coordinates of sample i (u lanes, w lane, v lanes); fills slot k of {@code first}. */
    private FloatVector coordinates(int i, int p, int[] first, int k) {
        double f = data.inverseWavelength(i);
        double wc = data.wc(i, f);
        int p0 = WSortedVisibilities.firstPlaneOf(plan, wc, support);
        double uc = data.uc(i, f);
        double vc = data.vc(i, f);
        int firstU = EsKernel.firstTap(uc, support);
        int firstV = EsKernel.firstTap(vc, support);
        first[3 * k] = firstU;
        first[3 * k + 1] = firstV;
        first[3 * k + 2] = p - p0;
        float localU = (float) (2 * (firstU - uc + 0.5 * support) - 1);
        float localV = (float) (2 * (firstV - vc + 0.5 * support) - 1);
        float localW = (float) (2 * (p0 - wc + 0.5 * support) - 1);
        return FloatVector.broadcast(S, localU).blend(localW, W_ONLY).blend(localV, V_HALF);
    }

    private static FloatVector pair(float re, float im) {
        return FloatVector.broadcast(S, re).blend(im, ODD);
    }

    private int wrapRow(int row) {
        int nv = plan.nv;
        return row < 0 ? row + nv : row >= nv ? row - nv : row;
    }
}
