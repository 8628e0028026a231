package org.tessera.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random wide-field samples of a few point sources, V = S exp(+2πi(ul + vm + w(n−1))), the MS sign: test
 * data for the gridders, with exact visibilities a direct sum can check. Blocks are laid out as the
 * gridders' chunks are, so a module wraps each in its own chunk type in one line.
 */
public final class RandomVisibilities {
    public static final double SPEED_OF_LIGHT = 299792458.0;

    /**
     * {@code rows} samples at {@code frequencies} (Hz): u, v, w (metres) at {@code uvw[3r..3r+2]}; weight
     * at {@code r*channels + c} (one in twenty 0, flagged; the rest 0.5 to 1.5); visibility (re, im) at
     * twice that.
     */
    public record Block(int rows, double[] frequencies, double[] uvw, float[] weight, float[] vis) {
        public int channels() {
            return frequencies.length;
        }
    }

    private final Random random;
    private final double uvMax;
    private final double wMin;
    private final double wMax;
    private final List<PointSource> sources;

    /** |u|, |v| up to {@code uvMax} and |w| from {@code wMin} to {@code wMax} metres, w of random sign. */
    public RandomVisibilities(long seed, double uvMax, double wMin, double wMax, List<PointSource> sources) {
        this.random = new Random(seed);
        this.uvMax = uvMax;
        this.wMin = wMin;
        this.wMax = wMax;
        this.sources = List.copyOf(sources);
    }

    /** The next {@code count} blocks of {@code rows} samples each, from the one random sequence of the seed. */
    public List<Block> blocks(int count, int rows, double[] frequencies) {
        List<Block> out = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            out.add(next(rows, frequencies));
        }
        return out;
    }

    private Block next(int rows, double[] frequencies) {
        int nch = frequencies.length;
        Block b = new Block(rows, frequencies.clone(), new double[3 * rows], new float[rows * nch],
                new float[2 * rows * nch]);
        for (int r = 0; r < rows; r++) {
            b.uvw[3 * r] = (2 * random.nextDouble() - 1) * uvMax;
            b.uvw[3 * r + 1] = (2 * random.nextDouble() - 1) * uvMax;
            double w = wMin + random.nextDouble() * (wMax - wMin);
            b.uvw[3 * r + 2] = random.nextBoolean() ? w : -w;
            for (int c = 0; c < nch; c++) {
                int i = r * nch + c;
                b.weight[i] = random.nextInt(20) == 0 ? 0f : (float) (0.5 + random.nextDouble());
                double f = frequencies[c] / SPEED_OF_LIGHT;
                double u = b.uvw[3 * r] * f;
                double v = b.uvw[3 * r + 1] * f;
                double ww = b.uvw[3 * r + 2] * f;
                double re = 0;
                double im = 0;
                for (PointSource s : sources) {
                    double phase = 2 * Math.PI * (u * s.l() + v * s.m() + ww * s.nMinusOne());
                    re += s.flux() * Math.cos(phase);
                    im += s.flux() * Math.sin(phase);
                }
                b.vis[2 * i] = (float) re;
                b.vis[2 * i + 1] = (float) im;
            }
        }
        return b;
    }
}
