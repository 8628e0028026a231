package org.tessera.imaging.sequence;

/**
 * Stages of an imaging run, in the order {@link ImagingSequence} gives them. IMAGE makes the PSF
 * and the dirty image in one pass over each partition; CLEAN and RESIDUAL repeat once per major cycle.
 */
public enum Stage {
    PARTITION, WEIGHTS, IMAGE, CLEAN, RESIDUAL, RESTORE, DONE, FAILED, CANCELLED;

    public boolean finished() {
        return this == DONE || this == FAILED || this == CANCELLED;
    }

    /** IMAGE and RESIDUAL make a residual (the dirty image first) on which the stop check decides. */
    public boolean makesResidual() {
        return this == IMAGE || this == RESIDUAL;
    }

    /** Lower-case name used in object keys and summaries. */
    public String key() {
        return name().toLowerCase();
    }
}
