package org.tessera.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.tessera.imaging.ImageGeometry;
import org.tessera.imaging.gridding.GridderSettings;
import org.tessera.imaging.gridding.GriddingInputs;

/** The host half of the kernels' index math agrees with the CPU gridder's, sample by sample. */
class PackedSamplesTest {
    private static final ImageGeometry G = new ImageGeometry(64, 48, 0.3 / 32, 0, 0);

    @Test
    void firstTapsAndTapValuesMatchTheCpuKernel() {
        for (double eps : new double[] {1e-3, 1e-5, 1e-7}) {
            GridderSettings settings = new GridderSettings(G, eps, 1);
            GriddingInputs in = GriddingInputs.forImage(TestSky.small(1), settings, null, false, null);
            Precision precision = Precision.of(settings.singlePrecision());
            PackedSamples p = PackedSamples.pack(in, precision, true);
            KernelCoefficients k = new KernelCoefficients(in.kernel());
            int w = k.support();
            double[] cpu = new double[w];
            double tol = precision == Precision.SINGLE ? 1e-6 : 1e-12;
            for (int i = 0; i < in.count(); i += 7) {
                int u0 = GriddingInputs.firstTap(in.uc()[i], w);
                int v0 = GriddingInputs.firstTap(in.vc()[i], w);
                assertEquals(u0, p.idx[3 * i]);
                assertEquals(v0, p.idx[3 * i + 1]);
                assertEquals(in.firstPlane(in.wc()[i]), p.idx[3 * i + 2]);
                GriddingInputs.taps(in.kernel(), in.uc()[i], u0, cpu);
                for (int a = 0; a < w; a++) {
                    assertEquals(cpu[a], k.tap(a, p.val(i, 0)), tol, "u tap " + a + " eps " + eps);
                }
                GriddingInputs.taps(in.kernel(), in.vc()[i], v0, cpu);
                for (int b = 0; b < w; b++) {
                    assertEquals(cpu[b], k.tap(b, p.val(i, 1)), tol, "v tap " + b + " eps " + eps);
                }
                assertEquals(in.visRe(i), p.val(i, 3), Math.abs(in.visRe(i)) * tol + 1e-30);
            }
        }
    }

    @Test
    void samplesOfAPlaneTouchItWithinTheKernel() {
        GriddingInputs in = GriddingInputs.forImage(TestSky.small(2), new GridderSettings(G, 1e-4, 1), null, false, null);
        PackedSamples p = PackedSamples.pack(in, Precision.SINGLE, true);
        int w = in.kernel().support();
        for (int plane : GpuWGridder.activePlanes(in)) {
            for (int i = GpuWGridder.rangeLo(in, plane); i < GpuWGridder.rangeHi(in, plane); i++) {
                int tap = plane - p.idx[3 * i + 2];
                assertEquals(true, tap >= 0 && tap < w, "plane tap " + tap + " of sample " + i);
            }
        }
    }
}
