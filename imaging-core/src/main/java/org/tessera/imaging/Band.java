package org.tessera.imaging;

import java.util.List;
import org.tessera.casacore.ms.SpectralWindow;

/**
 * The band an image covers, for its FITS FREQ axis: centre and total width over all spectral
 * windows' channels, Hz.
 */
public record Band(double centreHz, double widthHz) {
    public static Band of(List<SpectralWindow> windows) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (SpectralWindow spw : windows) {
            for (int c = 0; c < spw.channels(); c++) {
                double half = Math.abs(spw.chanWidth()[c]) / 2;
                lo = Math.min(lo, spw.chanFreq()[c] - half);
                hi = Math.max(hi, spw.chanFreq()[c] + half);
            }
        }
        return new Band((lo + hi) / 2, hi - lo);
    }
}
