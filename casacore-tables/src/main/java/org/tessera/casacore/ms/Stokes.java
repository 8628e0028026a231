package org.tessera.casacore.ms;

/** Names of the casacore Stokes enumeration used in POLARIZATION CORR_TYPE. */
public final class Stokes {
    private static final String[] NAMES = {
        "Undefined", "I", "Q", "U", "V", "RR", "RL", "LR", "LL", "XX", "XY", "YX", "YY"
    };

    private Stokes() {
    }

    public static String name(int corrType) {
        return corrType >= 0 && corrType < NAMES.length ? NAMES[corrType] : "Stokes" + corrType;
    }

    /** True for the parallel hands that form Stokes I: RR, LL, XX, YY. */
    public static boolean isParallelHand(int corrType) {
        return corrType == 5 || corrType == 8 || corrType == 9 || corrType == 12;
    }
}
