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

    private WGridPlan(EsKernel kernel, int nu, int nv, double nShift, double dw, double w0, int planes) {
        this.kernel = kernel;
        this.nu = nu;
        this.nv = nv;
        this.nShift = nShift;
        this.dw = dw;
        this.w0 = w0;
        this.planes = planes;
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
        EsKernelTable.Entry best = null;
        double bestCost = Double.POSITIVE_INFINITY;
        for (EsKernelTable.Entry e : candidates) {
            int nu = gridSize(g.width(), e.oversampling());
            int nv = gridSize(g.height(), e.oversampling());
            double sigma = Math.min((double) nu / g.width(), (double) nv / g.height());
            double dw = 0.5 / (sigma * tMax);
            double planes = Math.ceil((wMax - wMin) / dw) + e.support();
            double cells = (double) nu * nv;
            // rough seconds per unit of work, measured on this implementation
            double fft = 2e-9 * planes * cells * Math.log(cells) / Math.log(2);
            double screen = 1e-8 * planes * g.width() * (double) g.height();
            double grid = 8e-9 * visibilities * Math.pow(e.support(), 3);
            double cost = (fft + screen + grid) / s.threads();
            if (cost < bestCost) {
                bestCost = cost;
                best = e;
            }
        }
        EsKernel kernel = new EsKernel(best);
        int nu = gridSize(g.width(), best.oversampling());
        int nv = gridSize(g.height(), best.oversampling());
        double sigma = Math.min((double) nu / g.width(), (double) nv / g.height());
        double dw = 0.5 / (sigma * tMax);
        int planes = (int) Math.ceil((wMax - wMin) / dw) + kernel.support();
        double w0 = 0.5 * (wMin + wMax) - 0.5 * (planes - 1) * dw;
        return new WGridPlan(kernel, nu, nv, nShift, dw, w0, planes);
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
