package org.tessera.imaging;

import java.util.function.Consumer;

import org.tessera.imaging.restore.Beam;
import org.tessera.imaging.restore.BeamFitter;
import org.tessera.imaging.weighting.ImagingWeights;
import org.tessera.imaging.weighting.RankFilter;
import org.tessera.imaging.weighting.WeightDensity;
import org.tessera.imaging.weighting.WeightingMode;

/**
 * The choices WSClean 3.1 makes by default that Tessera follows so its images agree with
 * WSClean's: the weight-density grid, the rank filter on uniform/Briggs weights, and where the
 * beam fit starts. The in-process imager and the distributed tasks both call these, so a
 * partitioned job applies exactly the same rules as a single run.
 */
public final class WscleanRules {
    private static final double SPEED_OF_LIGHT = 299_792_458.0;

    private WscleanRules() {
    }

    /** Gridded weight density on WSClean's padded grid (mergeable across partitions). */
    public static WeightDensity weightDensity(ImageGeometry geometry, VisibilitySource source) {
        return WeightDensity.accumulate(WeightDensity.paddedGeometry(geometry, WeightDensity.WSCLEAN_PADDING), source);
    }

    /** Natural weights, or uniform/Briggs from a (merged) density with WSClean's default rank filter. */
    public static ImagingWeights imagingWeights(String weighting, double robust, WeightDensity density) {
        WeightingMode mode = WeightingMode.valueOf(weighting.toUpperCase());
        if (!mode.needsDensity()) {
            return ImagingWeights.natural();
        }
        return new ImagingWeights(mode, robust, density, RankFilter.WSCLEAN_DEFAULT);
    }

    public static boolean needsDensity(String weighting) {
        return WeightingMode.valueOf(weighting.toUpperCase()).needsDensity();
    }

    /**
     * The longest 3-D baseline √(u²+v²+w²) in wavelengths among weighted samples whose (u, v) lies
     * inside the image's uv plane (|u|, |v| < 1/(2 cell)); the job's value is the maximum over partitions.
     */
    public static double maxBaselineWavelengths(VisibilitySource source, double cellRad) {
        MaxBaseline max = new MaxBaseline(cellRad);
        source.forEach(max);
        return max.value();
    }

    /** {@link #maxBaselineWavelengths} accumulated chunk by chunk. */
    public static final class MaxBaseline implements Consumer<VisibilityChunk> {
        private final double limit;
        private double max;

        public MaxBaseline(double cellRad) {
            this.limit = 0.5 / cellRad;
        }

        @Override
        public void accept(VisibilityChunk chunk) {
            for (int r = 0; r < chunk.rows; r++) {
                double u = chunk.uvw[3 * r];
                double v = chunk.uvw[3 * r + 1];
                double w = chunk.uvw[3 * r + 2];
                double length = Math.sqrt(u * u + v * v + w * w);
                for (int c = 0; c < chunk.channels; c++) {
                    double f = chunk.frequencies[c] / SPEED_OF_LIGHT;
                    if (chunk.weight[r * chunk.channels + c] > 0 && Math.abs(u * f) < limit
                            && Math.abs(v * f) < limit) {
                        max = Math.max(max, length * f);
                    }
                }
            }
        }

        public double value() {
            return max;
        }
    }

    /** The fitted beam, starting from WSClean's theoretic beam 1/B_max (at least one pixel). */
    public static Beam fitBeam(Image psf, double cellRad, double maxBaselineWavelengths) {
        double estimate = maxBaselineWavelengths > 0 ? Math.max(1 / maxBaselineWavelengths, cellRad) : cellRad;
        return BeamFitter.fit(psf, cellRad, estimate);
    }
}
