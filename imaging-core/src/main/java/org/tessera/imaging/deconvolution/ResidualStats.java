package org.tessera.imaging.deconvolution;

import org.tessera.imaging.Image;

/**
 * What the controller needs to know about a residual image: its peak (inside the clean mask
 * and without it; the same here, as there is no mask yet), a robust rms and the mask size.
 *
 * @param peakResidual       largest |residual| inside the mask, Jy/beam
 * @param peakResidualNoMask largest |residual| over the whole image, Jy/beam
 * @param robustRms          1.4826 × median absolute deviation from the median (NaN: not computed)
 * @param maskSum            number of pixels the minor cycle may clean
 */
public record ResidualStats(double peakResidual, double peakResidualNoMask, double robustRms, long maskSum) {
    /** Converts a median absolute deviation into a Gaussian standard deviation. */
    public static final double MAD_TO_SIGMA = 1.4826;

    public static ResidualStats of(Image residual) {
        double peak = residual.maxAbs();
        return new ResidualStats(peak, peak, robustRms(residual.pixels), residual.pixels.length);
    }

    /**
     * The statistics that the iteration parameters use: the robust rms (two selections over the
     * image) only when an nsigma threshold needs it, NaN otherwise.
     */
    public static ResidualStats of(Image residual, IterationParameters parameters) {
        if (parameters.nsigma() > 0 || parameters.autoMaskActive()) {
            return of(residual);
        }
        double peak = residual.maxAbs();
        return new ResidualStats(peak, peak, Double.NaN, residual.pixels.length);
    }

    /**
     * As {@link #of(Image, IterationParameters)}, with the peak inside {@code mask} (null: no mask) and the
     * mask's size; the robust rms is over the whole image, as WSClean's.
     */
    public static ResidualStats of(Image residual, IterationParameters parameters, CleanMask mask) {
        ResidualStats whole = of(residual, parameters);
        if (mask == null) {
            return whole;
        }
        double peak = 0;
        for (int i = 0; i < residual.pixels.length; i++) {
            if (mask.allows(i)) {
                peak = Math.max(peak, Math.abs(residual.pixels[i]));
            }
        }
        return new ResidualStats(peak, whole.peakResidualNoMask(), whole.robustRms(), mask.count());
    }

    /**
     * With {@code -local-rms} ({@code local} not null): the peak of |residual| × {@link LocalRms#factor()} inside the
     * mask and σ = the lowest local rms, as WSClean's thresholds count them. The peak without mask stays the plain
     * |residual|: tclean's divergence checks compare it across cycles, also once the auto-mask drops the local rms.
     */
    public static ResidualStats of(Image residual, IterationParameters parameters, CleanMask mask, LocalRms local) {
        if (local == null) {
            return of(residual, parameters, mask);
        }
        double[] factor = local.factor();
        double peak = 0;
        double peakNoMask = 0;
        for (int i = 0; i < residual.pixels.length; i++) {
            double a = Math.abs(residual.pixels[i]);
            peakNoMask = Math.max(peakNoMask, a);
            if (mask == null || mask.allows(i)) {
                peak = Math.max(peak, a * factor[i]);
            }
        }
        return new ResidualStats(peak, peakNoMask, local.minRms(), mask == null ? residual.pixels.length
                : mask.count());
    }

    /** 1.4826 × MAD, in linear time (selection rather than sorting). */
    public static double robustRms(double[] values) {
        if (values.length == 0) {
            return 0;
        }
        double[] work = values.clone();
        double median = median(work);
        for (int i = 0; i < work.length; i++) {
            work[i] = Math.abs(values[i] - median);
        }
        return MAD_TO_SIGMA * median(work);
    }

    /** Median of the values; reorders the array. */
    static double median(double[] a) {
        int n = a.length;
        double upper = select(a, n / 2);
        if (n % 2 == 1) {
            return upper;
        }
        // After selection every element left of n/2 is <= the upper middle: the lower middle is their maximum.
        double lower = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n / 2; i++) {
            lower = Math.max(lower, a[i]);
        }
        return 0.5 * (lower + upper);
    }

    /** Hoare quickselect with median-of-three pivots: the k-th smallest value. */
    private static double select(double[] a, int k) {
        int lo = 0;
        int hi = a.length - 1;
        while (hi > lo) {
            int mid = (lo + hi) >>> 1;
            double pivot = medianOf3(a[lo], a[mid], a[hi]);
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    double t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return a[k];
            }
        }
        return a[k];
    }

    private static double medianOf3(double a, double b, double c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }
}
