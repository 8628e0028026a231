package org.tessera.imaging.deconvolution;

/**
 * The user's deconvolution controls, named and defaulted as in CASA tclean, plus WSClean's
 * mgain. See {@code ../shared/docs/tclean-iteration-control.md}.
 *
 * @param niter          total minor-cycle iterations (0: PSF and dirty image only)
 * @param cycleniter     iterations per minor cycle; -1 (or 0) means niter
 * @param cyclefactor    scales the PSF sidelobe level into the cycle threshold fraction
 * @param minpsffraction lower clamp of that fraction
 * @param maxpsffraction upper clamp of that fraction
 * @param threshold      global stopping threshold on the peak residual, Jy
 * @param nsigma         stop at nsigma × robust rms; 0 switches it off
 * @param nmajor         maximum number of major cycles after the first dirty image; -1 no limit
 * @param gain           loop gain
 * @param mgain          WSClean major-cycle gain: a minor cycle stops once the peak has fallen
 *                       by this fraction; 1 (or any value outside (0, 1)) switches it off
 * @param multiscale     WSClean's multiscale controls; null cleans with Högbom (point components)
 * @param autoMask       WSClean's {@code -auto-mask} in σ: clean unmasked down to this many σ, then only
 *                       where components were found; 0 switches it off
 * @param localRmsWindow WSClean's {@code -local-rms-window} in beams: σ is the {@link LocalRms} in a window this
 *                       wide; 0 (no {@code -local-rms}) takes σ from the whole image
 */
public record IterationParameters(int niter, int cycleniter, double cyclefactor, double minpsffraction,
                                  double maxpsffraction, double threshold, double nsigma, int nmajor,
                                  double gain, double mgain, MultiscaleParameters multiscale, double autoMask,
                                  double localRmsWindow) {

    public IterationParameters {
        if (niter < 0) {
            throw new IllegalArgumentException("niter must be >= 0, got " + niter);
        }
        if (!(gain > 0 && gain <= 1)) {
            throw new IllegalArgumentException("gain must be in (0, 1], got " + gain);
        }
        if (!(minpsffraction >= 0 && minpsffraction <= maxpsffraction && maxpsffraction <= 1)) {
            throw new IllegalArgumentException("need 0 <= minpsffraction <= maxpsffraction <= 1, got "
                    + minpsffraction + ", " + maxpsffraction);
        }
        if (!(threshold >= 0) || !(nsigma >= 0) || !(cyclefactor >= 0)) {
            throw new IllegalArgumentException("threshold, nsigma and cyclefactor must be >= 0");
        }
        if (!(autoMask >= 0)) {
            throw new IllegalArgumentException("-auto-mask must be >= 0, got " + autoMask);
        }
        if (!(localRmsWindow >= 0) || Double.isInfinite(localRmsWindow)) {
            throw new IllegalArgumentException("-local-rms-window must be > 0 beams, got " + localRmsWindow);
        }
    }

    /** tclean's defaults (niter 0) with mgain off. */
    public static IterationParameters defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** True when mgain limits the depth of each minor cycle. */
    public boolean mgainActive() {
        return mgain > 0 && mgain < 1;
    }

    /** True when auto-masking is on: it needs an nsigma threshold to clean down to after the mask is made. */
    public boolean autoMaskActive() {
        return autoMask > 0;
    }

    /** True with {@code -local-rms}: σ and the peak search follow the local rms. */
    public boolean localRmsActive() {
        return localRmsWindow > 0;
    }

    public Builder toBuilder() {
        return new Builder().niter(niter).cycleniter(cycleniter).cyclefactor(cyclefactor)
                .minpsffraction(minpsffraction).maxpsffraction(maxpsffraction).threshold(threshold)
                .nsigma(nsigma).nmajor(nmajor).gain(gain).mgain(mgain).multiscale(multiscale).autoMask(autoMask)
                .localRmsWindow(localRmsWindow);
    }

    /** Builder starting from the tclean defaults. */
    public static final class Builder {
        private int niter = 0;
        private int cycleniter = -1;
        private double cyclefactor = 1.0;
        private double minpsffraction = 0.05;
        private double maxpsffraction = 0.8;
        private double threshold = 0.0;
        private double nsigma = 0.0;
        private int nmajor = -1;
        private double gain = 0.1;
        private double mgain = 1.0;
        private MultiscaleParameters multiscale = null;
        private double autoMask = 0.0;
        private double localRmsWindow = 0.0;

        public Builder niter(int v) {
            niter = v;
            return this;
        }

        public Builder cycleniter(int v) {
            cycleniter = v;
            return this;
        }

        public Builder cyclefactor(double v) {
            cyclefactor = v;
            return this;
        }

        public Builder minpsffraction(double v) {
            minpsffraction = v;
            return this;
        }

        public Builder maxpsffraction(double v) {
            maxpsffraction = v;
            return this;
        }

        public Builder threshold(double v) {
            threshold = v;
            return this;
        }

        public Builder nsigma(double v) {
            nsigma = v;
            return this;
        }

        public Builder nmajor(int v) {
            nmajor = v;
            return this;
        }

        public Builder gain(double v) {
            gain = v;
            return this;
        }

        public Builder mgain(double v) {
            mgain = v;
            return this;
        }

        public Builder multiscale(MultiscaleParameters v) {
            multiscale = v;
            return this;
        }

        public Builder autoMask(double v) {
            autoMask = v;
            return this;
        }

        public Builder localRmsWindow(double v) {
            localRmsWindow = v;
            return this;
        }

        public IterationParameters build() {
            return new IterationParameters(niter, cycleniter, cyclefactor, minpsffraction, maxpsffraction,
                    threshold, nsigma, nmajor, gain, mgain, multiscale, autoMask, localRmsWindow);
        }
    }
}
