package org.tessera.imaging.spectral;

/**
 * WSClean's channel options: how the selected channels become output images and how they are deconvolved.
 *
 * @param channelsOut  {@code -channels-out N}: N images of (nearly) equal numbers of channels; 1: one image
 * @param channelStart {@code -channel-range A B}: the first channel, 0 without the option
 * @param channelEnd   the end channel (exclusive); -1: up to the last channel of the MS
 * @param joinChannels {@code -join-channels}: peaks found on the MFS residual, components in every group
 * @param fit          {@code -fit-spectral-pol} / {@code -fit-spectral-log-pol}: how component values across the
 *                     groups are fitted; {@link SpectralFit#NONE} without either
 */
public record SpectralParameters(int channelsOut, int channelStart, int channelEnd, boolean joinChannels,
                                 SpectralFit fit) {
    /** One image of all channels: a run without any of the options. */
    public static final SpectralParameters SINGLE = new SpectralParameters(1, 0, -1, false, SpectralFit.NONE);

    /** Whether the run writes per-group images ({@code PREFIX-0000-image.fits} ...) rather than one. */
    public boolean isMultiChannel() {
        return channelsOut > 1;
    }
}
