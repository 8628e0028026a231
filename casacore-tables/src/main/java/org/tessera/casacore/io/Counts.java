package org.tessera.casacore.io;

/**
 * Element counts of shapes read from files that may be damaged: saturating, so that a corrupt shape
 * cannot overflow into a count that seems to fit the file.
 */
public final class Counts {
    private Counts() {
    }

    /** The product of the axes; {@link Long#MAX_VALUE} when an axis is negative or the product exceeds it. */
    public static long product(int[] shape) {
        long n = 1;
        for (int s : shape) {
            if (s < 0) {
                return Long.MAX_VALUE;
            }
            if (s == 0) {
                n = 0;
            } else if (n > Long.MAX_VALUE / s) {
                n = Long.MAX_VALUE;
            } else {
                n *= s;
            }
        }
        return n;
    }
}
