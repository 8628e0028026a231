package org.tessera.imaging.gridding;

/**
 * The inner loops: spreading samples onto one w-plane's uv grid and reading them back, with the
 * separable ES kernel phi(u) phi(v) phi(w). Grids are row-major in v, interleaved (re, im).
 * Scratch arrays are per call, so one instance serves all threads.
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

    /** Grids samples [lo, hi) of {@code vis} (interleaved, double) onto plane p of {@code grid}. */
    void grid(int p, int lo, int hi, double[] vis, double[] grid) {
        int w = support;
        int nu = plan.nu;
        int nv = plan.nv;
        double[] ku = new double[w];
        double[] kv = new double[w];
        int[] cols = new int[w];
        for (int i = lo; i < hi; i++) {
            double f = data.inverseWavelength(i);
            double wc = data.wc(i, f);
            int p0 = WSortedVisibilities.firstPlaneOf(plan, wc, w);
            double kw = kernel.tap(wc, p0, p - p0);
            double re = vis[2 * i] * kw;
            double im = vis[2 * i + 1] * kw;
            double uc = data.uc(i, f);
            double vc = data.vc(i, f);
            int u0 = EsKernel.firstTap(uc, w);
            int v0 = EsKernel.firstTap(vc, w);
            kernel.taps(uc, u0, ku);
            kernel.taps(vc, v0, kv);
            columns(u0, nu, cols);
            for (int b = 0; b < w; b++) {
                int row = v0 + b;
                row = row < 0 ? row + nv : row >= nv ? row - nv : row;
                int base = 2 * row * nu;
                double vr = re * kv[b];
                double vi = im * kv[b];
                for (int a = 0; a < w; a++) {
                    int k = base + cols[a];
                    grid[k] += vr * ku[a];
                    grid[k + 1] += vi * ku[a];
                }
            }
        }
    }

    /** Single-precision variant: float visibilities onto a float grid, taps in double. */
    void grid(int p, int lo, int hi, float[] vis, float[] grid) {
        int w = support;
        int nu = plan.nu;
        int nv = plan.nv;
        double[] ku = new double[w];
        double[] kv = new double[w];
        float[] kuf = new float[w];
        int[] cols = new int[w];
        for (int i = lo; i < hi; i++) {
            double f = data.inverseWavelength(i);
            double wc = data.wc(i, f);
            int p0 = WSortedVisibilities.firstPlaneOf(plan, wc, w);
            double kw = kernel.tap(wc, p0, p - p0);
            double re = vis[2 * i] * kw;
            double im = vis[2 * i + 1] * kw;
            double uc = data.uc(i, f);
            double vc = data.vc(i, f);
            int u0 = EsKernel.firstTap(uc, w);
            int v0 = EsKernel.firstTap(vc, w);
            kernel.taps(uc, u0, kuf, ku);
            kernel.taps(vc, v0, kv);
            columns(u0, nu, cols);
            for (int b = 0; b < w; b++) {
                int row = v0 + b;
                row = row < 0 ? row + nv : row >= nv ? row - nv : row;
                int base = 2 * row * nu;
                float vr = (float) (re * kv[b]);
                float vi = (float) (im * kv[b]);
                for (int a = 0; a < w; a++) {
                    int k = base + cols[a];
                    grid[k] += vr * kuf[a];
                    grid[k + 1] += vi * kuf[a];
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
        int w = support;
        int nv = plan.nv;
        double[] ku = new double[w];
        double[] kv = new double[w];
        float[] kuf = new float[w];
        int[] cols = new int[w];
        for (int i = lo; i < hi; i++) {
            double f = data.inverseWavelength(i);
            double wc = data.wc(i, f);
            int p0 = WSortedVisibilities.firstPlaneOf(plan, wc, w);
            double kw = kernel.tap(wc, p0, p - p0);
            double re = vis[2 * i] * kw;
            double im = vis[2 * i + 1] * kw;
            double pre = psf[2 * i] * kw;
            double pim = psf[2 * i + 1] * kw;
            double uc = data.uc(i, f);
            double vc = data.vc(i, f);
            int u0 = EsKernel.firstTap(uc, w);
            int v0 = EsKernel.firstTap(vc, w);
            kernel.tapsUV(uc, u0, vc, v0, kuf, ku, kv);
            layout.compactColumns(u0, cols);
            for (int b = 0; b < w; b++) {
                int row = v0 + b;
                row = row < 0 ? row + nv : row >= nv ? row - nv : row;
                int base = layout.rowOffset(row);
                float vr = (float) (re * kv[b]);
                float vi = (float) (im * kv[b]);
                float pr = (float) (pre * kv[b]);
                float pi = (float) (pim * kv[b]);
                for (int a = 0; a < w; a++) {
                    int k = base + cols[a];
                    float t = kuf[a];
                    gridVis[k] += vr * t;
                    gridVis[k + 1] += vi * t;
                    gridPsf[k] += pr * t;
                    gridPsf[k + 1] += pi * t;
                }
            }
        }
    }

    /** One float grid in a compact layout: as {@link #gridPair} for a single image. */
    void gridCompact(int p, int lo, int hi, float[] vis, float[] grid, CompactLayout layout) {
        int w = support;
        int nv = plan.nv;
        double[] ku = new double[w];
        double[] kv = new double[w];
        float[] kuf = new float[w];
        int[] cols = new int[w];
        for (int i = lo; i < hi; i++) {
            double f = data.inverseWavelength(i);
            double wc = data.wc(i, f);
            int p0 = WSortedVisibilities.firstPlaneOf(plan, wc, w);
            double kw = kernel.tap(wc, p0, p - p0);
            double re = vis[2 * i] * kw;
            double im = vis[2 * i + 1] * kw;
            double uc = data.uc(i, f);
            double vc = data.vc(i, f);
            int u0 = EsKernel.firstTap(uc, w);
            int v0 = EsKernel.firstTap(vc, w);
            kernel.tapsUV(uc, u0, vc, v0, kuf, ku, kv);
            layout.compactColumns(u0, cols);
            for (int b = 0; b < w; b++) {
                int row = v0 + b;
                row = row < 0 ? row + nv : row >= nv ? row - nv : row;
                int base = layout.rowOffset(row);
                float vr = (float) (re * kv[b]);
                float vi = (float) (im * kv[b]);
                for (int a = 0; a < w; a++) {
                    int k = base + cols[a];
                    grid[k] += vr * kuf[a];
                    grid[k + 1] += vi * kuf[a];
                }
            }
        }
    }

    /** Interleaved offsets 2*column of the W columns from u0, wrapped into [0, nu). */
    private static void columns(int u0, int nu, int[] cols) {
        for (int a = 0; a < cols.length; a++) {
            int c = u0 + a;
            cols[a] = 2 * (c < 0 ? c + nu : c >= nu ? c - nu : c);
        }
    }

    /** Adds plane p's contribution to the predictions of samples [lo, hi). */
    void degrid(int p, int lo, int hi, double[] grid, double[] accumulated) {
        int w = support;
        int nu = plan.nu;
        int nv = plan.nv;
        double[] ku = new double[w];
        double[] kv = new double[w];
        int[] cols = new int[w];
        for (int i = lo; i < hi; i++) {
            double f = data.inverseWavelength(i);
            double wc = data.wc(i, f);
            int p0 = WSortedVisibilities.firstPlaneOf(plan, wc, w);
            double kw = kernel.tap(wc, p0, p - p0);
            double uc = data.uc(i, f);
            double vc = data.vc(i, f);
            int u0 = EsKernel.firstTap(uc, w);
            int v0 = EsKernel.firstTap(vc, w);
            kernel.taps(uc, u0, ku);
            kernel.taps(vc, v0, kv);
            for (int a = 0; a < w; a++) {
                int c = u0 + a;
                cols[a] = 2 * (c < 0 ? c + nu : c >= nu ? c - nu : c);
            }
            double re = 0;
            double im = 0;
            for (int b = 0; b < w; b++) {
                int row = v0 + b;
                row = row < 0 ? row + nv : row >= nv ? row - nv : row;
                int base = 2 * row * nu;
                double rr = 0;
                double ri = 0;
                for (int a = 0; a < w; a++) {
                    int k = base + cols[a];
                    rr += grid[k] * ku[a];
                    ri += grid[k + 1] * ku[a];
                }
                re += rr * kv[b];
                im += ri * kv[b];
            }
            accumulated[2 * i] += re * kw;
            accumulated[2 * i + 1] += im * kw;
        }
    }

    /** Float-grid variant of {@link #degrid} for a grid in the given layout. */
    void degrid(int p, int lo, int hi, float[] grid, CompactLayout layout, double[] accumulated) {
        int w = support;
        int nv = plan.nv;
        double[] ku = new double[w];
        double[] kv = new double[w];
        float[] kuf = new float[w];
        int[] cols = new int[w];
        for (int i = lo; i < hi; i++) {
            double f = data.inverseWavelength(i);
            double wc = data.wc(i, f);
            int p0 = WSortedVisibilities.firstPlaneOf(plan, wc, w);
            double kw = kernel.tap(wc, p0, p - p0);
            double uc = data.uc(i, f);
            double vc = data.vc(i, f);
            int u0 = EsKernel.firstTap(uc, w);
            int v0 = EsKernel.firstTap(vc, w);
            kernel.tapsUV(uc, u0, vc, v0, kuf, ku, kv);
            layout.compactColumns(u0, cols);
            double re = 0;
            double im = 0;
            for (int b = 0; b < w; b++) {
                int row = v0 + b;
                row = row < 0 ? row + nv : row >= nv ? row - nv : row;
                int base = layout.rowOffset(row);
                float rr = 0;
                float ri = 0;
                for (int a = 0; a < w; a++) {
                    int k = base + cols[a];
                    rr += grid[k] * kuf[a];
                    ri += grid[k + 1] * kuf[a];
                }
                re += rr * kv[b];
                im += ri * kv[b];
            }
            accumulated[2 * i] += re * kw;
            accumulated[2 * i + 1] += im * kw;
        }
    }
}
