package org.tessera.casacore.ms;

/** A SPECTRAL_WINDOW row: channel centre frequencies in Hz, ascending or descending. */
public record SpectralWindow(int id, String name, double[] chanFreq, double[] chanWidth, double refFrequency) {
    public int channels() {
        return chanFreq.length;
    }
}
