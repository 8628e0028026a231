package org.tessera.imaging.gridding;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.tessera.imaging.VisibilityChunk;
import org.tessera.imaging.VisibilitySource;

/** Random wide-field test data: point sources observed with V = S exp(+2 pi i (u l + v m + w (n-1))). */
final class SyntheticVisibilities implements VisibilitySource {
    static final double C = 299792458.0;

    /** A point source of flux s at direction cosines (l, m). */
    record PointSource(double l, double m, double flux) {
    }

    final List<VisibilityChunk> chunks = new ArrayList<>();

    /**
     * @param rowsPerChunk rows in each of {@code nChunks} chunks
     * @param uvMax        |u|, |v| <= uvMax metres
     * @param wMin         |w| in [wMin, wMax] metres, random sign
     */
    SyntheticVisibilities(long seed, int nChunks, int rowsPerChunk, double[] frequencies, double uvMax,
                          double wMin, double wMax, List<PointSource> sources) {
        Random rnd = new Random(seed);
        int nch = frequencies.length;
        for (int k = 0; k < nChunks; k++) {
            VisibilityChunk ch = VisibilityChunk.allocate(rowsPerChunk, nch, frequencies);
            for (int r = 0; r < rowsPerChunk; r++) {
                ch.uvw[3 * r] = (2 * rnd.nextDouble() - 1) * uvMax;
                ch.uvw[3 * r + 1] = (2 * rnd.nextDouble() - 1) * uvMax;
                double w = wMin + rnd.nextDouble() * (wMax - wMin);
                ch.uvw[3 * r + 2] = rnd.nextBoolean() ? w : -w;
                for (int c = 0; c < nch; c++) {
                    int i = r * nch + c;
                    // a few flagged samples, the rest with varied weights
                    ch.weight[i] = rnd.nextInt(20) == 0 ? 0f : (float) (0.5 + rnd.nextDouble());
                    double f = frequencies[c] / C;
                    double u = ch.uvw[3 * r] * f;
                    double v = ch.uvw[3 * r + 1] * f;
                    double ww = ch.uvw[3 * r + 2] * f;
                    double re = 0;
                    double im = 0;
                    for (PointSource s : sources) {
                        double r2 = s.l() * s.l() + s.m() * s.m();
                        double nm1 = -r2 / (Math.sqrt(1 - r2) + 1);
                        double phase = 2 * Math.PI * (u * s.l() + v * s.m() + ww * nm1);
                        re += s.flux() * Math.cos(phase);
                        im += s.flux() * Math.sin(phase);
                    }
                    ch.vis[2 * i] = (float) re;
                    ch.vis[2 * i + 1] = (float) im;
                }
            }
            chunks.add(ch);
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
