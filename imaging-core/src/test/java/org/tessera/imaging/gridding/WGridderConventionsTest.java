package org.tessera.imaging.gridding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tessera.imaging.Image;
import org.tessera.imaging.ImageGeometry;
import org.tessera.imaging.weighting.ImagingWeights;
import org.tessera.imaging.weighting.WeightDensity;
import org.tessera.imaging.weighting.WeightingMode;
import org.tessera.testsupport.PointSource;

/** Phase sign, pixel convention and normalisation of the dirty image and PSF. */
class WGridderConventionsTest {
    private static final ImageGeometry G = new ImageGeometry(128, 128, Math.toRadians(10.0 / 60), 0, 0);

    private static SyntheticVisibilities data(List<PointSource> sources) {
        return new SyntheticVisibilities(11, 2, 400, SyntheticVisibilities.frequencies(134e6, 164e6, 3),
                80, 1000, 1105, sources);
    }

    private static int[] argmax(Image im) {
        int best = 0;
        for (int i = 1; i < im.pixels.length; i++) {
            if (im.pixels[i] > im.pixels[best]) {
                best = i;
            }
        }
        return new int[] {best % im.width, best / im.width};
    }

    @Test
    void eastAndNorthOffsetSourceAppearsLeftOfAndAboveCentre() {
        // l > 0 is east: smaller x; m > 0 is north: larger y
        int x = 40;
        int y = 100;
        assertEquals(true, G.l(x) > 0);
        assertEquals(true, G.m(y) > 0);
        SyntheticVisibilities d = data(List.of(new PointSource(G.l(x), G.m(y), 1)));
        Image dirty = DirtyImaging.dirty(new WGridder(G, 1e-4, 2), d, null);
        assertArrayEquals(new int[] {x, y}, argmax(dirty));
        assertEquals(1.0, dirty.get(x, y), 1e-4);
    }

    @Test
    void unitSourceAtCentreGivesOneAndPsfPeaksAtOne() {
        SyntheticVisibilities d = data(List.of(new PointSource(0, 0, 1)));
        WGridder gridder = new WGridder(G, 1e-4, 2);
        Image dirty = DirtyImaging.dirty(gridder, d, null);
        assertArrayEquals(new int[] {G.width() / 2, G.height() / 2}, argmax(dirty));
        assertEquals(1.0, dirty.get(G.width() / 2, G.height() / 2), 1e-5);
        Image psf = DirtyImaging.psf(gridder, d, null);
        assertArrayEquals(new int[] {G.width() / 2, G.height() / 2}, argmax(psf));
        assertEquals(1.0, psf.get(G.width() / 2, G.height() / 2), 1e-5);
    }

    @Test
    void partialImagesSumToTheWhole() {
        SyntheticVisibilities d = data(List.of(new PointSource(G.l(30), G.m(20), 1)));
        SyntheticVisibilities first = new SyntheticVisibilities(0, 0, 0, new double[] {1e8}, 1, 1, 1, List.of());
        SyntheticVisibilities second = new SyntheticVisibilities(0, 0, 0, new double[] {1e8}, 1, 1, 1, List.of());
        first.chunks.add(d.chunks.get(0));
        second.chunks.add(d.chunks.get(1));
        WGridder gridder = new WGridder(G, 1e-5, 2);
        GriddedImage whole = gridder.grid(d, null, false);
        GriddedImage sum = gridder.grid(first, null, false).plus(gridder.grid(second, null, false));
        assertEquals(whole.sumWeights(), sum.sumWeights(), 1e-9 * whole.sumWeights());
        double peak = whole.image().maxAbs();
        for (int i = 0; i < whole.image().pixels.length; i++) {
            assertEquals(whole.image().pixels[i], sum.image().pixels[i], 3e-5 * peak);
        }
    }

    @Test
    void resultDoesNotDependOnThreadCountBeyondRounding() {
        SyntheticVisibilities d = data(List.of(new PointSource(G.l(30), G.m(20), 1)));
        Image one = new WGridder(G, 1e-4, 1).grid(d, null, false).image();
        Image three = new WGridder(G, 1e-4, 3).grid(d, null, false).image();
        Image threeAgain = new WGridder(G, 1e-4, 3).grid(d, null, false).image();
        double peak = one.maxAbs();
        for (int i = 0; i < one.pixels.length; i++) {
            assertEquals(one.pixels[i], three.pixels[i], 1e-12 * peak);
        }
        assertArrayEquals(three.pixels, threeAgain.pixels);
    }

    @Test
    void briggsWeightedDirtyImageMatchesTheDirectSum() {
        SyntheticVisibilities d = data(List.of(new PointSource(G.l(30), G.m(20), 1), new PointSource(0, 0, 0.5)));
        ImagingWeights briggs = new ImagingWeights(WeightingMode.BRIGGS, 0.0, WeightDensity.accumulate(G, d));
        int[][] px = WGridderAccuracyTest.testPixels(G);
        double[] exact = DirectFourierSum.dirtyPixels(d, G, px[0], px[1], briggs, false);
        GriddedImage gridded = new WGridder(G, 1e-5, 2).grid(d, briggs, false);
        assertEquals(DirectFourierSum.sumOfWeights(d, briggs, false), gridded.sumWeights(), 1e-9 * gridded.sumWeights());
        double peak = 0;
        for (double e : exact) {
            peak = Math.max(peak, Math.abs(e));
        }
        for (int i = 0; i < exact.length; i++) {
            assertEquals(exact[i], gridded.image().get(px[0][i], px[1][i]), 3e-5 * peak);
        }
    }

    @Test
    void degridThenGridIsAdjoint() {
        // <grid(V), I> = Re <V, degrid(I)> for any model I: the two operators are adjoint
        SyntheticVisibilities d = data(List.of(new PointSource(G.l(30), G.m(20), 1), new PointSource(0.05, 0.1, 2)));
        WGridder gridder = new WGridder(G, 1e-12, 2);
        Image model = WGridderAccuracyTest.model(G);
        double[] predicted = gridder.predict(model, d);
        Image dirty = gridder.grid(d, null, false).image();
        double lhs = 0;
        for (int i = 0; i < model.pixels.length; i++) {
            lhs += dirty.pixels[i] * model.pixels[i];
        }
        double rhs = 0;
        int offset = 0;
        for (var ch : d.chunks) {
            for (int i = 0; i < ch.rows * ch.channels; i++) {
                double w = ch.weight[i];
                rhs += w * (ch.vis[2 * i] * predicted[offset + 2 * i] + ch.vis[2 * i + 1] * predicted[offset + 2 * i + 1]);
            }
            offset += 2 * ch.rows * ch.channels;
        }
        assertEquals(rhs, lhs, 1e-9 * Math.abs(rhs));
    }
}
