package org.tessera.casacore.ms;

/** A POLARIZATION row: the Stokes type of each correlation (CORR_TYPE). */
public record Polarization(int id, int[] corrType) {
    public int correlations() {
        return corrType.length;
    }

    public String[] correlationNames() {
        String[] names = new String[corrType.length];
        for (int i = 0; i < names.length; i++) {
            names[i] = Stokes.name(corrType[i]);
        }
        return names;
    }
}
