package org.tessera.gpu;

import org.tessera.imaging.ImageGeometry;
import org.tessera.imaging.gridding.WGridPlan;

/**
 * t = n - 1 + nShift on one quadrant of pixel offsets (|x - width/2|, |y - height/2|), NaN beyond
 * the horizon: the w-screen kernels read it, and the grid correction divides out the kernel taper
 * 1/(phi-hat_u phi-hat_v phi-hat_w) with it, as the CPU gridder does.
 */
public final class ScreenQuadrant {
    final int qx;
    final int qy;
    final double[] t;

    public ScreenQuadrant(ImageGeometry g, double nShift) {
        qx = g.width() / 2 + 1;
        qy = g.height() / 2 + 1;
        t = new double[qx * qy];
        for (int dy = 0; dy < qy; dy++) {
            double m = dy * g.cellRad();
            for (int dx = 0; dx < qx; dx++) {
                double l = dx * g.cellRad();
                double r2 = l * l + m * m;
                t[dy * qx + dx] = r2 < 1 ? -r2 / (Math.sqrt(1 - r2) + 1) + nShift : Double.NaN;
            }
        }
    }

    /** Multiplies {@code image} by the grid correction; zeroes pixels beyond the horizon. */
    public void correct(ImageGeometry g, WGridPlan plan, double[] image) {
        var kernel = plan.kernel();
        double[] cu = new double[qx];
        for (int dx = 0; dx < qx; dx++) {
            cu[dx] = kernel.correction((double) dx / plan.gridWidth());
        }
        double[] cv = new double[qy];
        for (int dy = 0; dy < qy; dy++) {
            cv[dy] = kernel.correction((double) dy / plan.gridHeight());
        }
        double[] factor = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            factor[i] = Double.isNaN(t[i]) ? 0
                    : cu[i % qx] * cv[i / qx] * kernel.correction(t[i] * plan.planeSpacing());
        }
        int width = g.width();
        int height = g.height();
        for (int y = 0; y < height; y++) {
            int row = Math.abs(y - height / 2) * qx;
            for (int x = 0; x < width; x++) {
                image[y * width + x] *= factor[row + Math.abs(x - width / 2)];
            }
        }
    }
}
