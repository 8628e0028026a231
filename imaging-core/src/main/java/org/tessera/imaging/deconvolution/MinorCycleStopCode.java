package org.tessera.imaging.deconvolution;

/** Why a minor cycle ended, numbered as in CASA's SIMinorCycleController. */
public enum MinorCycleStopCode {
    NOT_STOPPED(0, "not stopped"),
    CYCLE_ITERATION_LIMIT(1, "reached cycle iteration limit"),
    CYCLE_THRESHOLD(2, "reached cycle threshold"),
    NO_ITERATION_POSSIBLE(3, "no iteration possible"),
    DIVERGENCE(4, "possible divergence detected"),
    NSIGMA_THRESHOLD(6, "reached n-sigma threshold");

    public final int code;
    public final String words;

    MinorCycleStopCode(int code, String words) {
        this.code = code;
        this.words = words;
    }
}
