package org.tessera.gpu;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.tessera.imaging.VisibilityChunk;
import org.tessera.imaging.VisibilitySource;
import org.tessera.imaging.gridding.GridderSettings;
import org.tessera.imaging.gridding.WGridPlan;
import org.tessera.imaging.gridding.WRange;
import org.tessera.imaging.gridding.WSortedVisibilities;

/** Random wide-field samples of a few point sources, V = S exp(+2 pi i (u l + v m + w (n-1))). */
final class TestSky implements VisibilitySource {
    static final double C = 299792458.0;
    private final List<VisibilityChunk> chunks = new ArrayList<>();

    /** @param sources rows of (l, m, flux) */
    TestSky(long seed, int nChunks, int rows, double[] freqs, double uvMax, double wMax, double[][] sources) {
        Random rnd = new Random(seed);
        for (int k = 0; k < nChunks; k++) {
            VisibilityChunk ch = VisibilityChunk.allocate(rows, freqs.length, freqs);
            for (int r = 0; r < rows; r++) {
                ch.uvw[3 * r] = (2 * rnd.nextDouble() - 1) * uvMax;
                ch.uvw[3 * r + 1] = (2 * rnd.nextDouble() - 1) * uvMax;
                ch.uvw[3 * r + 2] = (2 * rnd.nextDouble() - 1) * wMax;
                for (int c = 0; c < freqs.length; c++) {
                    int i = r * freqs.length + c;
                    ch.weight[i] = rnd.nextInt(20) == 0 ? 0f : (float) (0.5 + rnd.nextDouble());
                    double f = freqs[c] / C;
                    double re = 0;
                    double im = 0;
                    for (double[] s : sources) {
                        double r2 = s[0] * s[0] + s[1] * s[1];
                        double nm1 = -r2 / (Math.sqrt(1 - r2) + 1);
                        double phase = 2 * Math.PI * f * (ch.uvw[3 * r] * s[0] + ch.uvw[3 * r + 1] * s[1]
                                + ch.uvw[3 * r + 2] * nm1);
                        re += s[2] * Math.cos(phase);
                        im += s[2] * Math.sin(phase);
                    }
                    ch.vis[2 * i] = (float) re;
                    ch.vis[2 * i + 1] = (float) im;
                }
            }
            chunks.add(ch);
        }
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
