package org.tessera.imaging.simulation;

import org.tessera.casacore.write.MeasurementSetBuilder;
import org.tessera.casacore.write.MsSetup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes an {@link Observation} as a MeasurementSet with the project's own MS writer. */
public final class SimulatedMeasurementSet {
    private static final double EARTH_RADIUS = 6_378_137.0;
    /** Correlations written: linear feeds XX, XY, YX, YY. */
    private static final int[] LINEAR = {9, 10, 11, 12};

    private SimulatedMeasurementSet() {
    }

    public static void write(Path dir, Observation obs) {
        MeasurementSetBuilder ms = MeasurementSetBuilder.create(dir, setup(obs));
        try {
            float[] weight = new float[4];
            float[] sigma = new float[4];
            ObservationSimulator.simulate(obs, (a1, a2, time, uvw, data, w) -> {
                java.util.Arrays.fill(weight, w);
                java.util.Arrays.fill(sigma, (float) (1 / Math.sqrt(w)));
                ms.addRow(new MeasurementSetBuilder.Row(a1, a2, time, obs.intervalSeconds(), uvw, data,
                        null, weight, sigma, null));
            });
            ms.close();
        } catch (RuntimeException e) {
            ms.abort();
            throw e;
        }
    }

    private static MsSetup setup(Observation obs) {
        ArrayLayout layout = obs.layout();
        double[] centre = {EARTH_RADIUS * Math.cos(layout.latitudeRad()), 0,
            EARTH_RADIUS * Math.sin(layout.latitudeRad())};
        List<MsSetup.Antenna> antennas = new ArrayList<>();
        for (int k = 0; k < layout.antennas(); k++) {
            double[] xyz = layout.equatorial(k);
            double[] itrf = {centre[0] + xyz[0], centre[1] + xyz[1], centre[2] + xyz[2]};
            antennas.add(new MsSetup.Antenna(String.format("SIM%03d", k), String.format("S%03d", k), itrf,
                    layout.dishDiameter()));
        }
        double[] freqs = new double[obs.channels()];
        for (int c = 0; c < freqs.length; c++) {
            freqs[c] = obs.frequency(c);
        }
        double half = obs.intervalSeconds() / 2;
        return new MsSetup(antennas, freqs, obs.channelWidthHz(), LINEAR, obs.raRad(), obs.decRad(),
                "SIMULATED", "TESSERA-SIM", obs.startTime() - half,
                obs.startTime() + (obs.timeSteps() - 1) * obs.intervalSeconds() + half, true, false);
    }
}
