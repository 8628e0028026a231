package org.tessera.imaging;

/**
 * Collects a finished phase's garbage before the next phase allocates large arrays. The launcher's
 * parallel collector places arrays larger than the young generation straight in the old one and
 * grows it for them rather than collect first, so without this the resident memory would reach
 * the sum of both phases' arrays (a CLEAN run's image, minor and major cycles at 4096²: 300 MB
 * spectra, 200 MB of samples, 130 MB images). A full collection then costs a fraction of a second.
 */
public final class HeapRoom {
    private HeapRoom() {
    }

    /** Collects when {@code bytes} are about to be allocated and they are worth it ({@link ParkedArrays#worthParking}). */
    public static void makeRoomFor(long bytes) {
        if (ParkedArrays.worthParking(bytes)) {
            System.gc();
        }
    }
}
