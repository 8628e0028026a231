package org.tessera.imaging.simulation;

/** A simulated source whose visibilities are known in closed form. */
public interface SkyComponent {
    /**
     * Adds this source's visibility at (u, v, w) metres and wavelength λ to {@code acc} (re, im), with the
     * MS-convention phase sign exp(+2πi(ul + vm + w(n−1))/λ).
     */
    void addVisibility(double u, double v, double w, double wavelength, double[] acc);

    /** Total flux, Jy. */
    double fluxJy();
}
