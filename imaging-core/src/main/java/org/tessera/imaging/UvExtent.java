package org.tessera.imaging;

import java.util.function.Consumer;

/** The longest projected baseline √(u²+v²), in wavelengths, among the samples that carry weight. */
final class UvExtent implements Consumer<VisibilityChunk> {
    private double max;

    @Override
    public void accept(VisibilityChunk chunk) {
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
                max = Math.max(max, Math.sqrt(u * u + v * v) * fmax / 299_792_458.0);
            }
        }
    }

    double max() {
        return max;
    }
}
