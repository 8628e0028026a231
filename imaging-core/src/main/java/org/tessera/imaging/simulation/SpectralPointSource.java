package org.tessera.imaging.simulation;

/**
 * An unresolved source with a power-law spectrum: S(ν) = {@code fluxJy} · (ν / {@code referenceHz})^{@code alpha}
 * at direction cosines (l, m), as {@link PointSource}.
 */
public record SpectralPointSource(double fluxJy, double l, double m, double referenceHz, double alpha)
        implements SkyComponent {
    /** The flux density at {@code frequencyHz}. */
    public double fluxAt(double frequencyHz) {
        return fluxJy * Math.pow(frequencyHz / referenceHz, alpha);
    }

    @Override
    public void addVisibility(double u, double v, double w, double wavelength, double[] acc) {
        new PointSource(fluxAt(Observation.SPEED_OF_LIGHT / wavelength), l, m).addVisibility(u, v, w, wavelength, acc);
    }
}
