package org.tessera.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tessera.imaging.ImageGeometry;
import org.tessera.imaging.gridding.GridderSettings;
import org.tessera.imaging.gridding.EsKernel;
import org.tessera.imaging.gridding.WSortedVisibilities;

/** The host half of the kernels' index math agrees with the CPU gridder's, sample by sample. */
class PackedSamplesTest {
    private static final ImageGeometry G = new ImageGeometry(64, 48, 0.3 / 32, 0, 0);

    @Test
    void firstTapsAndTapValuesMatchTheCpuKernel() {
        for (double eps : new double[] {1e-3, 1e-5, 1e-7}) {
            GridderSettings settings = new GridderSettings(G, eps, 1);
            WSortedVisibilities in = TestSky.sorted(TestSky.small(1), settings);
            EsKernel kernel = in.plan().kernel();
            Precision precision = Precision.of(settings.singlePrecision());
            PackedSamples p = PackedSamples.pack(in, precision, true);
            KernelCoefficients k = new KernelCoefficients(kernel);
            int w = k.support();
            double[] cpu = new double[w];
            double tol = precision == Precision.SINGLE ? 1e-6 : 1e-12;
            for (int i = 0; i < in.count(); i += 7) {
                double f = in.inverseWavelength(i);
                double uc = in.uc(i, f);
                double vc = in.vc(i, f);
                int u0 = EsKernel.firstTap(uc, w);
                int v0 = EsKernel.firstTap(vc, w);
                assertEquals(u0, p.idx(i, 0));
                assertEquals(v0, p.idx(i, 1));
                assertEquals(in.plan().firstPlane(in.wc(i, f)), p.idx(i, 2));
                kernel.taps(uc, u0, cpu);
                for (int a = 0; a < w; a++) {
                    assertEquals(cpu[a], k.tap(a, p.val(i, 0)), tol, "u tap " + a + " eps " + eps);
                }
                kernel.taps(vc, v0, cpu);
                for (int b = 0; b < w; b++) {
                    assertEquals(cpu[b], k.tap(b, p.val(i, 1)), tol, "v tap " + b + " eps " + eps);
                }
                assertEquals(in.visibilityRe(i), p.val(i, 3), Math.abs(in.visibilityRe(i)) * tol + 1e-30);
            }
        }
    }

    @Test
    void samplesOfAPlaneTouchItWithinTheKernel() {
        WSortedVisibilities in = TestSky.sorted(TestSky.small(2), new GridderSettings(G, 1e-4, 1));
        PackedSamples p = PackedSamples.pack(in, Precision.SINGLE, true);
        int w = in.plan().kernel().support();
        for (int plane : GpuWGridder.activePlanes(in)) {
            for (int i = GpuWGridder.rangeLo(in, plane); i < GpuWGridder.rangeHi(in, plane); i++) {
                int tap = plane - p.idx(i, 2);
                assertEquals(true, tap >= 0 && tap < w, "plane tap " + tap + " of sample " + i);
            }
        }
    }

    /** Above 429 M samples 5 x count overflows an int; the storage blocks keep every index small. */
    @Test
    void segmentsOfAHalfBillionSampleRunStayInsideTheirBlocks() {
        long start = 450_000_000L;
        int count = 3 * PackedSamples.BLOCK + 12345;
        assertTrue(5L * (start + count) > Integer.MAX_VALUE);
        long next = start;
        for (PackedSamples.Segment s : PackedSamples.segments(start, count)) {
            assertEquals(next, (long) s.block() * PackedSamples.BLOCK + s.offset());
            assertTrue(s.offset() >= 0 && s.offset() + s.length() <= PackedSamples.BLOCK);
            assertTrue(5 * (s.offset() + s.length()) > 0, "int value index of the block");
            next += s.length();
        }
        assertEquals(start + count, next);
        assertEquals(477, PackedSamples.blocks(500_000_000L), "ceil(5e8 / 2^20)");
    }
}
