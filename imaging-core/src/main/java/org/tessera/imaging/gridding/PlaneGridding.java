package org.tessera.imaging.gridding;

/**
 * The inner loops: spreading samples onto one w-plane's uv grid and reading them back, with the
 * separable ES kernel phi(u) phi(v) phi(w). Full-size grids are row-major in v, interleaved
 * (re, im); compact grids follow a {@link CompactLayout}. Scratch is per call, so one instance
 * serves all threads.
 */
final class PlaneGridding {
    private final WGridPlan plan;
    private final WSortedVisibilities data;
    private final EsKernel kernel;
    private final int support;

    PlaneGridding(WGridPlan plan, WSortedVisibilities data) {
        this.plan = plan;
        this.data = data;
        this.kernel = plan.kernel;
        this.support = kernel.support();
    }

    /** One sample's kernel on one plane: first tap column and row, the u, v and w taps. */
    private final class SampleTaps {
        final double[] ku = new double[support];
        final double[] kv = new double[support];
        final float[] kuf = new float[support];
        final int[] cols = new int[support];
        int u0;
        int v0;
        double kw;

        void of(int i, int p) {
            double f = data.inverseWavelength(i);
            double wc = data.wc(i, f);
            int p0 = WSortedVisibilities.firstPlaneOf(plan, wc, support);
            kw = kernel.tap(wc, p0, p - p0);
            double uc = data.uc(i, f);
            double vc = data.vc(i, f);
            u0 = EsKernel.firstTap(uc, support);
            v0 = EsKernel.firstTap(vc, support);
            kernel.tapsUV(uc, u0, vc, v0, kuf, ku, kv);
        }

        /** Fine grid row of tap b, wrapped into [0, nv). */
        int row(int b) {
            int row = v0 + b;
            int nv = plan.nv;
            return row < 0 ? row + nv : row >= nv ? row - nv : row;
        }

        /** Interleaved offsets of the tap columns in a full-size grid. */
        int[] fullColumns() {
            int nu = plan.nu;
            for (int a = 0; a < support; a++) {
                int c = u0 + a;
                cols[a] = 2 * (c < 0 ? c + nu : c >= nu ? c - nu : c);
            }
            return cols;
        }
    }

    /** Grids samples [lo, hi) of {@code vis} (interleaved, double) onto plane p of {@code grid}. */
    void grid(int p, int lo, int hi, double[] vis, double[] grid) {
        SampleTaps t = new SampleTaps();
        for (int i = lo; i < hi; i++) {
            t.of(i, p);
            double re = vis[2 * i] * t.kw;
            double im = vis[2 * i + 1] * t.kw;
            int[] cols = t.fullColumns();
            for (int b = 0; b < support; b++) {
                int base = 2 * t.row(b) * plan.nu;
                double vr = re * t.kv[b];
                double vi = im * t.kv[b];
                for (int a = 0; a < support; a++) {
                    int k = base + cols[a];
                    grid[k] += vr * t.ku[a];
                    grid[k + 1] += vi * t.ku[a];
                }
            }
        }
    }

    /** Single-precision variant: float visibilities onto a float grid, taps in double. */
    void grid(int p, int lo, int hi, float[] vis, float[] grid) {
        SampleTaps t = new SampleTaps();
        for (int i = lo; i < hi; i++) {
            t.of(i, p);
            double re = vis[2 * i] * t.kw;
            double im = vis[2 * i + 1] * t.kw;
            int[] cols = t.fullColumns();
            for (int b = 0; b < support; b++) {
                int base = 2 * t.row(b) * plan.nu;
                float vr = (float) (re * t.kv[b]);
                float vi = (float) (im * t.kv[b]);
                for (int a = 0; a < support; a++) {
                    int k = base + cols[a];
                    grid[k] += vr * t.kuf[a];
                    grid[k + 1] += vi * t.kuf[a];
                }
            }
        }
    }

    /**
     * PSF and dirty in one pass: each sample's taps are evaluated once and spread into two float
     * grids in a compact layout (data columns only).
     */
    void gridPair(int p, int lo, int hi, float[] vis, float[] psf, float[] gridVis, float[] gridPsf,
                  CompactLayout layout) {
        SampleTaps t = new SampleTaps();
        for (int i = lo; i < hi; i++) {
            t.of(i, p);
            double re = vis[2 * i] * t.kw;
            double im = vis[2 * i + 1] * t.kw;
            double pre = psf[2 * i] * t.kw;
            double pim = psf[2 * i + 1] * t.kw;
            layout.compactColumns(t.u0, t.cols);
            for (int b = 0; b < support; b++) {
                int base = layout.rowOffset(t.row(b));
                float vr = (float) (re * t.kv[b]);
                float vi = (float) (im * t.kv[b]);
                float pr = (float) (pre * t.kv[b]);
                float pi = (float) (pim * t.kv[b]);
                for (int a = 0; a < support; a++) {
                    int k = base + t.cols[a];
                    float ku = t.kuf[a];
                    gridVis[k] += vr * ku;
                    gridVis[k + 1] += vi * ku;
                    gridPsf[k] += pr * ku;
                    gridPsf[k + 1] += pi * ku;
                }
            }
        }
    }

    /** One float grid in a compact layout: as {@link #gridPair} for a single image. */
    void gridCompact(int p, int lo, int hi, float[] vis, float[] grid, CompactLayout layout) {
        SampleTaps t = new SampleTaps();
        for (int i = lo; i < hi; i++) {
            t.of(i, p);
            double re = vis[2 * i] * t.kw;
            double im = vis[2 * i + 1] * t.kw;
            layout.compactColumns(t.u0, t.cols);
            for (int b = 0; b < support; b++) {
                int base = layout.rowOffset(t.row(b));
                float vr = (float) (re * t.kv[b]);
                float vi = (float) (im * t.kv[b]);
                for (int a = 0; a < support; a++) {
                    int k = base + t.cols[a];
                    grid[k] += vr * t.kuf[a];
                    grid[k + 1] += vi * t.kuf[a];
                }
            }
        }
    }

    /** Adds plane p's contribution to the predictions of samples [lo, hi). */
    void degrid(int p, int lo, int hi, double[] grid, double[] accumulated) {
        SampleTaps t = new SampleTaps();
        for (int i = lo; i < hi; i++) {
            t.of(i, p);
            int[] cols = t.fullColumns();
            double re = 0;
            double im = 0;
            for (int b = 0; b < support; b++) {
                int base = 2 * t.row(b) * plan.nu;
                double rr = 0;
                double ri = 0;
                for (int a = 0; a < support; a++) {
                    int k = base + cols[a];
                    rr += grid[k] * t.ku[a];
                    ri += grid[k + 1] * t.ku[a];
                }
                re += rr * t.kv[b];
                im += ri * t.kv[b];
            }
            accumulated[2 * i] += re * t.kw;
            accumulated[2 * i + 1] += im * t.kw;
        }
    }

    /** Float-grid variant of {@link #degrid} for a grid in the given layout. */
    void degrid(int p, int lo, int hi, float[] grid, CompactLayout layout, double[] accumulated) {
        SampleTaps t = new SampleTaps();
        for (int i = lo; i < hi; i++) {
            t.of(i, p);
            layout.compactColumns(t.u0, t.cols);
            double re = 0;
            double im = 0;
            for (int b = 0; b < support; b++) {
                int base = layout.rowOffset(t.row(b));
                float rr = 0;
                float ri = 0;
                for (int a = 0; a < support; a++) {
                    int k = base + t.cols[a];
                    rr += grid[k] * t.kuf[a];
                    ri += grid[k + 1] * t.kuf[a];
                }
                re += rr * t.kv[b];
                im += ri * t.kv[b];
            }
            accumulated[2 * i] += re * t.kw;
            accumulated[2 * i + 1] += im * t.kw;
        }
    }
}
