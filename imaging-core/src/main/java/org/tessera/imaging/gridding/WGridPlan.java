package org.tessera.imaging.gridding;

import java.util.List;
import org.tessera.imaging.ImageGeometry;

/**
 * The layout of one w-gridding run: kernel, oversampled uv-grid size and the w-planes.
 *
 * <p>Improved w-stacking (Ye et al. 2022): the w-term exp(-2 pi i w (n-1)) is written with
 * t = n - 1 + nShift, centred on zero over the image, so |t| <= tMax. Planes are spaced
 * dw = 1/(2 sigma tMax) apart (the same oversampling as in u and v) and visibilities are
 * spread over W planes with the same ES kernel; the residual factor 1/phi-hat(t dw) is
 * divided out in the image. All w are made non-negative beforehand by conjugation.
 */
public final class WGridPlan {
    final EsKernel kernel;
    final int nu;
    final int nv;
    /** Shift making t = n - 1 + nShift symmetric about zero. */
    final double nShift;
    final double dw;
    final double w0;
    final int planes;
    /** The reduced inversion of single-precision runs; null: transform at the full grid size. */
    final ReducedSize reduced;

    /**
     * Grid sizes of the reduced inversion (see {@link ReducedInversion}): the planes are transformed at
     * mu x mv, which samples the whole period of the nu x nv grid at a coarser spacing; the data lie
     * within reachU columns and reachV rows of the origin; the window's edge value sets its band.
     */
    record ReducedSize(int mu, int mv, int reachU, int reachV, double windowEdge) {
    }

    private WGridPlan(EsKernel kernel, int nu, int nv, double nShift, double dw, double w0, int planes,
                      ReducedSize reduced) {
        this.kernel = kernel;
        this.nu = nu;
        this.nv = nv;
        this.nShift = nShift;
        this.dw = dw;
        this.w0 = w0;
        this.planes = planes;
        this.reduced = reduced;
    }

    public EsKernel kernel() {
        return kernel;
    }

    public int gridWidth() {
        return nu;
    }

    public int gridHeight() {
        return nv;
    }

    public int planes() {
        return planes;
    }

    public double planeSpacing() {
        return dw;
    }

    /** w (wavelengths) at plane coordinate {@code plane}: w0 + plane * dw (plane p of the stack at p). */
    public double planeW(double plane) {
        return w0 + plane * dw;
    }

    /** The shift in t = n - 1 + nShift: the visibilities carry exp(+2 pi i w nShift), a prediction undoes it. */
    public double nShift() {
        return nShift;
    }

    /**
     * First of the W w-planes touched by a sample at plane coordinate {@code wc} = (w - w0) / dw,
     * kept inside the plane stack, as the CPU gridder computes it.
     */
    public int firstPlane(double wc) {
        return WSortedVisibilities.firstPlaneOf(this, wc, kernel.support());
    }

    /**
     * The w-planes that samples with |w| in the range reach, kernel support included: the planes a
     * gridder transforms for that data on this plan (it skips the planes no sample reaches).
     */
    public int planesReached(WRange range) {
        if (!range.hasSamples()) {
            return 0;
        }
        int support = kernel.support();
        int first = firstPlane((range.wMin() - w0) / dw);
        int last = firstPlane((range.wMax() - w0) / dw) + support - 1;
        return last - first + 1;
    }

    /** n - 1 for direction cosines with l^2 + m^2 = r2, in a form accurate near the centre. */
    static double nMinusOne(double r2) {
        return -r2 / (Math.sqrt(1 - r2) + 1);
    }

    /** Largest l^2 + m^2 over the image pixels (capped at the horizon). */
    static double maxRadiusSquared(ImageGeometry g) {
        double lx = (g.width() / 2) * g.cellRad();
        double my = (g.height() / 2) * g.cellRad();
        return Math.min(1.0, lx * lx + my * my);
    }

    /**
     * Chooses kernel and grid for data of the given extent, minimising an estimate of gridding plus
     * FFT time. It depends on nothing else, so every partition given the merged range of the whole
     * data set gets the same plan.
     */
    public static WGridPlan forRange(GridderSettings s, WRange range) {
        ImageGeometry g = s.geometry();
        double nm1Min = nMinusOne(maxRadiusSquared(g));
        // the centre pixel always exists, so n - 1 spans [nm1Min, 0]
        double nShift = -0.5 * nm1Min;
        double tMax = Math.max(-0.5 * nm1Min, 1e-12);
        double wMin = range.hasSamples() ? range.wMin() : 0;
        double wMax = range.hasSamples() ? range.wMax() : 0;
        long visibilities = range.samples();
        List<EsKernelTable.Entry> candidates = EsKernelTable.candidates(s.epsilon(), s.singlePrecision());
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("no gridding kernel reaches epsilon " + s.epsilon()
                    + (s.singlePrecision() ? " in single precision" : ""));
        }
        WGridPlan best = null;
        double bestCost = Double.POSITIVE_INFINITY;
        for (EsKernelTable.Entry e : candidates) {
            WGridPlan plan = layout(s, range, e, nShift, tMax, wMin, wMax);
            double[] parts = plan.costs(g, visibilities);
            double cost = (parts[0] + parts[1]) / s.threads();
            if (cost < bestCost) {
                bestCost = cost;
                best = plan;
            }
        }
        return best;
    }

    private static WGridPlan layout(GridderSettings s, WRange range, EsKernelTable.Entry e, double nShift,
                                    double tMax, double wMin, double wMax) {
        ImageGeometry g = s.geometry();
        EsKernel kernel = new EsKernel(e);
        WGridPlan full = full(g, kernel, gridSize(g.width(), e.oversampling()), gridSize(g.height(), e.oversampling()),
                nShift, tMax, wMin, wMax);
        ReducedSize reduced = s.singlePrecision() && range.hasSamples() && range.knowsUvExtent()
                ? ReducedInversion.size(g, full, range) : null;
        if (reduced != null) {
            return new WGridPlan(kernel, full.nu, full.nv, nShift, full.dw, full.w0, full.planes, reduced);
        }
        // planes transformed at full size: lengths the blocked SIMD transform takes (2^k, 3 * 2^k)
        return full(g, kernel, BlockFft.fastLength(full.nu), BlockFft.fastLength(full.nv), nShift, tMax, wMin, wMax);
    }

    /** The full-size plan on an nu x nv grid: w-planes as far apart as its oversampling allows. */
    private static WGridPlan full(ImageGeometry g, EsKernel kernel, int nu, int nv, double nShift, double tMax,
                                  double wMin, double wMax) {
        double sigma = Math.min((double) nu / g.width(), (double) nv / g.height());
        double dw = 0.5 / (sigma * tMax);
        int planes = (int) Math.ceil((wMax - wMin) / dw) + kernel.support();
        double w0 = 0.5 * (wMin + wMax) - 0.5 * (planes - 1) * dw;
        return new WGridPlan(kernel, nu, nv, nShift, dw, w0, planes, null);
    }

    /**
     * Rough seconds of {@code visibilities} samples on this plan, as measured on this
     * implementation: {@code [gridding, plane transforms and w-screens]}.
     */
    private double[] costs(ImageGeometry g, long visibilities) {
        double transformed = reduced != null ? (double) reduced.mu * reduced.mv : (double) nu * nv;
        double imaged = reduced != null ? transformed : (double) g.width() * g.height();
        double fft = 2e-9 * planes * transformed * Math.log(transformed) / Math.log(2);
        double screen = 1e-8 * planes * imaged;
        double grid = 8e-9 * visibilities * Math.pow(kernel.support(), 3);
        return new double[] {grid, fft + screen};
    }

    /**
     * The share of gridding in the estimated work of {@code visibilities} samples on this plan
     * (the rest: transforming the w-planes): how a split along w balances samples against planes.
     */
    public double griddingShare(ImageGeometry g, long visibilities) {
        double[] c = costs(g, visibilities);
        return c[0] / (c[0] + c[1]);
    }

    /** Even FFT-friendly size (factors 2, 3, 5) of at least n * sigma, and at least 16. */
    static int gridSize(int n, double sigma) {
        int target = Math.max(16, (int) Math.ceil(n * sigma));
        for (int m = target; ; m++) {
            if (m % 2 == 0 && smooth(m)) {
                return m;
            }
        }
    }

    private static boolean smooth(int m) {
        for (int f : new int[] {2, 3, 5}) {
            while (m % f == 0) {
                m /= f;
            }
        }
        return m == 1;
    }
}
