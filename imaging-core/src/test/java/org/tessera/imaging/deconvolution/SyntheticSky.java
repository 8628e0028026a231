package org.tessera.imaging.deconvolution;

import java.util.Random;
import org.tessera.imaging.Image;

/** Synthetic PSFs and dirty images for the deconvolution tests. */
public final class SyntheticSky {
    private SyntheticSky() {
    }

    /**
     * PSF of a made-up array: the mean of cos(2π(u x + v y)) over uv points on a few
     * elliptical tracks, in cycles per pixel. Peak exactly 1 at (width/2, height/2), with
     * realistic positive and negative sidelobes.
     */
    public static Image uvCoveragePsf(int width, int height, long seed) {
        Random random = new Random(seed);
        int tracks = 24;
        int perTrack = 12;
        double[] u = new double[tracks * perTrack];
        double[] v = new double[tracks * perTrack];
        int k = 0;
        for (int t = 0; t < tracks; t++) {
            double radius = 0.04 + 0.2 * random.nextDouble();
            double phase = random.nextDouble() * Math.PI;
            for (int i = 0; i < perTrack; i++) {
                double hourAngle = phase + i * Math.PI / (2.0 * perTrack);
                u[k] = radius * Math.cos(hourAngle);
                v[k] = 0.6 * radius * Math.sin(hourAngle);
                k++;
            }
        }
        Image psf = new Image(width, height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double dx = x - width / 2;
                double dy = y - height / 2;
                double sum = 0;
                for (int i = 0; i < k; i++) {
                    sum += Math.cos(2 * Math.PI * (u[i] * dx + v[i] * dy));
                }
                psf.set(x, y, sum / k);
            }
        }
        return psf;
    }

    /** Adds flux × PSF shifted so that its centre lands on (px, py); parts outside are dropped. */
    public static void addShiftedPsf(Image image, Image psf, int px, int py, double flux) {
        for (int y = 0; y < image.height; y++) {
            for (int x = 0; x < image.width; x++) {
                int sx = x - px + psf.width / 2;
                int sy = y - py + psf.height / 2;
                if (sx >= 0 && sy >= 0 && sx < psf.width && sy < psf.height) {
                    image.pixels[y * image.width + x] += flux * psf.get(sx, sy);
                }
            }
        }
    }

    /**
     * The same major cycle by FFT ({@link PsfConvolution}, padded so that nothing wraps around), for models of many
     * pixels (multiscale): dirty − model ⊛ PSF.
     */
    public static ResidualPredictor fftPredictor(Image dirty, Image psf) {
        PsfConvolution convolution = new PsfConvolution(psf);
        return model -> {
            int n = 0;
            for (double v : model.pixels) {
                n += v != 0 ? 1 : 0;
            }
            int[] xs = new int[n];
            int[] ys = new int[n];
            double[] fluxes = new double[n];
            int k = 0;
            for (int i = 0; i < model.pixels.length; i++) {
                if (model.pixels[i] != 0) {
                    xs[k] = i % model.width;
                    ys[k] = i / model.width;
                    fluxes[k++] = model.pixels[i];
                }
            }
            Image residual = dirty.copy();
            convolution.subtract(residual, xs, ys, fluxes);
            return residual;
        };
    }

    /** Exact major cycle for a sky seen through {@code psf}: dirty − model ⊛ PSF. */
    public static ResidualPredictor exactPredictor(Image dirty, Image psf) {
        return model -> {
            Image residual = dirty.copy();
            for (int y = 0; y < model.height; y++) {
                for (int x = 0; x < model.width; x++) {
                    double flux = model.get(x, y);
                    if (flux != 0) {
                        addShiftedPsf(residual, psf, x, y, -flux);
                    }
                }
            }
            return residual;
        };
    }
}
