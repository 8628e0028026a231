package org.tessera.gpu;

/** Device arithmetic: float grids where the CPU path uses them (epsilon >= 1e-5), else double. */
public enum Precision {
    SINGLE(4, "f32"),
    DOUBLE(8, "f64");

    private final int bytes;
    private final String suffix;

    Precision(int bytes, String suffix) {
        this.bytes = bytes;
        this.suffix = suffix;
    }

    public int bytes() {
        return bytes;
    }

    /** Suffix of the kernel entry names in the PTX. */
    public String suffix() {
        return suffix;
    }

    public static Precision of(boolean single) {
        return single ? SINGLE : DOUBLE;
    }
}
