package org.tessera.imaging.spectral;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import org.tessera.casacore.ms.SpectralWindow;
import org.tessera.imaging.Band;
import org.tessera.imaging.ParameterException;

/**
 * WSClean's division of channels into {@code -channels-out} groups: every distinct channel of every spectral window,
 * in order of frequency; {@code -channel-range A B} keeps channels A … B−1 of those; group k of N holds channels
 * k·n/N … (k+1)·n/N − 1 (integer division, n selected channels), so the groups have equal numbers of channels
 * (equal bandwidth for equally wide channels).
 */
public final class ChannelGroups {
    private ChannelGroups() {
    }

    /** The groups of {@code windows}; an impossible selection is a {@link ParameterException} naming the MS. */
    public static List<ChannelGroup> of(List<SpectralWindow> windows, SpectralParameters spectral, String ms) {
        TreeMap<Double, Double> widths = new TreeMap<>();
        for (SpectralWindow spw : windows) {
            for (int c = 0; c < spw.channels(); c++) {
                widths.putIfAbsent(spw.chanFreq()[c], Math.abs(spw.chanWidth()[c]));
            }
        }
        List<double[]> channels = new ArrayList<>();
        widths.forEach((f, w) -> channels.add(new double[] {f, w}));
        channels.sort(Comparator.comparingDouble(c -> c[0]));
        int start = spectral.channelStart();
        int end = spectral.channelEnd() < 0 ? channels.size() : spectral.channelEnd();
        if (end > channels.size()) {
            throw new ParameterException(ms + ": -channel-range " + start + " " + end + " goes past the "
                    + channels.size() + " channels of the MeasurementSet");
        }
        int n = end - start;
        int groups = spectral.channelsOut();
        if (groups > n) {
            throw new ParameterException(ms + ": -channels-out " + groups + " asks for more groups than the " + n
                    + " channels selected");
        }
        List<ChannelGroup> out = new ArrayList<>();
        for (int k = 0; k < groups; k++) {
            double[] low = channels.get(start + (int) ((long) k * n / groups));
            double[] high = channels.get(start + (int) ((long) (k + 1) * n / groups) - 1);
            double bandStart = low[0] - low[1] / 2;
            double bandEnd = high[0] + high[1] / 2;
            int count = (int) ((long) (k + 1) * n / groups - (long) k * n / groups);
            out.add(new ChannelGroup(k, low[0], high[0], count,
                    new Band((bandStart + bandEnd) / 2, bandEnd - bandStart)));
        }
        return out;
    }
}
