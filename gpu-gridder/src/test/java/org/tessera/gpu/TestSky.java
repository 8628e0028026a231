package org.tessera.gpu;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.tessera.imaging.VisibilityChunk;
import org.tessera.imaging.VisibilitySource;
import org.tessera.imaging.gridding.GridderSettings;
import org.tessera.imaging.gridding.WGridPlan;
import org.tessera.imaging.gridding.WRange;
import org.tessera.imaging.gridding.WSortedVisibilities;
import org.tessera.testsupport.PointSource;
import org.tessera.testsupport.RandomVisibilities;

/** The shared random wide-field samples of point sources (test-support), |w| up to wMax, as the GPU tests' source. */
final class TestSky implements VisibilitySource {
    private final List<VisibilityChunk> chunks;

    /** @param sources rows of (l, m, flux) */
    TestSky(long seed, int nChunks, int rows, double[] freqs, double uvMax, double wMax, double[][] sources) {
        List<PointSource> sky = Stream.of(sources).map(s -> new PointSource(s[0], s[1], s[2])).toList();
        chunks = new RandomVisibilities(seed, uvMax, 0, wMax, sky).blocks(nChunks, rows, freqs).stream()
                .map(b -> new VisibilityChunk(b.rows(), b.channels(), b.uvw(), b.frequencies(), b.vis(), b.weight()))
                .toList();
    }

    /** The w-sorted samples of the dirty image of {@code sky}, unweighted, on the plan of its own range. */
    static WSortedVisibilities sorted(VisibilitySource sky, GridderSettings settings) {
        return WSortedVisibilities.forImage(sky, WGridPlan.forRange(settings, WRange.of(sky)), settings, null, false);
    }

    /** A small wide-field case: 64 x 48 pixels of 0.5 deg-ish total field, strong w terms. */
    static TestSky small(long seed) {
        return new TestSky(seed, 3, 700, new double[] {1.0e8, 1.2e8, 1.4e8}, 1500, 800,
                new double[][] {{0.0, 0.0, 1.0}, {0.05, -0.04, 0.5}, {-0.08, 0.06, 0.7}});
    }

    @Override
    public void forEach(Consumer<VisibilityChunk> consumer) {
        chunks.forEach(consumer);
    }
}
