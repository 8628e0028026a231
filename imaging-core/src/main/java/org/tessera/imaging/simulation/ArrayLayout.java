package org.tessera.imaging.simulation;

/**
 * Antenna positions of a simulated interferometer, computed by formula (no copied
 * data): a three-armed logarithmic spiral, which gives good uv coverage with few
 * antennas, in local east/north/up metres at a given geodetic latitude.
 *
 * @param east      east offsets, metres
 * @param north     north offsets, metres
 * @param up        heights, metres
 * @param latitudeRad geodetic latitude of the array centre
 * @param dishDiameter antenna diameter, metres
 */
public record ArrayLayout(double[] east, double[] north, double[] up, double latitudeRad, double dishDiameter) {

    public int antennas() {
        return east.length;
    }

    /**
     * A spiral array: antenna k sits on arm k mod 3 at radius growing geometrically from
     * {@code innerRadius} to {@code outerRadius}.
     */
    public static ArrayLayout spiral(int antennas, double innerRadius, double outerRadius,
                                     double latitudeRad, double dishDiameter) {
        if (antennas < 2) {
            throw new IllegalArgumentException("an interferometer needs at least 2 antennas");
        }
        double[] e = new double[antennas];
        double[] n = new double[antennas];
        double[] u = new double[antennas];
        int perArm = (antennas + 2) / 3;
        double growth = perArm > 1 ? Math.pow(outerRadius / innerRadius, 1.0 / (perArm - 1)) : 1;
        for (int k = 0; k < antennas; k++) {
            int arm = k % 3;
            int step = k / 3;
            double radius = innerRadius * Math.pow(growth, step);
            // Each arm winds by 0.9 rad over its length so baselines cover many position angles.
            double angle = arm * 2 * Math.PI / 3 + 0.9 * step / Math.max(1, perArm - 1);
            e[k] = radius * Math.sin(angle);
            n[k] = radius * Math.cos(angle);
        }
        return new ArrayLayout(e, n, u, latitudeRad, dishDiameter);
    }

    /**
     * Earth-centred coordinates relative to the array centre (X toward hour angle 0 on the
     * equator, Y toward hour angle -6h, Z toward the north pole) of antenna k, metres.
     */
    public double[] equatorial(int k) {
        double sinLat = Math.sin(latitudeRad);
        double cosLat = Math.cos(latitudeRad);
        return new double[] {
            -sinLat * north[k] + cosLat * up[k],
            east[k],
            cosLat * north[k] + sinLat * up[k]
        };
    }
}
