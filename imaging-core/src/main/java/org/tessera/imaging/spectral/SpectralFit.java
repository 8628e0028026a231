package org.tessera.imaging.spectral;

/**
 * How joined-channel deconvolution smooths a component's values over the channel groups, as WSClean's
 * {@code -fit-spectral-pol K} (a polynomial of K terms in ν/ν₀ − 1) and {@code -fit-spectral-log-pol K}
 * (a polynomial of K terms in log₁₀(ν/ν₀) for log₁₀ S); ν₀ is the weighted mean frequency of the groups.
 *
 * @param mode  the fit's kind
 * @param terms K; 0 for {@link Mode#NONE}
 */
public record SpectralFit(Mode mode, int terms) {
    public enum Mode { NONE, POLYNOMIAL, LOG_POLYNOMIAL }

    public static final SpectralFit NONE = new SpectralFit(Mode.NONE, 0);

    public boolean fits() {
        return mode != Mode.NONE;
    }
}
