package org.tessera.imaging.simulation;

/**
 * A circular Gaussian of total flux {@code fluxJy} and full width at half maximum {@code fwhmRad}, centred at
 * direction cosines (l, m): extended emission with an exact visibility, the Gaussian's Fourier transform
 * exp(−π² θ² (u² + v²) / (4 ln 2 λ²)) times the centre's phase (flat-sky: the width is small).
 */
public record GaussianSource(double fluxJy, double fwhmRad, double l, double m) implements SkyComponent {

    @Override
    public void addVisibility(double u, double v, double w, double wavelength, double[] acc) {
        double uu = u / wavelength;
        double vv = v / wavelength;
        double amplitude = fluxJy * Math.exp(-Math.PI * Math.PI * fwhmRad * fwhmRad * (uu * uu + vv * vv)
                / (4 * Math.log(2)));
        new PointSource(amplitude, l, m).addVisibility(u, v, w, wavelength, acc);
    }
}
