package org.tessera.imaging;

/** Longest baselines, in wavelengths, among the samples that carry weight. */
final class UvExtent {
    private UvExtent() {
    }

    static double maxUvWavelengths(VisibilitySource source) {
        double[] max = {0};
        source.forEach(chunk -> {
            double fmax = 0;
            for (double f : chunk.frequencies) {
                fmax = Math.max(fmax, f);
            }
            for (int r = 0; r < chunk.rows; r++) {
                boolean used = false;
                for (int c = 0; c < chunk.channels && !used; c++) {
                    used = chunk.weight[r * chunk.channels + c] > 0;
                }
                if (used) {
                    double u = chunk.uvw[3 * r];
                    double v = chunk.uvw[3 * r + 1];
                    max[0] = Math.max(max[0], Math.sqrt(u * u + v * v) * fmax / 299_792_458.0);
                }
            }
        });
        return max[0];
    }

    /**
     * The longest 3-D baseline √(u²+v²+w²) in wavelengths among weighted samples whose (u, v) lies
     * inside the image's uv plane (|u|, |v| < 1/(2 cell)): WSClean's "theoretic beam" is its inverse.
     */
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
                    double f = chunk.frequencies[c] / 299_792_458.0;
                    if (chunk.weight[r * chunk.channels + c] > 0 && Math.abs(u * f) < limit && Math.abs(v * f) < limit) {
                        max[0] = Math.max(max[0], length * f);
                    }
                }
            }
        });
        return max[0];
    }
}
