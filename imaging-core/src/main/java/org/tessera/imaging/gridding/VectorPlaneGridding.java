package org.tessera.imaging.gridding;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
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
        broadcastW = VectorShuffle.iota(S, W_LANE, 0, true);
    }

    /** As {@link PlaneGridding#gridPair}: PSF and dirty of samples [lo, hi) onto plane p. */
    void gridPair(int p, int lo, int hi, float[] vis, float[] psf, float[] gridVis, float[] gridPsf) {
        float[] taps = new float[LANES];
        int[] first = new int[2];
        int[] cols = new int[support];
        for (int i = lo; i < hi; i++) {
            FloatVector k = taps(i, p, taps, first);
            int base = layout.vectorColumnOffset(first[0]);
            if (base < 0) {
                spread(taps, first, cols, vis, i, gridVis);
                spread(taps, first, cols, psf, i, gridPsf);
                continue;
            }
            FloatVector u = k.rearrange(interleave);
            FloatVector kw = k.rearrange(broadcastW);
            FloatVector dirty = u.mul(pair(vis[2 * i], vis[2 * i + 1])).mul(kw);
            FloatVector beam = u.mul(pair(psf[2 * i], psf[2 * i + 1])).mul(kw);
            for (int b = 0; b < support; b++) {
                int o = base + layout.rowOffset(wrapRow(first[1] + b));
                float kv = taps[V_LANE + b];
                dirty.mul(kv).add(FloatVector.fromArray(S, gridVis, o)).intoArray(gridVis, o);
                beam.mul(kv).add(FloatVector.fromArray(S, gridPsf, o)).intoArray(gridPsf, o);
            }
        }
    }

    /** As {@link PlaneGridding#gridCompact}: one image's samples [lo, hi) onto plane p. */
    void gridSingle(int p, int lo, int hi, float[] vis, float[] grid) {
        float[] taps = new float[LANES];
        int[] first = new int[2];
        int[] cols = new int[support];
        for (int i = lo; i < hi; i++) {
            FloatVector k = taps(i, p, taps, first);
            int base = layout.vectorColumnOffset(first[0]);
            if (base < 0) {
                spread(taps, first, cols, vis, i, grid);
                continue;
            }
            FloatVector values = k.rearrange(interleave).mul(pair(vis[2 * i], vis[2 * i + 1]))
                    .mul(k.rearrange(broadcastW));
            for (int b = 0; b < support; b++) {
                int o = base + layout.rowOffset(wrapRow(first[1] + b));
                values.mul(taps[V_LANE + b]).add(FloatVector.fromArray(S, grid, o)).intoArray(grid, o);
            }
        }
    }

    /** Scalar spreading of sample i with the taps in {@code taps}, for columns that wrap. */
    private void spread(float[] taps, int[] first, int[] cols, float[] vis, int i, float[] grid) {
        layout.compactColumns(first[0], cols);
        float kw = taps[W_LANE];
        float re = vis[2 * i] * kw;
        float im = vis[2 * i + 1] * kw;
        for (int b = 0; b < support; b++) {
            int base = layout.rowOffset(wrapRow(first[1] + b));
            float kv = taps[V_LANE + b];
            for (int a = 0; a < support; a++) {
                int k = base + cols[a];
                grid[k] += re * kv * taps[a];
                grid[k + 1] += im * kv * taps[a];
            }
        }
    }

    /** All taps of sample i for plane p in one vector (also stored in {@code out}); first tap column and row in {@code first}. */
    private FloatVector taps(int i, int p, float[] out, int[] first) {
        double f = data.inverseWavelength(i);
        double wc = data.wc(i, f);
        int p0 = WSortedVisibilities.firstPlaneOf(plan, wc, support);
        double uc = data.uc(i, f);
        double vc = data.vc(i, f);
        int firstU = EsKernel.firstTap(uc, support);
        int firstV = EsKernel.firstTap(vc, support);
        first[0] = firstU;
        first[1] = firstV;
        float localU = (float) (2 * (firstU - uc + 0.5 * support) - 1);
        float localV = (float) (2 * (firstV - vc + 0.5 * support) - 1);
        float localW = (float) (2 * (p0 - wc + 0.5 * support) - 1);
        FloatVector x = FloatVector.broadcast(S, localU)
                .blend(localW, W_ONLY)
                .blend(localV, V_HALF);
        float[][] c = coeff[p - p0];
        FloatVector r = FloatVector.fromArray(S, c[0], 0);
        for (int d = 1; d <= degree; d++) {
            r = r.fma(x, FloatVector.fromArray(S, c[d], 0));
        }
        r.intoArray(out, 0);
        return r;
    }

    private static FloatVector pair(float re, float im) {
        return FloatVector.broadcast(S, re).blend(im, ODD);
    }

    private int wrapRow(int row) {
        int nv = plan.nv;
        return row < 0 ? row + nv : row >= nv ? row - nv : row;
    }
}
