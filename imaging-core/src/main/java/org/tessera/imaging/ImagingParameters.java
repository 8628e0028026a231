package org.tessera.imaging;

import org.tessera.imaging.deconvolution.IterationParameters;

/**
 * Everything that defines an imaging run, named after WSClean's options so that
 * {@code tessera image} and a job's parameter file read the same way.
 *
 * @param width        image width in pixels ({@code -size W H})
 * @param height       image height in pixels
 * @param cellRad      pixel size, radians ({@code -scale})
 * @param weighting    {@code natural}, {@code uniform} or {@code briggs}
 * @param robust       Briggs robustness R (used with briggs)
 * @param dataColumn   data column, or null for WSClean's default
 * @param epsilon      gridder accuracy ε ({@code -gridder-accuracy})
 * @param threads      worker threads ({@code -j})
 * @param iteration    deconvolution controls ({@code -niter -nmiter -gain -mgain -threshold -auto-threshold})
 */
public record ImagingParameters(int width, int height, double cellRad, String weighting, double robust,
                                String dataColumn, double epsilon, int threads,
                                IterationParameters iteration) {
    public ImagingParameters {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + " x " + height);
        }
        if (width % 2 != 0 || height % 2 != 0) {
            throw new IllegalArgumentException("image size must be even, got " + width + " x " + height);
        }
        if (!(cellRad > 0) || Double.isInfinite(cellRad)) {
            throw new IllegalArgumentException("pixel scale must be positive, got " + cellRad + " rad");
        }
        if (!weighting.equals("natural") && !weighting.equals("uniform") && !weighting.equals("briggs")) {
            throw new IllegalArgumentException("unknown weighting '" + weighting + "' (natural, uniform or briggs R)");
        }
        if (!(epsilon > 0 && epsilon < 0.1)) {
            throw new IllegalArgumentException("gridder accuracy must be in (0, 0.1), got " + epsilon);
        }
        if (threads <= 0) {
            throw new IllegalArgumentException("thread count must be positive, got " + threads);
        }
    }
}
