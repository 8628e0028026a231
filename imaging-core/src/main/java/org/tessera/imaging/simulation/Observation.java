package org.tessera.imaging.simulation;

import java.util.List;

/**
 * A simulated observation: an array tracking a phase centre over a range of hour angles,
 * observing sources at evenly spaced channels, with Gaussian noise.
 *
 * @param layout          antenna positions
 * @param raRad           phase centre right ascension
 * @param decRad          phase centre declination
 * @param startTime       MJD seconds of the first integration (centre)
 * @param timeSteps       number of integrations
 * @param intervalSeconds integration time
 * @param startHourAngleRad hour angle of the first integration
 * @param firstFrequencyHz centre frequency of channel 0
 * @param channelWidthHz  channel spacing
 * @param channels        number of channels
 * @param sources         the sky
 * @param noiseJy         rms noise per real and imaginary part of each correlation (0: none)
 * @param seed            random seed for the noise, so simulations are repeatable
 */
public record Observation(ArrayLayout layout, double raRad, double decRad, double startTime, int timeSteps,
                          double intervalSeconds, double startHourAngleRad, double firstFrequencyHz,
                          double channelWidthHz, int channels, List<? extends SkyComponent> sources,
                          double noiseJy, long seed) {
    /** Radians of hour angle per second of time (sidereal rate). */
    public static final double SIDEREAL_RATE = 2 * Math.PI / 86164.0905;
    public static final double SPEED_OF_LIGHT = 299_792_458.0;

    public double frequency(int channel) {
        return firstFrequencyHz + channel * channelWidthHz;
    }

    public int baselines() {
        int n = layout.antennas();
        return n * (n - 1) / 2;
    }

    public long rows() {
        return (long) baselines() * timeSteps;
    }
}
