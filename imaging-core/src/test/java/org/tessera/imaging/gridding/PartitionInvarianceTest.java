package org.tessera.imaging.gridding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tessera.imaging.Image;
import org.tessera.imaging.ImageGeometry;
import org.tessera.imaging.VisibilitySource;
import org.tessera.testsupport.PointSource;

/**
 * Gridding with the plan of the merged w range, partial images of a split of the data sum to the
 * image of the whole to float rounding at the default epsilon, and partial predictions are the
 * whole's predictions.
 */
class PartitionInvarianceTest {
    private static final ImageGeometry G = new ImageGeometry(128, 96, Math.toRadians(8.0 / 60), 0.3, -0.5);

    private static SyntheticVisibilities data() {
        // chunk k has w in [300 + 400 k, 700 + 400 k] m: each part has its own w range
        SyntheticVisibilities all = new SyntheticVisibilities(11, 1, 200,
                SyntheticVisibilities.frequencies(134e6, 164e6, 4), 60, 300, 700,
                List.of(new PointSource(0, 0, 1), new PointSource(G.l(10), G.m(80), 0.6)));
        for (int k = 1; k < 3; k++) {
            all.chunks.addAll(new SyntheticVisibilities(11 + k, 1, 200,
                    SyntheticVisibilities.frequencies(134e6, 164e6, 4), 60, 300 + 400 * k, 700 + 400 * k,
                    List.of(new PointSource(0, 0, 1), new PointSource(G.l(10), G.m(80), 0.6))).chunks);
        }
        return all;
    }

    private static VisibilitySource part(SyntheticVisibilities data, int k) {
        return consumer -> consumer.accept(data.chunks.get(k));
    }

    @Test
    void partialImagesWithTheMergedPlanSumToTheWhole() {
        SyntheticVisibilities data = data();
        WRange merged = WRange.EMPTY;
        for (int k = 0; k < 3; k++) {
            merged = merged.merge(WRange.of(part(data, k)));
        }
        assertEquals(WRange.of(data), merged);
        GridderSettings settings = new GridderSettings(G, GridderSettings.DEFAULT_EPSILON, 2);
        WGridder global = new WGridder(settings, merged);
        for (boolean psf : new boolean[] {true, false}) {
            GriddedImage whole = global.grid(data, null, psf);
            GriddedImage sum = global.grid(part(data, 0), null, psf);
            for (int k = 1; k < 3; k++) {
                sum = sum.plus(global.grid(part(data, k), null, psf));
            }
            double merr = maxDiff(sum.image(), whole.image()) / whole.image().maxAbs();
            System.out.printf("psf=%s: parts with the merged plan differ from the whole by %.3g of the peak%n",
                    psf, merr);
            assertTrue(merr <= 1e-6, "merged plan: " + merr);
        }
        Image model = new Image(G.width(), G.height());
        model.set(G.width() / 2, G.height() / 2, 1.0);
        model.set(10, 80, 0.5);
        double[] whole = global.predict(model, data);
        int offset = 0;
        for (int k = 0; k < 3; k++) {
            double[] p = global.predict(model, part(data, k));
            for (int i = 0; i < p.length; i++) {
                assertEquals(whole[offset + i], p[i], 1e-12, "sample " + (offset + i));
            }
            offset += p.length;
        }
    }

    /**
     * The parts hold disjoint w slabs: on the common plan each reaches only its own planes (plus the
     * kernel support), the planes it has samples for are those the plan says, and together the
     * parts transform far fewer planes than K times the whole stack.
     */
    @Test
    void wSlabsReachOnlyTheirOwnPlanes() {
        SyntheticVisibilities data = data();
        WRange merged = WRange.of(data);
        GridderSettings settings = new GridderSettings(G, GridderSettings.DEFAULT_EPSILON, 1);
        WGridPlan plan = WGridPlan.forRange(settings, merged);
        int support = plan.kernel().support();
        int total = 0;
        for (int k = 0; k < 3; k++) {
            WSortedVisibilities sorted = WSortedVisibilities.build(part(data, k), plan, settings, null,
                    WSortedVisibilities.Purpose.DIRTY);
            int withSamples = 0;
            for (int p = 0; p < plan.planes(); p++) {
                int firstLo = Math.max(0, p - support + 1);
                int firstHi = Math.min(p, plan.planes() - support);
                if (sorted.planeStart(firstLo) < sorted.planeStart(firstHi + 1)) {
                    withSamples++;
                }
            }
            assertEquals(plan.planesReached(WRange.of(part(data, k))), withSamples, "part " + k);
            total += withSamples;
        }
        System.out.printf("%d planes, support %d: the 3 w slabs transform %d planes in all%n", plan.planes(),
                support, total);
        assertEquals(plan.planesReached(merged), plan.planes());
        assertTrue(total <= plan.planes() + 3 * support, total + " planes transformed");
        assertTrue(total < 2 * plan.planes(), total + " planes transformed");
    }

    @Test
    void aSampleOutsideThePlansRangeIsRefused() {
        SyntheticVisibilities data = data();
        WRange narrow = WRange.of(part(data, 0));
        WGridder gridder = new WGridder(new GridderSettings(G, 1e-4, 1), narrow);
        assertThrows(IllegalArgumentException.class, () -> gridder.grid(part(data, 2), null, false));
    }

    private static double maxDiff(Image a, Image b) {
        double d = 0;
        for (int i = 0; i < a.pixels.length; i++) {
            d = Math.max(d, Math.abs(a.pixels[i] - b.pixels[i]));
        }
        return d;
    }
}
