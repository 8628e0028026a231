package org.tessera.imaging.gridding;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class GridCorrectionTest {
    /** The tabulated w-correction equals the exact quadrature to ~1e-12 over its range, for each kernel. */
    @Test
    void tableMatchesTheExactCorrection() {
        for (double epsilon : new double[] {1e-4, 1e-5, 1e-12}) {
            EsKernel kernel = new EsKernel(EsKernelTable.candidates(epsilon, epsilon >= 1e-5).get(0));
            double lo = -0.3;
            double hi = 0.3;
            GridCorrection.Table table = new GridCorrection.Table(kernel, lo, hi);
            Random random = new Random(1);
            double worst = 0;
            for (int i = 0; i < 2000; i++) {
                double x = lo + (hi - lo) * random.nextDouble();
                double exact = kernel.correction(x);
                worst = Math.max(worst, Math.abs(table.value(x) - exact) / exact);
            }
            worst = Math.max(worst, Math.abs(table.value(lo) / kernel.correction(lo) - 1));
            worst = Math.max(worst, Math.abs(table.value(hi) / kernel.correction(hi) - 1));
            System.out.printf("w-correction table, W=%d: max relative error %.2g%n", kernel.support(), worst);
            assertTrue(worst < 1e-12, "error " + worst);
        }
    }
}
