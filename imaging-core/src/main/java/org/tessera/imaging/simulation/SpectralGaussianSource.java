package org.tessera.imaging.simulation;

/**
 * A {@link GaussianSource} whose total flux follows a power law: S(ν) = {@code fluxJy} · (ν / {@code referenceHz})^
 * {@code alpha}, the same width at every frequency.
 */
public record SpectralGaussianSource(double fluxJy, double fwhmRad, double l, double m, double referenceHz,
                                     double alpha) implements SkyComponent {
    /** The total flux density at {@code frequencyHz}. */
    public double fluxAt(double frequencyHz) {
        return fluxJy * Math.pow(frequencyHz / referenceHz, alpha);
    }

    @Override
    public void addVisibility(double u, double v, double w, double wavelength, double[] acc) {
        new GaussianSource(fluxAt(Observation.SPEED_OF_LIGHT / wavelength), fwhmRad, l, m)
                .addVisibility(u, v, w, wavelength, acc);
    }
}
