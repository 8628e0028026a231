package org.tessera.imaging.ms;

/** How many Stokes I samples were used, and why the others were skipped. */
public final class VisibilityCounts {
    public long used;
    public long flagged;
    public long nonFinite;
    /** Autocorrelations and rows of other fields. */
    public long deselected;

    void count(boolean selected, boolean flagged, boolean finite) {
        if (!selected) {
            deselected++;
        } else if (flagged) {
            this.flagged++;
        } else if (!finite) {
            nonFinite++;
        } else {
            this.flagged++;
        }
    }
}
