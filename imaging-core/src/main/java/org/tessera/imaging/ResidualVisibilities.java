package org.tessera.imaging;

import java.util.function.Consumer;

/**
 * The visibilities of a source minus a model's predicted visibilities (given in source order,
 * interleaved re, im): what the major cycle grids to make the next residual image.
 */
public final class ResidualVisibilities implements VisibilitySource {
    private final VisibilitySource observed;
    private final double[] predicted;

    public ResidualVisibilities(VisibilitySource observed, double[] predicted) {
        this.observed = observed;
        this.predicted = predicted;
    }

    @Override
    public void forEach(Consumer<VisibilityChunk> consumer) {
        long[] offset = {0};
        observed.forEach(chunk -> {
            int n = chunk.rows * chunk.channels;
            int base = (int) (2 * offset[0]);
            for (int i = 0; i < 2 * n; i++) {
                chunk.vis[i] -= (float) predicted[base + i];
            }
            offset[0] += n;
            consumer.accept(chunk);
        });
    }
}
