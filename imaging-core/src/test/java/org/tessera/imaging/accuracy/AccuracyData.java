package org.tessera.imaging.accuracy;

import java.util.List;
import org.tessera.imaging.ImageGeometry;
import org.tessera.imaging.simulation.ArrayLayout;
import org.tessera.imaging.simulation.Observation;
import org.tessera.imaging.simulation.PointSource;

/** Simulated observations for the accuracy tests (the real MSs come from test-support's SharedMs). */
final class AccuracyData {
    private AccuracyData() {
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
