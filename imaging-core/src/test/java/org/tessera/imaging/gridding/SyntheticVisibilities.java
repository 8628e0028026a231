package org.tessera.imaging.gridding;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.tessera.imaging.VisibilityChunk;
import org.tessera.imaging.VisibilitySource;
import org.tessera.testsupport.PointSource;
import org.tessera.testsupport.RandomVisibilities;

/** The shared random wide-field samples of point sources (test-support) as the gridding tests' visibility source. */
final class SyntheticVisibilities implements VisibilitySource {
    final List<VisibilityChunk> chunks = new ArrayList<>();

    /**
     * @param rowsPerChunk rows in each of {@code nChunks} chunks
     * @param uvMax        |u|, |v| <= uvMax metres
     * @param wMin         |w| in [wMin, wMax] metres, random sign
     */
    SyntheticVisibilities(long seed, int nChunks, int rowsPerChunk, double[] frequencies, double uvMax,
                          double wMin, double wMax, List<PointSource> sources) {
        for (RandomVisibilities.Block b : new RandomVisibilities(seed, uvMax, wMin, wMax, sources)
                .blocks(nChunks, rowsPerChunk, frequencies)) {
            chunks.add(new VisibilityChunk(b.rows(), b.channels(), b.uvw(), b.frequencies(), b.vis(), b.weight()));
        }
    }

    static double[] frequencies(double lo, double hi, int n) {
        double[] f = new double[n];
        for (int i = 0; i < n; i++) {
            f[i] = n == 1 ? lo : lo + (hi - lo) * i / (n - 1);
        }
        return f;
    }

    @Override
    public void forEach(Consumer<VisibilityChunk> consumer) {
        chunks.forEach(consumer);
    }
}
