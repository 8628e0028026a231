package org.tessera.imaging.gridding;

import org.tessera.imaging.ImageGeometry;

/**
 * The w-screen exp(-2 pi i w_p t) of each w-plane p, with t = n - 1 + nShift, on one quadrant of
 * pixel offsets (|x - width/2|, |y - height/2|): t depends only on l^2 + m^2. Successive planes are
 * reached by multiplying with exp(-2 pi i dw t), refreshed exactly every few planes.
 */
final class WScreen {
    private static final int REFRESH = 16;

    final int qx;
    final int qy;
    /** t per quadrant pixel, NaN beyond the horizon. */
    final double[] t;
    /** Current screen exp(-2 pi i w_p t), interleaved (re, im). */
    final double[] screen;
    private final double[] step;
    private final double w0;
    private final double dw;
    private int plane = -1;

    WScreen(ImageGeometry g, WGridPlan plan) {
        this(g.width() / 2 + 1, g.height() / 2 + 1, g.cellRad(), g.cellRad(), plan);
    }

    /** The screen on a quadrant of qx by qy samples spaced cellL in l and cellM in m (radians). */
    WScreen(int qx, int qy, double cellL, double cellM, WGridPlan plan) {
        this.qx = qx;
        this.qy = qy;
        w0 = plan.w0;
        dw = plan.dw;
        t = quadrant(qx, qy, cellL, cellM, plan.nShift);
        screen = new double[2 * t.length];
        step = new double[2 * t.length];
        for (int i = 0; i < t.length; i++) {
            double tt = Double.isNaN(t[i]) ? 0 : t[i];
            double phase = -2 * Math.PI * dw * tt;
            step[2 * i] = Math.cos(phase);
            step[2 * i + 1] = Math.sin(phase);
        }
    }

    /** t = n - 1 + nShift on a quadrant of qx by qy samples spaced cellL and cellM; NaN beyond the horizon. */
    static double[] quadrant(int qx, int qy, double cellL, double cellM, double nShift) {
        double[] t = new double[qx * qy];
        for (int dy = 0; dy < qy; dy++) {
            double m = dy * cellM;
            for (int dx = 0; dx < qx; dx++) {
                double l = dx * cellL;
                double r2 = l * l + m * m;
                t[dy * qx + dx] = r2 < 1 ? WGridPlan.nMinusOne(r2) + nShift : Double.NaN;
            }
        }
        return t;
    }

    /** Moves the screen to plane p (planes are visited in increasing order). */
    void moveTo(int p) {
        if (p == plane) {
            return;
        }
        if (p == plane + 1 && p % REFRESH != 0) {
            for (int i = 0; i < t.length; i++) {
                double a = screen[2 * i];
                double b = screen[2 * i + 1];
                double c = step[2 * i];
                double d = step[2 * i + 1];
                screen[2 * i] = a * c - b * d;
                screen[2 * i + 1] = a * d + b * c;
            }
        } else {
            double w = w0 + p * dw;
            for (int i = 0; i < t.length; i++) {
                double tt = Double.isNaN(t[i]) ? 0 : t[i];
                double phase = -2 * Math.PI * w * tt;
                screen[2 * i] = Math.cos(phase);
                screen[2 * i + 1] = Math.sin(phase);
            }
        }
        plane = p;
    }
}
