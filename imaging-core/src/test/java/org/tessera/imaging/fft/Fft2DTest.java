package org.tessera.imaging.fft;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class Fft2DTest {
    @Test
    void forwardMatchesDirectDftAndInverseUndoesIt() {
        int rows = 6;
        int cols = 10;
        Random rnd = new Random(1);
        double[] x = new double[2 * rows * cols];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextGaussian();
        }
        double[] y = x.clone();
        Fft2D fft = new Fft2D(rows, cols, 2);
        fft.forward(y);
        for (int kr = 0; kr < rows; kr++) {
            for (int kc = 0; kc < cols; kc++) {
                double re = 0;
                double im = 0;
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < cols; c++) {
                        double ph = -2 * Math.PI * ((double) kr * r / rows + (double) kc * c / cols);
                        int i = 2 * (r * cols + c);
                        re += x[i] * Math.cos(ph) - x[i + 1] * Math.sin(ph);
                        im += x[i] * Math.sin(ph) + x[i + 1] * Math.cos(ph);
                    }
                }
                assertEquals(re, y[2 * (kr * cols + kc)], 1e-10);
                assertEquals(im, y[2 * (kr * cols + kc) + 1], 1e-10);
            }
        }
        fft.inverse(y);
        for (int i = 0; i < x.length; i++) {
            assertEquals(x[i] * rows * cols, y[i], 1e-9);
        }
    }
}
