package org.tessera.imaging.gridding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tessera.imaging.Image;
import org.tessera.imaging.ImageGeometry;
import org.tessera.imaging.VisibilityChunk;
import org.tessera.imaging.VisibilitySource;
import org.tessera.testsupport.PointSource;

/**
 * The CPU gridder's major cycle (one sort, kept across cycles) against the streaming one (predict in
 * source order, grid the difference), whose steps WGridderAccuracyTest checks against the direct sum.
 */
class MajorCycleTest {
    private static final ImageGeometry WIDE = new ImageGeometry(256, 192, Math.toRadians(8.0 / 60), 0.3, -0.5);

    private static SyntheticVisibilities data(ImageGeometry g) {
        return new SyntheticVisibilities(11, 3, 300, SyntheticVisibilities.frequencies(134e6, 164e6, 4), 90, 1000,
                1105, List.of(new PointSource(0, 0, 1.0), new PointSource(g.l(20), g.m(170), 0.7)));
    }

    private static double relativeDifference(Image a, Image b) {
        double err = 0;
        double peak = 0;
        for (int i = 0; i < a.pixels.length; i++) {
            err = Math.max(err, Math.abs(a.pixels[i] - b.pixels[i]));
            peak = Math.max(peak, Math.abs(b.pixels[i]));
        }
        return err / peak;
    }

    private static void compare(double epsilon, double bound) {
        compare(epsilon, bound, false);
    }

    /** parked: the kept samples wait in a temporary file between the cycles, as large ones do. */
    private static void compare(double epsilon, double bound, boolean parked) {
        Image model = WGridderAccuracyTest.model(WIDE);
        WGridder gridder = new WGridder(WIDE, epsilon, 2);
        MajorCycle sorted = parked ? new SortedMajorCycle(gridder, data(WIDE), null, 0) : gridder.majorCycle(data(WIDE), null);
        // the streaming residual subtracts in the chunks it is given, as an MS source's fresh reads allow: fresh copies
        SyntheticVisibilities stored = data(WIDE);
        VisibilitySource fresh = consumer -> stored.forEach(ch -> consumer.accept(new VisibilityChunk(ch.rows,
                ch.channels, ch.uvw, ch.frequencies, ch.vis.clone(), ch.weight)));
        GriddedImage expected = MajorCycle.streaming(gridder, fresh, null).residual(model);
        for (int cycle = 0; cycle < 2; cycle++) {
            GriddedImage residual = sorted.residual(model);
            assertEquals(expected.sumWeights(), residual.sumWeights(), 1e-12 * expected.sumWeights());
            double diff = relativeDifference(residual.image(), expected.image());
            System.out.printf("major cycle %d, eps=%.0e: |sorted - streaming| / peak = %.3g%n", cycle, epsilon, diff);
            assertTrue(diff <= bound, "difference " + diff);
        }
        assertTrue(sorted.predictSeconds() > 0);
    }

    @Test
    void singlePrecisionResidualMatchesStreaming() {
        compare(1e-4, 1e-6);
    }

    @Test
    void parkedSamplesGiveTheSameResidual() {
        compare(1e-4, 1e-6, true);
        compare(1e-12, 1e-7, true);
    }

    @Test
    void doublePrecisionResidualMatchesStreaming() {
        // the streaming residual rounds V - M to the chunk's floats, the sorted one keeps doubles here
        compare(1e-12, 1e-7);
    }
}
