package org.tessera.imaging.weighting;

/** Imaging weighting schemes (CASA / WSClean definitions). */
public enum WeightingMode {
    NATURAL,
    UNIFORM,
    BRIGGS;

    /** Whether this mode needs the gridded weight density. */
    public boolean needsDensity() {
        return this != NATURAL;
    }
}
