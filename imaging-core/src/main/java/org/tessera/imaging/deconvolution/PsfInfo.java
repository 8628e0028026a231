package org.tessera.imaging.deconvolution;

import org.tessera.imaging.Image;
import org.tessera.imaging.restore.BeamFitter;
import org.tessera.imaging.restore.EllipticalGaussian;

/**
 * PSF properties the iteration control needs, computed once after major cycle 0.
 *
 * @param maxPsfSidelobe max(|min PSF|, max(PSF − fitted Gaussian main lobe)), relative to the PSF peak
 * @param mainLobe       the fitted main lobe, in pixels
 * @param theoreticBeamPixels the theoretic beam 1/B_max in pixels, from which WSClean derives its multiscale
 *                       scales; NaN when unknown (the fitted major axis is used then)
 */
public record PsfInfo(double maxPsfSidelobe, EllipticalGaussian mainLobe, double theoreticBeamPixels) {

    public PsfInfo(double maxPsfSidelobe, EllipticalGaussian mainLobe) {
        this(maxPsfSidelobe, mainLobe, Double.NaN);
    }

    public static PsfInfo of(Image psf) {
        return of(psf, Double.NaN);
    }

    /** With the theoretic beam: 1 / (longest baseline in wavelengths) / pixel size; NaN or 0 when unknown. */
    public static PsfInfo of(Image psf, double theoreticBeamPixels) {
        EllipticalGaussian lobe = BeamFitter.fitPixels(psf, BeamFitter.estimateFwhmPixels(psf));
        return new PsfInfo(maxSidelobe(psf, lobe), lobe,
                theoreticBeamPixels > 0 && Double.isFinite(theoreticBeamPixels) ? theoreticBeamPixels : Double.NaN);
    }

    /** The beam size WSClean's automatic scales start from, in pixels. */
    public double scaleBeamPixels() {
        return Double.isNaN(theoreticBeamPixels) ? mainLobe.majorFwhm() : theoreticBeamPixels;
    }

    static double maxSidelobe(Image psf, EllipticalGaussian lobe) {
        int cx = psf.width / 2;
        int cy = psf.height / 2;
        double peak = psf.get(cx, cy);
        // Beyond this radius the Gaussian is below 1e-15 and PSF − Gaussian is the PSF itself.
        int radius = lobe.supportRadius();
        double minimum = Double.POSITIVE_INFINITY;
        double aboveLobe = Double.NEGATIVE_INFINITY;
        for (int y = 0; y < psf.height; y++) {
            boolean nearRow = Math.abs(y - cy) <= radius;
            for (int x = 0; x < psf.width; x++) {
                double p = psf.get(x, y) / peak;
                minimum = Math.min(minimum, p);
                double g = nearRow && Math.abs(x - cx) <= radius ? lobe.valueAt(x - cx, y - cy) : 0;
                aboveLobe = Math.max(aboveLobe, p - g);
            }
        }
        return Math.max(Math.abs(Math.min(minimum, 0)), aboveLobe);
    }
}
