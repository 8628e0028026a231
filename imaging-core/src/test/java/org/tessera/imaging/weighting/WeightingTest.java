package org.tessera.imaging.weighting;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.tessera.imaging.ImageGeometry;
import org.tessera.imaging.VisibilityChunk;
import org.tessera.imaging.VisibilitySource;

class WeightingTest {
    private static final double C = 299792458.0;
    /** 8 x 6 image of 0.01 rad: uv cells of 1/(8*0.01) = 12.5 by 1/(6*0.01) = 16.67 wavelengths. */
    private static final ImageGeometry G = new ImageGeometry(8, 6, 0.01, 0, 0);

    /** One channel at c Hz, so metres equal wavelengths. */
    private static VisibilityChunk chunk(double[][] uvWeight) {
        VisibilityChunk ch = VisibilityChunk.allocate(uvWeight.length, 1, new double[] {C});
        for (int r = 0; r < uvWeight.length; r++) {
            ch.uvw[3 * r] = uvWeight[r][0];
            ch.uvw[3 * r + 1] = uvWeight[r][1];
            ch.weight[r] = (float) uvWeight[r][2];
        }
        return ch;
    }

    private static VisibilitySource source(VisibilityChunk... chunks) {
        return (Consumer<VisibilityChunk> c) -> List.of(chunks).forEach(c);
    }

    // cell (x, y) holds u in [(x-4)*12.5, (x-3)*12.5), v in [y*16.67, (y+1)*16.67), y < 3
    private static final double[][] SAMPLES = {
        {1, 1, 2},        // cell (4, 0)
        {-1, -1, 3},      // v < 0: counted at (1, 1), cell (4, 0)
        {13, 20, 1},      // cell (5, 1)
        {-13, -20, 4},    // conjugate: (13, 20) -> cell (5, 1)
        {14, 21, 0},      // zero weight: not counted
        {100, 0, 5},      // outside the grid: not counted
        {-30, 40, 1},     // cell (1, 2)
    };

    @Test
    void densityCountsEachSampleAndItsConjugateInOneCell() {
        WeightDensity d = WeightDensity.accumulate(G, source(chunk(SAMPLES)));
        assertEquals(8, d.width());
        assertEquals(6, d.height());
        assertEquals(5.0, d.densityAt(1, 1));
        assertEquals(5.0, d.densityAt(-1, -1));
        assertEquals(5.0, d.densityAt(13, 20));
        assertEquals(1.0, d.densityAt(-30, 40));
        assertEquals(0.0, d.densityAt(100, 0));
        assertEquals(2 + 3 + 1 + 4 + 1, d.totalWeight());
        assertEquals(5 * 5 + 5 * 5 + 1, d.sumOfSquares());
    }

    @Test
    void uniformAndBriggsWeightsByHand() {
        WeightDensity d = WeightDensity.accumulate(G, source(chunk(SAMPLES)));
        ImagingWeights uniform = new ImagingWeights(WeightingMode.UNIFORM, 0, d);
        assertEquals(2f / 5, uniform.weight(1, 1, 2f), 1e-7);
        assertEquals(1f / 1, uniform.weight(-30, 40, 1f), 1e-7);
        assertEquals(0f, uniform.weight(100, 0, 5f));

        double robust = 0.5;
        ImagingWeights briggs = new ImagingWeights(WeightingMode.BRIGGS, robust, d);
        double f2 = Math.pow(5 * Math.pow(10, -robust), 2) / (51.0 / 11.0);
        assertEquals(f2, ImagingWeights.briggsFSquared(robust, d), 1e-12);
        assertEquals(3 / (1 + 5 * f2), briggs.weight(-1, -1, 3f), 1e-6);
        assertEquals(1 / (1 + 1 * f2), briggs.weight(-30, 40, 1f), 1e-6);

        ImagingWeights natural = ImagingWeights.natural();
        assertEquals(2.5f, natural.weight(1000, 1000, 2.5f));
    }

    @Test
    void briggsTendsToUniformAndNatural() {
        WeightDensity d = WeightDensity.accumulate(G, source(chunk(SAMPLES)));
        ImagingWeights veryUniform = new ImagingWeights(WeightingMode.BRIGGS, -5, d);
        ImagingWeights veryNatural = new ImagingWeights(WeightingMode.BRIGGS, 5, d);
        double f2 = ImagingWeights.briggsFSquared(-5, d);
        assertEquals(2 / (5 * f2), veryUniform.weight(1, 1, 2f), 1e-6 * 2 / (5 * f2));
        assertEquals(2f, veryNatural.weight(1, 1, 2f), 1e-5);
    }

    @Test
    void densitiesOfTwoHalvesAddUpToTheWhole() {
        ImageGeometry g = new ImageGeometry(64, 48, 0.002, 0, 0);
        Random rnd = new Random(3);
        double[][] all = new double[500][];
        for (int i = 0; i < all.length; i++) {
            all[i] = new double[] {rnd.nextGaussian() * 100, rnd.nextGaussian() * 100, rnd.nextInt(4)};
        }
        double[][] a = java.util.Arrays.copyOfRange(all, 0, 230);
        double[][] b = java.util.Arrays.copyOfRange(all, 230, all.length);
        WeightDensity whole = WeightDensity.accumulate(g, source(chunk(all)));
        WeightDensity merged = WeightDensity.accumulate(g, source(chunk(a)));
        merged.add(WeightDensity.accumulate(g, source(chunk(b))));
        assertArrayEquals(whole.densities(), merged.densities(), 1e-12);
        assertEquals(whole.totalWeight(), merged.totalWeight(), 1e-12);

        WeightDensity copy = WeightDensity.fromBytes(merged.toBytes());
        assertEquals(merged, copy);
        assertThrows(IllegalArgumentException.class, () -> merged.add(new WeightDensity(G)));
    }
}
