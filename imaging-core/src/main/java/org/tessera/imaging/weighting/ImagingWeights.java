package org.tessera.imaging.weighting;

/**
 * Imaging weights from a merged {@link WeightDensity}, with WSClean's definitions:
 * natural: w; uniform: w / W_cell; Briggs robust R: w / (1 + W_cell f^2) with
 * f^2 = (5 * 10^-R)^2 / (sum over cells of W_cell^2 / sum of weights).
 * Under uniform or Briggs weighting a sample outside the density grid gets weight 0.
 * An optional {@link RankFilter} then caps outlying cell factors, as WSClean does by default.
 */
public final class ImagingWeights {
    private final WeightingMode mode;
    private final double robust;
    private final WeightDensity density;
    /** Per-cell factor multiplying the natural weight. */
    private final double[] factor;

    /** Weights without the rank filter. */
    public ImagingWeights(WeightingMode mode, double robust, WeightDensity merged) {
        this(mode, robust, merged, RankFilter.OFF);
    }

    /** Weights whose cell factors are capped by {@code rankFilter} (used with uniform and Briggs only). */
    public ImagingWeights(WeightingMode mode, double robust, WeightDensity merged, RankFilter rankFilter) {
        if (mode == null) {
            throw new IllegalArgumentException("weighting mode is required");
        }
        if (mode.needsDensity() && merged == null) {
            throw new IllegalArgumentException(mode + " weighting needs the merged weight density");
        }
        this.mode = mode;
        this.robust = robust;
        this.density = merged;
        this.factor = mode.needsDensity() ? cellFactors(mode, robust, merged) : null;
        if (factor != null) {
            rankFilter.apply(factor, merged.width(), merged.height() / 2);
        }
    }

    public static ImagingWeights natural() {
        return new ImagingWeights(WeightingMode.NATURAL, 0, null);
    }

    public WeightingMode mode() {
        return mode;
    }

    public double robust() {
        return robust;
    }

    /** Briggs' f^2 for this density and robustness. */
    public static double briggsFSquared(double robust, WeightDensity d) {
        double meanDensity = d.sumOfSquares() / d.totalWeight();
        double numerator = 5 * Math.pow(10, -robust);
        return numerator * numerator / meanDensity;
    }

    private static double[] cellFactors(WeightingMode mode, double robust, WeightDensity d) {
        double[] cells = d.densityArray();
        double[] out = new double[cells.length];
        if (mode == WeightingMode.UNIFORM) {
            for (int i = 0; i < cells.length; i++) {
                out[i] = cells[i] != 0 ? 1 / cells[i] : 0;
            }
        } else {
            double f2 = briggsFSquared(robust, d);
            for (int i = 0; i < cells.length; i++) {
                out[i] = 1 / (1 + cells[i] * f2);
            }
        }
        return out;
    }

    /** Imaging weight of a sample at (u, v) wavelengths with natural weight {@code naturalWeight}. */
    public float weight(double uLambda, double vLambda, float naturalWeight) {
        if (factor == null) {
            return naturalWeight;
        }
        int index = density.cellIndex(uLambda, vLambda);
        return index < 0 ? 0f : (float) (naturalWeight * factor[index]);
    }
}
