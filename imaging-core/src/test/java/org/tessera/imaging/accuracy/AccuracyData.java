package org.tessera.imaging.accuracy;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.tessera.imaging.ImageGeometry;
import org.tessera.imaging.simulation.ArrayLayout;
import org.tessera.imaging.simulation.Observation;
import org.tessera.imaging.simulation.PointSource;

/** Shared MeasurementSets (skipped when ../shared is absent) and simulated observations for the accuracy tests. */
final class AccuracyData {
    private AccuracyData() {
    }

    /** A MeasurementSet from ../shared/data/ms; the test is skipped when it is not there. */
    static Path sharedMs(String name) {
        Path root = Path.of(System.getProperty("tessera.root", "..")).toAbsolutePath().normalize();
        Path ms = root.resolve("../shared/data/ms").resolve(name).normalize();
        assumeTrue(Files.isDirectory(ms), "skipped: " + ms + " not found (../shared is absent in a plain clone)");
        return ms;
    }

    /**
     * A low-frequency array (24 antennas, baselines to about 2.6 km) observing at declination -70°
     * from latitude -27° over an hour at 140-164 MHz: zenith angles near 45° give |w| above 1000 m.
     */
    static Observation wideField(List<PointSource> sky, double noiseJy, int timeSteps, long seed) {
        ArrayLayout layout = ArrayLayout.spiral(24, 40, 1300, Math.toRadians(-27), 6);
        return new Observation(layout, Math.toRadians(80), Math.toRadians(-70), 4.9e9, timeSteps, 360,
                Math.toRadians(-15), 140e6, 8e6, 4, sky, noiseJy, seed);
    }

    /** A point source centred on pixel (x, y) of geometry g (direction cosines as the gridder defines them). */
    static PointSource onPixel(ImageGeometry g, double flux, int x, int y) {
        return new PointSource(flux, g.l(x), g.m(y));
    }
}
