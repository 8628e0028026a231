package org.tessera.imaging.spectral;

import org.tessera.imaging.Band;

/**
 * One output channel of {@code -channels-out}: the MS channels whose centre frequencies lie in
 * [{@code lowestHz}, {@code highestHz}], and the band the image's FREQ axis describes.
 *
 * @param index    0 … N−1, the {@code 0000} of {@code PREFIX-0000-image.fits}
 * @param lowestHz centre frequency of its lowest channel
 * @param highestHz centre frequency of its highest channel
 * @param channels how many MS channels it holds
 * @param band     from the lower edge of its lowest channel to the upper edge of its highest (CRVAL3, CDELT3)
 */
public record ChannelGroup(int index, double lowestHz, double highestHz, int channels, Band band) {
    /** Whether a channel of this centre frequency belongs to the group. */
    public boolean holds(double frequencyHz) {
        return frequencyHz >= lowestHz && frequencyHz <= highestHz;
    }

    /** The file-name part WSClean gives the group: {@code 0000}, {@code 0001}, … */
    public String tag() {
        return String.format("%04d", index);
    }
}
