package org.tessera.imaging.spectral;

import java.util.List;
import org.tessera.imaging.Image;

/**
 * WSClean's multi-frequency synthesis images of a {@code -channels-out} run: per pixel the mean of the groups'
 * images weighted by each group's sum of imaging weights, over the groups where the pixel is finite.
 */
public final class Mfs {
    private Mfs() {
    }

    /** The groups' weights normalised to a sum of 1. */
    public static double[] normalised(double[] weights) {
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        double[] out = new double[weights.length];
        for (int i = 0; i < weights.length; i++) {
            out[i] = weights[i] / sum;
        }
        return out;
    }

    /** A weighted mean built one group at a time, so that a cube holds one group's images besides the sums. */
    public static final class Sum {
        private final Image sum;
        private final double[] weight;

        public Sum(int width, int height) {
            sum = new Image(width, height);
            weight = new double[width * height];
        }

        public void add(Image image, double w) {
            for (int i = 0; i < weight.length; i++) {
                if (Double.isFinite(image.pixels[i])) {
                    sum.pixels[i] += w * image.pixels[i];
                    weight[i] += w;
                }
            }
        }

        public Image mean() {
            Image out = new Image(sum.width, sum.height);
            for (int i = 0; i < weight.length; i++) {
                out.pixels[i] = weight[i] > 0 ? sum.pixels[i] / weight[i] : Double.NaN;
            }
            return out;
        }
    }

    public static Image mean(List<Image> images, double[] weights) {
        Image first = images.get(0);
        Image out = new Image(first.width, first.height);
        double[] weightSum = new double[out.pixels.length];
        for (int g = 0; g < images.size(); g++) {
            double[] p = images.get(g).pixels;
            for (int i = 0; i < p.length; i++) {
                if (Double.isFinite(p[i])) {
                    out.pixels[i] += weights[g] * p[i];
                    weightSum[i] += weights[g];
                }
            }
        }
        for (int i = 0; i < weightSum.length; i++) {
            out.pixels[i] = weightSum[i] > 0 ? out.pixels[i] / weightSum[i] : Double.NaN;
        }
        return out;
    }
}
