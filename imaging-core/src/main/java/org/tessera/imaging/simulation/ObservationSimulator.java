package org.tessera.imaging.simulation;

import java.util.Random;

/**
 * Predicts the visibilities of an {@link Observation} row by row (time-major, then baselines
 * a1 < a2), exactly by direct summation over the sources: the reference sky the
 * imaging tests compare against. Linear feeds: XX = YY = I, XY = YX = 0, plus noise.
 */
public final class ObservationSimulator {

    /** Receives one simulated main-table row. Arrays are reused after the call returns. */
    public interface RowConsumer {
        /**
         * @param data   4 correlations × channels, interleaved (re, im), correlation fastest
         * @param weight weight of each correlation (1/σ² of the noise, or 1 without noise)
         */
        void row(int antenna1, int antenna2, double time, double[] uvw, float[] data, float weight);
    }

    private ObservationSimulator() {
    }

    public static void simulate(Observation obs, RowConsumer consumer) {
        UvwCalculator uvwCalculator = new UvwCalculator(obs.layout());
        Random noise = new Random(obs.seed());
        int n = obs.layout().antennas();
        int nchan = obs.channels();
        double[] uvw = new double[3];
        float[] data = new float[8 * nchan];
        double[] acc = new double[2];
        double[] wavelength = new double[nchan];
        for (int c = 0; c < nchan; c++) {
            wavelength[c] = Observation.SPEED_OF_LIGHT / obs.frequency(c);
        }
        float weight = obs.noiseJy() > 0 ? (float) (1 / (obs.noiseJy() * obs.noiseJy())) : 1f;
        for (int t = 0; t < obs.timeSteps(); t++) {
            double time = obs.startTime() + t * obs.intervalSeconds();
            double hourAngle = obs.startHourAngleRad() + t * obs.intervalSeconds() * Observation.SIDEREAL_RATE;
            for (int a1 = 0; a1 < n; a1++) {
                for (int a2 = a1 + 1; a2 < n; a2++) {
                    uvwCalculator.baseline(a1, a2, hourAngle, obs.decRad(), uvw, 0);
                    for (int c = 0; c < nchan; c++) {
                        acc[0] = 0;
                        acc[1] = 0;
                        for (SkyComponent s : obs.sources()) {
                            s.addVisibility(uvw[0], uvw[1], uvw[2], wavelength[c], acc);
                        }
                        int o = 8 * c;
                        for (int p = 0; p < 4; p++) {
                            boolean parallel = p == 0 || p == 3;
                            double re = parallel ? acc[0] : 0;
                            double im = parallel ? acc[1] : 0;
                            if (obs.noiseJy() > 0) {
                                re += obs.noiseJy() * noise.nextGaussian();
                                im += obs.noiseJy() * noise.nextGaussian();
                            }
                            data[o + 2 * p] = (float) re;
                            data[o + 2 * p + 1] = (float) im;
                        }
                    }
                    consumer.row(a1, a2, time, uvw, data, weight);
                }
            }
        }
    }
}
