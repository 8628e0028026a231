package org.tessera.imaging.gridding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tessera.imaging.ResidualVisibilities;
import org.tessera.imaging.VisibilityChunk;
import org.tessera.testsupport.PointSource;

/** The residual visibilities of an in-memory source: observed minus predicted, every pass, the source untouched. */
class ResidualVisibilitiesTest {

    @Test
    void subtractsThePredictionWithoutChangingTheObservedChunks() {
        SyntheticVisibilities observed = new SyntheticVisibilities(7, 3, 40,
                SyntheticVisibilities.frequencies(150e6, 160e6, 4), 500, 0, 50,
                List.of(new PointSource(0.01, -0.02, 2.0)));
        List<float[]> before = new ArrayList<>();
        int samples = 0;
        for (VisibilityChunk c : observed.chunks) {
            before.add(c.vis.clone());
            samples += c.rows * c.channels;
        }
        double[] predicted = new double[2 * samples];
        for (int i = 0; i < predicted.length; i++) {
            predicted[i] = 0.25 * (i % 7) - 0.5;
        }
        ResidualVisibilities residual = new ResidualVisibilities(observed, predicted);
        for (int pass = 0; pass < 2; pass++) {
            int[] offset = {0};
            residual.forEach(chunk -> {
                float[] vis = before.get(offset[0] / (2 * 40 * 4));
                for (int i = 0; i < chunk.vis.length; i++) {
                    assertEquals(vis[i] - (float) predicted[offset[0] + i], chunk.vis[i], 0f,
                            "residual sample " + (offset[0] + i));
                }
                offset[0] += chunk.vis.length;
            });
            assertEquals(2 * samples, offset[0]);
        }
        for (int k = 0; k < before.size(); k++) {
            assertArrayEquals(before.get(k), observed.chunks.get(k).vis, "observed chunk " + k);
        }
    }
}
