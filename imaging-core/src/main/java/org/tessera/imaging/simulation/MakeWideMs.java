package org.tessera.imaging.simulation;

import org.tessera.casacore.ms.Antenna;
import org.tessera.casacore.ms.Field;
import org.tessera.casacore.ms.MeasurementSet;

import java.nio.file.Path;
import java.util.List;

/**
 * The wide-field imaging benchmark's MS (bench/image-benchmark.sh): a template MS's antennas and
 * phase centre, 24 channels over 134-164 MHz like MWA, {@code steps} 8 s integrations centred on
 * transit, a few point sources out to 12 degrees and a little noise. Run as
 * {@code java -cp tessera.jar (or the GPU bundle's jars) org.tessera.imaging.simulation.MakeWideMs TEMPLATE.ms OUT.ms STEPS}.
 */
public final class MakeWideMs {
    private static final int CHANNELS = 24;
    private static final double FIRST_HZ = 134.0e6;
    private static final double WIDTH_HZ = 30.0e6 / CHANNELS;
    private static final double INTERVAL_S = 8;

    private MakeWideMs() {
    }

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: MakeWideMs TEMPLATE.ms OUT.ms TIME_STEPS");
            System.exit(2);
        }
        int steps = Integer.parseInt(args[2]);
        ArrayLayout layout;
        Field field;
        try (MeasurementSet template = MeasurementSet.open(Path.of(args[0]))) {
            List<Antenna> antennas = template.antennas();
            double[][] itrf = new double[antennas.size()][];
            for (int k = 0; k < itrf.length; k++) {
                itrf[k] = antennas.get(k).position();
            }
            layout = ArrayLayout.fromItrf(itrf, antennas.get(0).dishDiameter());
            field = template.fields().get(0);
        }
        List<PointSource> sky = List.of(
                new PointSource(10, 0, 0),
                new PointSource(4, 0.1, 0.05),
                new PointSource(3, -0.15, 0.12),
                new PointSource(2, 0.08, -0.2),
                new PointSource(1, -0.2, -0.1));
        double startHa = -0.5 * (steps - 1) * INTERVAL_S * Observation.SIDEREAL_RATE;
        Observation obs = new Observation(layout, field.raRad(), field.decRad(), 4.9e9, steps, INTERVAL_S,
                startHa, FIRST_HZ + WIDTH_HZ / 2, WIDTH_HZ, CHANNELS, sky, 0.5, 1);
        SimulatedMeasurementSet.write(Path.of(args[1]), obs);
        System.out.printf("%s: %d antennas, %d rows x %d channels = %d Stokes I visibilities%n", args[1],
                layout.antennas(), obs.rows(), CHANNELS, obs.rows() * CHANNELS);
    }
}
