package org.tessera.pipeline;

import org.tessera.imaging.VisibilitySource;

/**
 * The longest 3-D baseline in wavelengths among weighted samples inside the image's uv plane,
 * per partition; the job's is the maximum over partitions. Its inverse is WSClean's theoretic
 * beam, where the beam fit starts: the same rule as the in-process imager's.
 */
final class BaselineExtent {
    private static final double SPEED_OF_LIGHT = 299_792_458.0;

    private BaselineExtent() {
    }

    static double maxBaselineWavelengths(VisibilitySource source, double cellRad) {
        double limit = 0.5 / cellRad;
        double[] max = {0};
        source.forEach(chunk -> {
            for (int r = 0; r < chunk.rows; r++) {
                double u = chunk.uvw[3 * r];
                double v = chunk.uvw[3 * r + 1];
                double w = chunk.uvw[3 * r + 2];
                double length = Math.sqrt(u * u + v * v + w * w);
                for (int c = 0; c < chunk.channels; c++) {
                    double f = chunk.frequencies[c] / SPEED_OF_LIGHT;
                    if (chunk.weight[r * chunk.channels + c] > 0 && Math.abs(u * f) < limit
                            && Math.abs(v * f) < limit) {
                        max[0] = Math.max(max[0], length * f);
                    }
                }
            }
        });
        return max[0];
    }
}
