package org.tessera.imaging.gridding;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The single-precision gridding loops of {@link PlaneGridding} for the reduced inversion's compact
 * grids, in SIMD (Vector API) at the CPU's width ({@link GridderSpecies}: 16 or 8 float lanes). One
 * Horner sweep over a sample's 16-float tap block gives its W u-taps (lanes 0..W-1), its W v-taps
 * (lanes 8..8+W-1) and its tap for this w-plane (lane 15), lane 7 staying zero: one vector at 16
 * lanes, two at 8. The u-taps times the visibility, interleaved (re, im), fill the 2W floats of a
 * kernel row, ceil(2W / lanes) vectors, each added into the W grid rows with one multiply-add.
 * Needs W &lt;= 7; samples whose 8 cells are not contiguous in a row (taps straddling u = 0) are
 * spread one tap at a time.
 */
final class VectorPlaneGridding {
    /** Floats of one sample's taps. */
    private static final int BLOCK = 16;
    /** Grid cells a kernel row's vectors may cover (the layout keeps them contiguous). */
    static final int CELLS = BLOCK / 2;
    static final int MAX_SUPPORT = 7;
    private static final int ZERO_LANE = 7;
    private static final int V_LANE = 8;
    private static final int W_LANE = 15;
    private static final VectorSpecies<Float> S = GridderSpecies.S;
    private static final int LANES = S.length();
    /** Vectors of one tap block. */
    private static final int VECTORS = BLOCK / LANES;
    private static final VectorMask<Float> ODD = mask(0, k -> k % 2 == 1);
    /** Per vector of a tap block: its v-tap lanes and its w-tap lane. */
    @SuppressWarnings("unchecked")
    private static final VectorMask<Float>[] V_LANES = new VectorMask[VECTORS];
    @SuppressWarnings("unchecked")
    private static final VectorMask<Float>[] W_ONLY = new VectorMask[VECTORS];
    /** Spreads lane W_LANE of a block's last vector over all lanes. */
    private static final VectorShuffle<Float> BROADCAST_W = VectorShuffle.iota(S, W_LANE % LANES, 0, true);
    /**
     * Lane k reads lane k + 8, k + 4, k + 2: each fold added halves the lanes that carry a degridded
     * sum, leaving its real part in lane 0 and its imaginary part in lane 1 (cheaper than two masked
     * reductions, which C2 emits as serial chains of scalar adds).
     */
    private static final VectorShuffle<Float> FOLD_8 = VectorShuffle.iota(S, 8, 1, true);
    private static final VectorShuffle<Float> FOLD_4 = VectorShuffle.iota(S, 4, 1, true);
    private static final VectorShuffle<Float> FOLD_2 = VectorShuffle.iota(S, 2, 1, true);

    static {
        for (int j = 0; j < VECTORS; j++) {
            V_LANES[j] = mask(j, b -> b >= V_LANE && b < W_LANE);
            W_ONLY[j] = mask(j, b -> b == W_LANE);
        }
    }

    private final WGridPlan plan;
    private final WSortedVisibilities data;
    private final ReducedInversion layout;
    private final int support;
    private final int degree;
    /** Horner coefficients per w-tap index t and power d: {@code coeff[t][d]}, highest power first. */
    private final float[][][] coeff;
    /** Vectors of one kernel row's 2W floats. */
    private final int rowVectors;
    /**
     * Per vector j of a kernel row: lane pairs (2q, 2q+1) of cell q = j * LANES / 2 + q read u-tap q
     * from a block's first vector; cells from W on read the zero lane.
     */
    private final VectorShuffle<Float>[] interleave;
    /** The first vector of the 8 cells of a prediction row that holds one of the W taps. */
    private final int firstPredictionVector;
    /** As {@link #interleave}, cell q reading u-tap 7 - q (a prediction grid holds the taps in descending cells). */
    private final VectorShuffle<Float>[] reversed;

    /** The lanes the loops run at, 0 when the CPU has fewer than 8 (see {@link GridderSpecies}). */
    static int lanes() {
        return GridderSpecies.lanes();
    }

    @SuppressWarnings("unchecked")
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
        coeff = new float[support][degree + 1][BLOCK];
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
        rowVectors = (2 * support + LANES - 1) / LANES;
        firstPredictionVector = 2 * (CELLS - support) / LANES;
        interleave = new VectorShuffle[VECTORS];
        reversed = new VectorShuffle[VECTORS];
        for (int j = 0; j < VECTORS; j++) {
            int[] ascending = new int[LANES];
            int[] descending = new int[LANES];
            for (int k = 0; k < LANES; k++) {
                int q = (j * LANES + k) / 2;
                ascending[k] = q < support ? q : ZERO_LANE;
                descending[k] = CELLS - 1 - q < support ? CELLS - 1 - q : ZERO_LANE;
            }
            interleave[j] = VectorShuffle.fromArray(S, ascending, 0);
            reversed[j] = VectorShuffle.fromArray(S, descending, 0);
        }
    }

    /** As {@link PlaneGridding#gridPair}: PSF and dirty of samples [lo, hi) onto plane p. */
    void gridPair(int p, int lo, int hi, float[] vis, float[] psf, float[] gridVis, float[] gridPsf) {
        float[] taps = new float[2 * BLOCK];
        int[] first = new int[6];
        float[] local = new float[6];
        int[] cols = new int[support];
        for (int i = lo; i < hi; i += 2) {
            int count = Math.min(2, hi - i);
            taps(i, count, p, taps, first, local);
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
        int t = k * BLOCK;
        FloatVector u0 = FloatVector.fromArray(S, taps, t);
        FloatVector kw = FloatVector.fromArray(S, taps, t + BLOCK - LANES).rearrange(BROADCAST_W);
        FloatVector visPair = pair(vis[2 * i], vis[2 * i + 1]);
        FloatVector psfPair = pair(psf[2 * i], psf[2 * i + 1]);
        int row0 = first[3 * k + 1];
        for (int j = 0; j < rowVectors; j++) {
            FloatVector u = u0.rearrange(interleave[j]).mul(kw);
            FloatVector dirty = u.mul(visPair);
            FloatVector beam = u.mul(psfPair);
            int column = base + j * LANES;
            for (int b = 0; b < support; b++) {
                int o = column + layout.rowOffset(wrapRow(row0 + b));
                float kv = taps[t + V_LANE + b];
                dirty.mul(kv).add(FloatVector.fromArray(S, gridVis, o)).intoArray(gridVis, o);
                beam.mul(kv).add(FloatVector.fromArray(S, gridPsf, o)).intoArray(gridPsf, o);
            }
        }
    }

    /** As {@link PlaneGridding#gridCompact}: one image's samples [lo, hi) onto plane p. */
    void gridSingle(int p, int lo, int hi, float[] vis, float[] grid) {
        float[] taps = new float[2 * BLOCK];
        int[] first = new int[6];
        float[] local = new float[6];
        int[] cols = new int[support];
        for (int i = lo; i < hi; i += 2) {
            int count = Math.min(2, hi - i);
            taps(i, count, p, taps, first, local);
            for (int k = 0; k < count; k++) {
                int s = i + k;
                int base = layout.vectorColumnOffset(first[3 * k]);
                if (base < 0) {
                    spread(taps, k, first, cols, vis, s, grid);
                    continue;
                }
                int t = k * BLOCK;
                FloatVector u0 = FloatVector.fromArray(S, taps, t);
                FloatVector kw = FloatVector.fromArray(S, taps, t + BLOCK - LANES).rearrange(BROADCAST_W);
                FloatVector visPair = pair(vis[2 * s], vis[2 * s + 1]);
                int row0 = first[3 * k + 1];
                for (int j = 0; j < rowVectors; j++) {
                    FloatVector values = u0.rearrange(interleave[j]).mul(kw).mul(visPair);
                    int column = base + j * LANES;
                    for (int b = 0; b < support; b++) {
                        int o = column + layout.rowOffset(wrapRow(row0 + b));
                        values.mul(taps[t + V_LANE + b]).add(FloatVector.fromArray(S, grid, o)).intoArray(grid, o);
                    }
                }
            }
        }
    }

    /**
     * As {@link PlaneGridding#degrid(int, int, int, float[], CompactLayout, double[])}: adds plane p's
     * contribution to the predictions of samples [lo, hi) from a prediction grid.
     */
    void degrid(int p, int lo, int hi, float[] grid, double[] accumulated) {
        float[] taps = new float[2 * BLOCK];
        int[] first = new int[6];
        float[] local = new float[6];
        int[] cols = new int[support];
        CompactLayout scalarLayout = layout.predictionLayout();
        // the sum over the kernel rows lives in memory: C2 (JDK 17) boxes a vector carried round a loop
        float[] partial = new float[LANES];
        for (int i = lo; i < hi; i += 2) {
            int count = Math.min(2, hi - i);
            taps(i, count, p, taps, first, local);
            for (int k = 0; k < count; k++) {
                int s = i + k;
                int t = k * BLOCK;
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
                FloatVector u0 = FloatVector.fromArray(S, taps, t);
                FloatVector.zero(S).intoArray(partial, 0);
                for (int j = firstPredictionVector; j < VECTORS; j++) {
                    FloatVector u = u0.rearrange(reversed[j]);
                    int column = base + j * LANES;
                    for (int b = 0; b < support; b++) {
                        int o = column + layout.predictionRowOffset(wrapRow(first[3 * k + 1] + b));
                        FloatVector.fromArray(S, grid, o).mul(u).mul(taps[t + V_LANE + b])
                                .add(FloatVector.fromArray(S, partial, 0)).intoArray(partial, 0);
                    }
                }
                FloatVector sum = FloatVector.fromArray(S, partial, 0);
                if (LANES == 16) {
                    sum = sum.add(sum.rearrange(FOLD_8));
                }
                sum = sum.add(sum.rearrange(FOLD_4));
                sum = sum.add(sum.rearrange(FOLD_2));
                accumulated[2 * s] += (double) sum.lane(0) * kw;
                accumulated[2 * s + 1] += (double) sum.lane(1) * kw;
            }
        }
    }

    /** Scalar spreading of sample i with its taps (slot k of {@code taps}), for columns that wrap. */
    private void spread(float[] taps, int k, int[] first, int[] cols, float[] vis, int i, float[] grid) {
        layout.compactColumns(first[3 * k], cols);
        int t = k * BLOCK;
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
     * The taps of samples i .. i + count - 1 (count 1 or 2) for plane p, in 16-float slots of
     * {@code out}: per block vector, two independent Horner chains, so their latencies overlap. For
     * sample slot k, {@code first[3k]} and {@code first[3k + 1]} get its first tap column and row.
     */
    private void taps(int i, int count, int p, float[] out, int[] first, float[] local) {
        coordinates(i, p, first, local, 0);
        if (count > 1) {
            coordinates(i + 1, p, first, local, 1);
        } else {
            System.arraycopy(local, 0, local, 3, 3);
            first[5] = first[2];
        }
        float[][] c1 = coeff[first[2]];
        float[][] c2 = coeff[first[5]];
        for (int j = 0; j < VECTORS; j++) {
            int lane = j * LANES;
            FloatVector x1 = point(local, 0, j);
            FloatVector x2 = point(local, 3, j);
            FloatVector r1 = FloatVector.fromArray(S, c1[0], lane);
            FloatVector r2 = FloatVector.fromArray(S, c2[0], lane);
            for (int d = 1; d <= degree; d++) {
                r1 = r1.fma(x1, FloatVector.fromArray(S, c1[d], lane));
                r2 = r2.fma(x2, FloatVector.fromArray(S, c2[d], lane));
            }
            r1.intoArray(out, lane);
            r2.intoArray(out, BLOCK + lane);
        }
    }

    /** Vector j of a block's kernel coordinates (u lanes, v lanes, w lane) from {@code local[at..at+2]}. */
    private static FloatVector point(float[] local, int at, int j) {
        return FloatVector.broadcast(S, local[at]).blend(local[at + 1], V_LANES[j]).blend(local[at + 2], W_ONLY[j]);
    }

    /**
     * The local kernel coordinates u, v, w of sample i into slot k of {@code local}; its first tap
     * column, row and w-tap index into slot k of {@code first}.
     */
    private void coordinates(int i, int p, int[] first, float[] local, int k) {
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
        local[3 * k] = (float) (2 * (firstU - uc + 0.5 * support) - 1);
        local[3 * k + 1] = (float) (2 * (firstV - vc + 0.5 * support) - 1);
        local[3 * k + 2] = (float) (2 * (p0 - wc + 0.5 * support) - 1);
    }

    private static FloatVector pair(float re, float im) {
        return FloatVector.broadcast(S, re).blend(im, ODD);
    }

    /** The mask of lanes k of block vector j whose block lane j * LANES + k passes {@code lane}. */
    private static VectorMask<Float> mask(int j, java.util.function.IntPredicate lane) {
        boolean[] set = new boolean[LANES];
        for (int k = 0; k < LANES; k++) {
            set[k] = lane.test(j * LANES + k);
        }
        return VectorMask.fromArray(S, set, 0);
    }

    private int wrapRow(int row) {
        int nv = plan.nv;
        return row < 0 ? row + nv : row >= nv ? row - nv : row;
    }
}
