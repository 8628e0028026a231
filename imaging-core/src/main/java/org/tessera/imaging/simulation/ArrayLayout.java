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
     * The layout of real antennas given by ITRF (earth-centred, metres) positions: offsets from
     * their mean, rotated into local east/north/up at the mean's longitude and geocentric
     * latitude (close enough to geodetic for uv coverage).
     */
    public static ArrayLayout fromItrf(double[][] itrf, double dishDiameter) {
        if (itrf.length < 2) {
            throw new IllegalArgumentException("an interferometer needs at least 2 antennas");
        }
        double[] c = new double[3];
        for (double[] p : itrf) {
            for (int k = 0; k < 3; k++) {
                c[k] += p[k] / itrf.length;
            }
        }
        double lon = Math.atan2(c[1], c[0]);
        double lat = Math.atan2(c[2], Math.hypot(c[0], c[1]));
        double sl = Math.sin(lon);
        double cl = Math.cos(lon);
        double sp = Math.sin(lat);
        double cp = Math.cos(lat);
        int n = itrf.length;
        double[] e = new double[n];
        double[] no = new double[n];
        double[] u = new double[n];
        for (int k = 0; k < n; k++) {
            double dx = itrf[k][0] - c[0];
            double dy = itrf[k][1] - c[1];
            double dz = itrf[k][2] - c[2];
            e[k] = -sl * dx + cl * dy;
            no[k] = -sp * cl * dx - sp * sl * dy + cp * dz;
            u[k] = cp * cl * dx + cp * sl * dy + sp * dz;
        }
        return new ArrayLayout(e, no, u, lat, dishDiameter);
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
