package org.tessera.imaging.restore;

/**
 * Restoring beam: an elliptical Gaussian given by its full widths at half maximum and the
 * position angle of its major axis, measured from north through east (FITS BPA convention).
 *
 * @param majorRad          FWHM along the major axis, radians
 * @param minorRad          FWHM along the minor axis, radians
 * @param positionAngleRad  position angle of the major axis east of north, radians
 */
public record Beam(double majorRad, double minorRad, double positionAngleRad) {
    /** Factor between the standard deviation of a Gaussian and its FWHM: 2 sqrt(2 ln 2). */
    public static final double SIGMA_TO_FWHM = 2.0 * Math.sqrt(2.0 * Math.log(2.0));

    public Beam {
        if (!(majorRad > 0) || !(minorRad > 0) || minorRad > majorRad * (1 + 1e-12)
                || !Double.isFinite(majorRad) || !Double.isFinite(positionAngleRad)) {
            throw new IllegalArgumentException("invalid beam: major " + majorRad + ", minor " + minorRad
                    + ", PA " + positionAngleRad + " rad");
        }
    }

    public static Beam ofDegrees(double majorDeg, double minorDeg, double positionAngleDeg) {
        return new Beam(Math.toRadians(majorDeg), Math.toRadians(minorDeg), Math.toRadians(positionAngleDeg));
    }

    public double majorDeg() {
        return Math.toDegrees(majorRad);
    }

    public double minorDeg() {
        return Math.toDegrees(minorRad);
    }

    public double positionAngleDeg() {
        return Math.toDegrees(positionAngleRad);
    }

    /** The same beam in pixel units of an image with square pixels of {@code cellRad}. */
    public EllipticalGaussian inPixels(double cellRad) {
        return new EllipticalGaussian(majorRad / cellRad, minorRad / cellRad, positionAngleRad);
    }
}
