package org.tessera.imaging.deconvolution;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tessera.imaging.Image;

/**
 * The multiscale minor cycle's shortcuts against the plain definitions: the peak search's scale-convolved residual
 * (a period without padding, values inside the scale's border only) equals the kernel's linear convolution there,
 * and the direct residual update of few components equals the FFT update.
 */
class ScaleConvolutionTest {
    private static final int N = 256;

    private static Image noise(long seed) {
        Random random = new Random(seed);
        Image image = new Image(N, N);
        for (int i = 0; i < image.pixels.length; i++) {
            image.pixels[i] = random.nextGaussian();
        }
        return image;
    }

    /** kernel ⊛ image by direct summation at (x, y), the kernel box cut at the image edge. */
    private static double direct(Image image, double[] kernel, int box, int x, int y) {
        double sum = 0;
        for (int ky = 0; ky < box; ky++) {
            for (int kx = 0; kx < box; kx++) {
                int ix = x + kx - box / 2;
                int iy = y + ky - box / 2;
                if (ix >= 0 && ix < N && iy >= 0 && iy < N) {
                    sum += kernel[ky * box + kx] * image.get(ix, iy);
                }
            }
        }
        return sum;
    }

    @Test
    void peakSearchConvolutionEqualsLinearConvolutionInsideTheBorder() {
        Image psf = SyntheticSky.uvCoveragePsf(N, N, 3);
        Image residual = noise(1);
        for (ScaleShape shape : ScaleShape.values()) {
            MultiscaleParameters p = new MultiscaleParameters(List.of(0.0, 22.4, 44.9, 89.7, 179.4), 0.6, shape, 0, 0.2);
            List<Scale> scales = Scale.prepare(p, psf, PsfInfo.of(psf, 3.0));
            double[] spectrum = scales.get(1).search.spectrum(residual);
            for (Scale s : scales.subList(1, scales.size())) {
                Image convolved = s.search.convolve(spectrum, s.border);
                double worst = 0;
                for (int y = 0; y < N; y += 7) {
                    for (int x = 0; x < N; x += 3) {
                        boolean inside = x >= s.border && x < N - s.border && y >= s.border && y < N - s.border;
                        double expected = inside ? direct(residual, s.kernelBox, s.box, x, y) : 0;
                        worst = Math.max(worst, Math.abs(convolved.get(x, y) - expected));
                    }
                }
                assertTrue(worst < 1e-9, shape + " scale " + s.size + ": worst difference " + worst);
            }
        }
    }

    @Test
    void directResidualUpdateEqualsFftUpdate() {
        Image psf = SyntheticSky.uvCoveragePsf(N, N, 5);
        MultiscaleParameters p = new MultiscaleParameters(List.of(0.0, 8.0), 0.6, ScaleShape.TAPERED_QUADRATIC, 0,
                0.2);
        Image base = noise(2);
        for (Scale s : Scale.prepare(p, psf, PsfInfo.of(psf, 3.0))) {
            // components at the corners and the centre: the shifted PSF is cut by every edge
            ActiveSet set = ActiveSet.select(base, 3.0);
            Random random = new Random(4);
            for (int i = 0; i < set.size(); i++) {
                set.modelChange[i] = i % 2 == 0 ? random.nextGaussian() : 0;
            }
            Image direct = base.copy();
            s.subtractDirect(direct, set.x, set.y, set.modelChange);
            Image fft = base.copy();
            s.residualUpdate.subtract(fft, set.x, set.y, set.modelChange);
            double worst = 0;
            for (int i = 0; i < direct.pixels.length; i++) {
                worst = Math.max(worst, Math.abs(direct.pixels[i] - fft.pixels[i]));
            }
            assertTrue(set.size() > 2 && worst < 1e-10, "scale " + s.size + ": worst difference " + worst);
        }
    }
}
