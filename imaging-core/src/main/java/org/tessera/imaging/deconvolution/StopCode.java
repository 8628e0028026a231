package org.tessera.imaging.deconvolution;

/** tclean's global stop codes, with the words tclean logs for them. */
public enum StopCode {
    NONE(0, "continue iterations"),
    ITERATION_LIMIT(1, "iteration limit"),
    THRESHOLD(2, "threshold"),
    FORCE_STOP(3, "force stop"),
    NO_CHANGE(4, "no change in peak residual across two major cycles"),
    DIVERGED_FROM_PREVIOUS(5, "peak residual increased by more than 3 times from the previous major cycle"),
    DIVERGED_FROM_MINIMUM(6, "peak residual increased by more than 3 times from the minimum reached"),
    ZERO_MASK(7, "zero mask"),
    NSIGMA(8, "any combination of n-sigma and other valid exit criterion"),
    NMAJOR(9, "the major cycle limit (nmajor) reached");

    public final int code;
    public final String words;

    StopCode(int code, String words) {
        this.code = code;
        this.words = words;
    }

    public static StopCode ofCode(int code) {
        for (StopCode c : values()) {
            if (c.code == code) {
                return c;
            }
        }
        throw new IllegalArgumentException("no tclean stop code " + code);
    }
}
