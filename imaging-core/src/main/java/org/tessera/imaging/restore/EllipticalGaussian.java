package org.tessera.imaging.restore;

/**
 * An elliptical Gaussian of peak 1 centred on a pixel, in pixel units. Pixel x grows toward
 * west (RA decreasing, FITS CDELT1 &lt; 0) and y toward north, so a pixel offset (dx, dy) lies
 * at (east, north) = (-dx, dy) and the major axis points along (dx, dy) = (-sin PA, cos PA).
 *
 * @param majorFwhm        FWHM along the major axis, pixels
 * @param minorFwhm        FWHM along the minor axis, pixels
 * @param positionAngleRad position angle of the major axis east of north, radians
 */
public record EllipticalGaussian(double majorFwhm, double minorFwhm, double positionAngleRad) {

    /** The same Gaussian as a {@link Beam} for square pixels of {@code cellRad}. */
    public Beam toBeam(double cellRad) {
        return new Beam(majorFwhm * cellRad, minorFwhm * cellRad, positionAngleRad);
    }

    /** Value at pixel offset (dx, dy) from the centre; 1 at the centre. */
    public double valueAt(double dx, double dy) {
        double sigmaMajor = majorFwhm / Beam.SIGMA_TO_FWHM;
        double sigmaMinor = minorFwhm / Beam.SIGMA_TO_FWHM;
        double east = -dx;
        double north = dy;
        double sin = Math.sin(positionAngleRad);
        double cos = Math.cos(positionAngleRad);
        double alongMajor = east * sin + north * cos;
        double alongMinor = east * cos - north * sin;
        double q = alongMajor * alongMajor / (sigmaMajor * sigmaMajor)
                + alongMinor * alongMinor / (sigmaMinor * sigmaMinor);
        return Math.exp(-0.5 * q);
    }

    /**
     * Half-size in pixels of a square box outside which the Gaussian is below 1e-15 of its
     * peak, so truncating there is exact in double precision for all practical purposes.
     */
    public int supportRadius() {
        double sigmaMajor = majorFwhm / Beam.SIGMA_TO_FWHM;
        return (int) Math.ceil(sigmaMajor * Math.sqrt(2.0 * Math.log(1e15))) + 1;
    }
}
