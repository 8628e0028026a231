package org.tessera.imaging;

import java.util.function.Consumer;

/**
 * The visibilities of a source minus a model's predicted visibilities (given in source order,
 * interleaved re, im): what the major cycle grids to make the next residual image. The differences go
 * into fresh arrays: an in-memory source hands out its own chunks, which must stay the observed data.
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
            float[] difference = new float[2 * n];
            for (int i = 0; i < 2 * n; i++) {
                difference[i] = chunk.vis[i] - (float) predicted[base + i];
            }
            offset[0] += n;
            consumer.accept(new VisibilityChunk(chunk.rows, chunk.channels, chunk.uvw, chunk.frequencies,
                    difference, chunk.weight));
        });
    }
}
