package org.tessera.imaging.gridding;

/**
 * Makes the gridders of one run on the device chosen for it, and says which device that is and
 * why, for the log and the run summary.
 */
public interface GridderFactory {
    /** A gridder whose every run uses the plan of {@code range} (null: each run plans for its own source). */
    Gridder create(GridderSettings settings, WRange range);

    /** {@code cpu}, or {@code gpu: <device name>}. */
    String device();

    /** One line: why this device was chosen. */
    String reason();
}
