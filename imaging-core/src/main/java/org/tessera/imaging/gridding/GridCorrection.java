package org.tessera.imaging.gridding;

import org.tessera.imaging.ImageGeometry;

/**
 * The image-domain grid correction 1/(phi-hat_u phi-hat_v phi-hat_w) of one gridding plan, per
 * pixel offset from the centre (zero beyond the horizon), made once and applied to every image of a
 * run. The w factor depends on t = n - 1 + nShift; it is read from a table of the exact values by
 * cubic interpolation (below 1e-13 relative), since the exact quadrature costs ~30 cosines a pixel.
 */
final class GridCorrection {
    private static final int NODES = 16384;

    private final int width;
    private final int height;
    private final int qx;
    private final double[] quadrant;

    /** @param t t per quadrant pixel (NaN beyond the horizon), as {@link WScreen#quadrant} makes it */
    GridCorrection(ParallelRunner runner, ImageGeometry g, WGridPlan plan, double[] t) {
        EsKernel kernel = plan.kernel;
        width = g.width();
        height = g.height();
        qx = width / 2 + 1;
        double[] cu = new double[qx];
        for (int dx = 0; dx < cu.length; dx++) {
            cu[dx] = kernel.correction((double) dx / plan.nu);
        }
        double[] cv = new double[height / 2 + 1];
        for (int dy = 0; dy < cv.length; dy++) {
            cv[dy] = kernel.correction((double) dy / plan.nv);
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : t) {
            if (!Double.isNaN(v)) {
                lo = Math.min(lo, v * plan.dw);
                hi = Math.max(hi, v * plan.dw);
            }
        }
        Table w = new Table(kernel, lo, hi);
        quadrant = new double[t.length];
        runner.forRange(0, quadrant.length, (thread, a, b) -> {
            for (int i = a; i < b; i++) {
                quadrant[i] = Double.isNaN(t[i]) ? 0 : cu[i % qx] * cv[i / qx] * w.value(t[i] * plan.dw);
            }
        });
    }

    /** Multiplies {@code image} (width x height) by the correction. */
    void apply(ParallelRunner runner, double[] image) {
        runner.forRange(0, height, (thread, y0, y1) -> {
            for (int y = y0; y < y1; y++) {
                for (int x = 0; x < width; x++) {
                    image[y * width + x] *= at(x, y);
                }
            }
        });
    }

    /** The correction at pixel (x, y). */
    double at(int x, int y) {
        return quadrant[Math.abs(y - height / 2) * qx + Math.abs(x - width / 2)];
    }

    /** kernel.correction(x) on [lo, hi], tabulated, read by 4-point Lagrange interpolation. */
    static final class Table {
        private final double x0;
        private final double step;
        private final double[] values;

        Table(EsKernel kernel, double lo, double hi) {
            step = Math.max(hi - lo, 1e-12) / (NODES - 1);
            x0 = lo - 2 * step;
            values = new double[NODES + 4];
            for (int k = 0; k < values.length; k++) {
                values[k] = kernel.correction(x0 + k * step);
            }
        }

        double value(double x) {
            double u = (x - x0) / step;
            int k = Math.min(Math.max((int) Math.floor(u) - 1, 0), values.length - 4);
            double s = u - k;
            // Lagrange basis on nodes k, k+1, k+2, k+3 at offset s from node k
            double l0 = -(s - 1) * (s - 2) * (s - 3) / 6;
            double l1 = s * (s - 2) * (s - 3) / 2;
            double l2 = -s * (s - 1) * (s - 3) / 2;
            double l3 = s * (s - 1) * (s - 2) / 6;
            return l0 * values[k] + l1 * values[k + 1] + l2 * values[k + 2] + l3 * values[k + 3];
        }
    }
}
