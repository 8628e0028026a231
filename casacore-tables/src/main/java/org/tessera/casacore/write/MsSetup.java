package org.tessera.casacore.write;

import java.util.List;

/**
 * What a simulated MeasurementSet contains besides its visibilities: one array of antennas,
 * one field, one spectral window and one polarization setup.
 *
 * @param antennas          the antennas, ITRF positions in metres
 * @param channelFrequencies channel centre frequencies in Hz
 * @param channelWidth      channel width in Hz
 * @param corrTypes         Stokes codes of the correlations (XX 9, XY 10, YX 11, YY 12, RR 5 ...)
 * @param phaseCentreRa     field phase centre right ascension (J2000, radians)
 * @param phaseCentreDec    field phase centre declination (J2000, radians)
 * @param fieldName         field name
 * @param telescopeName     telescope name (OBSERVATION::TELESCOPE_NAME)
 * @param startTime         observation start (MJD seconds, UTC)
 * @param endTime           observation end (MJD seconds, UTC)
 * @param withData          write a DATA column
 * @param withWeightSpectrum write a WEIGHT_SPECTRUM column
 */
public record MsSetup(List<Antenna> antennas, double[] channelFrequencies, double channelWidth, int[] corrTypes,
                      double phaseCentreRa, double phaseCentreDec, String fieldName, String telescopeName,
                      double startTime, double endTime, boolean withData, boolean withWeightSpectrum) {
    /** One antenna: name, station, ITRF position (m) and dish diameter (m). */
    public record Antenna(String name, String station, double[] position, double dishDiameter) {
    }

    public MsSetup {
        antennas = List.copyOf(antennas);
        channelFrequencies = channelFrequencies.clone();
        corrTypes = corrTypes.clone();
        if (channelFrequencies.length == 0 || corrTypes.length == 0) {
            throw new IllegalArgumentException("an MS needs at least one channel and one correlation");
        }
    }

    public int nchan() {
        return channelFrequencies.length;
    }

    public int ncorr() {
        return corrTypes.length;
    }
}
