package org.tessera.imaging.deconvolution;

import org.tessera.imaging.Image;
import org.tessera.imaging.restore.Beam;
import org.tessera.imaging.restore.Restorer;

/**
 * WSClean's {@code -local-rms}: the residual's rms in a sliding Gaussian window whose FWHM is {@code window} beams,
 * rms(x)² = (G ⊛ residual²)(x) / ∫G with G of peak 1 (the window's integral over the whole plane, as WSClean
 * normalises it, so the rms falls off within a window of the edge). The thresholds then count in the lowest local
 * rms, and a pixel's residual is weighed by {@link #factor} = lowest rms / its rms when the minor cycle looks
 * for peaks: a pixel is cleaned while |residual| exceeds nσ × its own local rms.
 *
 * @param rms    the local rms per pixel, Jy/beam
 * @param minRms the lowest local rms (the σ of -auto-threshold and -auto-mask)
 */
public record LocalRms(Image rms, double minRms) {
    /** WSClean's {@code -local-rms-window} default, in beams. */
    public static final double DEFAULT_WINDOW = 25;

    /** The local rms of {@code residual} for a beam of {@code beamPixels} FWHM and a window of that many beams. */
    public static LocalRms of(Image residual, double beamPixels, double window) {
        Image squared = new Image(residual.width, residual.height);
        for (int i = 0; i < squared.pixels.length; i++) {
            squared.pixels[i] = residual.pixels[i] * residual.pixels[i];
        }
        double fwhm = beamPixels * window;
        // the window in pixels, given to the restoring-beam convolution as a beam on a cell of one "radian"
        Image sum = Restorer.convolve(squared, new Beam(fwhm, fwhm, 0), 1.0);
        double sigma = fwhm / Beam.SIGMA_TO_FWHM;
        double norm = 1 / (2 * Math.PI * sigma * sigma);
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < sum.pixels.length; i++) {
            double v = Math.sqrt(Math.max(0, sum.pixels[i]) * norm);
            sum.pixels[i] = v;
            if (v > 0) {
                min = Math.min(min, v);
            }
        }
        return new LocalRms(sum, Double.isFinite(min) ? min : 0);
    }

    /**
     * Per pixel, lowest rms / rms (0 where the rms is zero, as WSClean leaves those): the weight of the residual in
     * the minor cycle's peak search.
     */
    public double[] factor() {
        double[] f = new double[rms.pixels.length];
        for (int i = 0; i < f.length; i++) {
            double v = rms.pixels[i];
            f[i] = v > 0 ? minRms / v : 0;
        }
        return f;
    }
}
