package org.tessera.imaging.simulation;

/**
 * (u, v, w) of antennas toward a phase centre at a given hour angle (Thompson, Moran and
 * Swenson eq. 4.1). A baseline's UVW in the MS convention is antenna 1 minus antenna 2.
 */
public final class UvwCalculator {
    private final ArrayLayout layout;
    private final double[][] xyz;

    public UvwCalculator(ArrayLayout layout) {
        this.layout = layout;
        this.xyz = new double[layout.antennas()][];
        for (int k = 0; k < xyz.length; k++) {
            xyz[k] = layout.equatorial(k);
        }
    }

    /** Writes the UVW (metres) of baseline (a1, a2) into {@code out[off..off+2]}. */
    public void baseline(int a1, int a2, double hourAngleRad, double decRad, double[] out, int off) {
        double sh = Math.sin(hourAngleRad);
        double ch = Math.cos(hourAngleRad);
        double sd = Math.sin(decRad);
        double cd = Math.cos(decRad);
        double x = xyz[a1][0] - xyz[a2][0];
        double y = xyz[a1][1] - xyz[a2][1];
        double z = xyz[a1][2] - xyz[a2][2];
        out[off] = sh * x + ch * y;
        out[off + 1] = -sd * ch * x + sd * sh * y + cd * z;
        out[off + 2] = cd * ch * x - cd * sh * y + sd * z;
    }

    public ArrayLayout layout() {
        return layout;
    }
}
