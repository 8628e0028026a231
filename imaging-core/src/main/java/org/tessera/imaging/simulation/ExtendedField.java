package org.tessera.imaging.simulation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tessera.imaging.ImageGeometry;

/**
 * The simulated MWA-like field of the multiscale tests and benchmark: 64 tiles on a spiral from 15 m to 1.5 km,
 * two hours at 150-156 MHz with noise, observing a point source and Gaussians 2, 4 and 9 beams wide, imaged at
 * 256² × 0.5 arcmin. Run as {@code java -cp tessera.jar org.tessera.imaging.simulation.ExtendedField OUT.ms}.
 */
public final class ExtendedField {
    public static final int SIZE = 256;
    public static final String SCALE = "0.5amin";
    public static final double CELL_RAD = Math.toRadians(0.5 / 60);
    public static final double RA_RAD = Math.toRadians(60);
    public static final double DEC_RAD = Math.toRadians(-30);
    public static final ImageGeometry GEOMETRY = new ImageGeometry(SIZE, SIZE, CELL_RAD, RA_RAD, DEC_RAD);
    /** This array's beam FWHM in pixels (about 2.3 arcmin), the unit of the sources' widths. */
    public static final double BEAM_PIXELS = 4.6;
    /** Flux (Jy), FWHM in beams (0: a point) and pixel (x, y) of each source. */
    private static final double[][] SKY = {{1.0, 0, 70, 185}, {2.0, 2, 185, 185}, {3.0, 4, 70, 70},
        {5.0, 9, 180, 80}};

    /** The spectral index of each source of {@link #sky()} in {@link #widebandObservation()}. */
    private static final double[] SPECTRAL_INDEX = {-0.7, -1.5, 0.8, -0.3};
    /** The frequency at which {@link #sky()} gives the fluxes of {@link #widebandObservation()}. */
    public static final double WIDEBAND_REFERENCE_HZ = 150e6;

    private ExtendedField() {
    }

    /** Flux (Jy), FWHM in beams and pixel (x, y) of each source. */
    public static double[][] sky() {
        return SKY.clone();
    }

    public static Observation observation() {
        List<SkyComponent> sky = new ArrayList<>();
        for (double[] s : SKY) {
            sky.add(new GaussianSource(s[0], s[1] * BEAM_PIXELS * CELL_RAD, GEOMETRY.l((int) s[2]),
                    GEOMETRY.m((int) s[3])));
        }
        ArrayLayout layout = ArrayLayout.spiral(64, 15, 1500, Math.toRadians(-27), 4);
        return new Observation(layout, RA_RAD, DEC_RAD, 4.9e9, 24, 300,
                Math.toRadians(-30), 150e6, 2e6, 4, sky, 0.5, 11);
    }

    public static double[] spectralIndices() {
        return SPECTRAL_INDEX.clone();
    }

    /**
     * The same array and sky over 135-165 MHz (16 channels of 1.875 MHz, 20 % fractional bandwidth), each source with its
     * spectral index about {@link #WIDEBAND_REFERENCE_HZ}: the wideband multiscale tests' field.
     */
    public static Observation widebandObservation() {
        List<SkyComponent> sky = new ArrayList<>();
        for (int i = 0; i < SKY.length; i++) {
            double[] s = SKY[i];
            sky.add(new SpectralGaussianSource(s[0], s[1] * BEAM_PIXELS * CELL_RAD, GEOMETRY.l((int) s[2]),
                    GEOMETRY.m((int) s[3]), WIDEBAND_REFERENCE_HZ, SPECTRAL_INDEX[i]));
        }
        Observation narrow = observation();
        return new Observation(narrow.layout(), RA_RAD, DEC_RAD, narrow.startTime(), narrow.timeSteps(),
                narrow.intervalSeconds(), narrow.startHourAngleRad(), 135e6 + 0.9375e6, 1.875e6, 16, sky, narrow.noiseJy(),
                narrow.seed());
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: ExtendedField OUT.ms");
            System.exit(2);
        }
        SimulatedMeasurementSet.write(Path.of(args[0]), observation());
    }
}
