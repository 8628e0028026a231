package org.tessera.imaging.restore;

import java.util.stream.IntStream;
import org.jtransforms.fft.DoubleFFT_2D;
import org.tessera.imaging.Image;

/**
 * Restored image = residual + model convolved with the restoring beam (a Gaussian of peak 1,
 * so a 1 Jy component becomes a 1 Jy/beam peak).
 *
 * <p>CLEAN models are sparse, so the convolution is a direct sum of the Gaussian over its
 * support (out to 1e-15 of the peak) around each non-zero model pixel; this is exact for a
 * point component. A dense model (e.g. from multiscale) goes through a zero-padded FFT
 * instead, whichever is estimated to be cheaper.
 */
public final class Restorer {
    private Restorer() {
    }

    /** Returns a new image: residual + model ⊛ beam. Model and residual must have the same size. */
    public static Image restore(Image model, Image residual, Beam beam, double cellRad) {
        if (model.width != residual.width || model.height != residual.height) {
            throw new IllegalArgumentException("model and residual differ in size");
        }
        Image restored = convolve(model, beam, cellRad);
        restored.add(residual);
        return restored;
    }

    /** Model ⊛ beam, choosing the direct sum or the FFT by estimated cost. */
    public static Image convolve(Image model, Beam beam, double cellRad) {
        EllipticalGaussian kernel = beam.inPixels(cellRad);
        int radius = Math.min(kernel.supportRadius(), Math.max(model.width, model.height));
        long components = 0;
        for (double v : model.pixels) {
            if (v != 0) {
                components++;
            }
        }
        long side = 2L * radius + 1;
        double directCost = (double) components * side * side;
        long padded = (long) goodFftSize(model.width + radius) * goodFftSize(model.height + radius);
        double fftCost = 15.0 * padded * Math.log(padded) / Math.log(2);
        return directCost <= fftCost ? convolveDirect(model, kernel, radius) : convolveFft(model, kernel, radius);
    }

    static Image convolveDirect(Image model, EllipticalGaussian kernel, int radius) {
        int side = 2 * radius + 1;
        double[] k = new double[side * side];
        for (int dy = -radius; dy <= radius; dy++) {
            for (int dx = -radius; dx <= radius; dx++) {
                k[(dy + radius) * side + dx + radius] = kernel.valueAt(dx, dy);
            }
        }
        int w = model.width;
        int h = model.height;
        // Components in scan order, with the index of the first one of each row.
        int[] rowStart = new int[h + 1];
        int count = 0;
        for (double v : model.pixels) {
            if (v != 0) {
                count++;
            }
        }
        int[] column = new int[count];
        double[] flux = new double[count];
        int c = 0;
        for (int y = 0; y < h; y++) {
            rowStart[y] = c;
            for (int x = 0; x < w; x++) {
                double v = model.pixels[y * w + x];
                if (v != 0) {
                    column[c] = x;
                    flux[c++] = v;
                }
            }
        }
        rowStart[h] = c;
        Image out = new Image(w, h);
        // Parallel over output rows so that no two threads write the same pixel.
        IntStream.range(0, h).parallel().forEach(y -> {
            int outRow = y * w;
            for (int sy = Math.max(0, y - radius); sy <= Math.min(h - 1, y + radius); sy++) {
                int kRow = (y - sy + radius) * side + radius;
                for (int i = rowStart[sy]; i < rowStart[sy + 1]; i++) {
                    int sx = column[i];
                    double f = flux[i];
                    int xTo = Math.min(w - 1, sx + radius);
                    for (int x = Math.max(0, sx - radius); x <= xTo; x++) {
                        out.pixels[outRow + x] += f * k[kRow + x - sx];
                    }
                }
            }
        });
        return out;
    }

    static Image convolveFft(Image model, EllipticalGaussian kernel, int radius) {
        int w = model.width;
        int h = model.height;
        // A period of at least size + radius keeps the circular convolution free of wrap-around.
        int pw = goodFftSize(w + radius);
        int ph = goodFftSize(h + radius);
        double[] image = new double[2 * pw * ph];
        double[] gauss = new double[2 * pw * ph];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image[2 * (y * pw + x)] = model.get(x, y);
            }
        }
        for (int dy = -radius; dy <= radius; dy++) {
            for (int dx = -radius; dx <= radius; dx++) {
                int x = Math.floorMod(dx, pw);
                int y = Math.floorMod(dy, ph);
                gauss[2 * (y * pw + x)] = kernel.valueAt(dx, dy);
            }
        }
        DoubleFFT_2D fft = new DoubleFFT_2D(ph, pw);
        fft.complexForward(image);
        fft.complexForward(gauss);
        for (int i = 0; i < pw * ph; i++) {
            double re = image[2 * i] * gauss[2 * i] - image[2 * i + 1] * gauss[2 * i + 1];
            double im = image[2 * i] * gauss[2 * i + 1] + image[2 * i + 1] * gauss[2 * i];
            image[2 * i] = re;
            image[2 * i + 1] = im;
        }
        fft.complexInverse(image, true);
        Image out = new Image(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.set(x, y, image[2 * (y * pw + x)]);
            }
        }
        return out;
    }

    /** Smallest n &ge; minimum whose only prime factors are 2, 3 and 5 (fast FFT sizes). */
    static int goodFftSize(int minimum) {
        for (int n = Math.max(minimum, 1); ; n++) {
            int m = n;
            for (int f : new int[] {2, 3, 5}) {
                while (m % f == 0) {
                    m /= f;
                }
            }
            if (m == 1) {
                return n;
            }
        }
    }
}
