package org.tessera.cli;

import org.tessera.imaging.simulation.ArrayLayout;
import org.tessera.imaging.simulation.Observation;
import org.tessera.imaging.simulation.PointSource;
import org.tessera.imaging.simulation.SimulatedMeasurementSet;

import java.nio.file.Path;
import java.util.List;

/** Small MeasurementSets the CLI tests write themselves, so they mean something on a fresh clone. */
final class TestMs {
    static final int ANTENNAS = 8;
    static final int BASELINES = ANTENNAS * (ANTENNAS - 1) / 2;
    static final int CHANNELS = 8;

    private TestMs() {
    }

    /** 8 antennas (28 baselines), the given number of 30 s time steps, 8 channels, 4 correlations, noise. */
    static Path simulate(Path dir, int timeSteps) {
        Path ms = dir.resolve("sim.ms");
        ArrayLayout layout = ArrayLayout.spiral(ANTENNAS, 50, 2000, Math.toRadians(-30), 12);
        Observation obs = new Observation(layout, 1.0, -0.5, 5.0e9, timeSteps, 30, -0.3, 1.4e9, 1.0e6, CHANNELS,
                List.of(new PointSource(1.0, 0, 0), new PointSource(0.3, 0.002, -0.001)), 0.01, 7);
        SimulatedMeasurementSet.write(ms, obs);
        return ms;
    }
}
