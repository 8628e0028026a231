package org.tessera.imaging.simulation;

/**
 * An unresolved source of flux {@code fluxJy} (Stokes I) at direction cosines (l, m)
 * relative to the phase centre: l toward east, m toward north.
 */
public record PointSource(double fluxJy, double l, double m) implements SkyComponent {

    /** n − 1, computed without cancellation for small offsets. */
    public double nMinusOne() {
        double r2 = l * l + m * m;
        return -r2 / (1 + Math.sqrt(1 - r2));
    }

    /**
     * Adds this source's visibility at (u, v, w) metres and wavelength λ to {@code acc}
     * (re, im), with the MS-convention phase sign exp(+2πi(ul + vm + w(n−1))/λ).
     */
    @Override
    public void addVisibility(double u, double v, double w, double wavelength, double[] acc) {
        double phase = 2 * Math.PI * (u * l + v * m + w * nMinusOne()) / wavelength;
        acc[0] += fluxJy * Math.cos(phase);
        acc[1] += fluxJy * Math.sin(phase);
    }
}
