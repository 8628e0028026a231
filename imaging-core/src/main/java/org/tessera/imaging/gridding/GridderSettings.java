package org.tessera.imaging.gridding;

import org.tessera.imaging.ImageGeometry;

/**
 * What the user asks of the gridder: image geometry, accuracy epsilon and thread count.
 * Single precision (float grids) is used for epsilon >= 1e-5, double precision below.
 * The kernel support, oversampling and number of w-planes follow from these and the data
 * (see {@link WGridPlan}).
 */
public final class GridderSettings {
    public static final double DEFAULT_EPSILON = 1e-4;
    /** Smallest epsilon that single precision reaches (Arras et al. 2021). */
    public static final double SINGLE_PRECISION_LIMIT = 1e-5;

    private final ImageGeometry geometry;
    private final double epsilon;
    private final int threads;

    public GridderSettings(ImageGeometry geometry, double epsilon, int threads) {
        if (geometry == null) {
            throw new IllegalArgumentException("image geometry is required");
        }
        if (!(epsilon >= 1e-14 && epsilon <= 0.1)) {
            throw new IllegalArgumentException("gridder accuracy epsilon must be in [1e-14, 0.1], got " + epsilon);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("thread count must be at least 1, got " + threads);
        }
        this.geometry = geometry;
        this.epsilon = epsilon;
        this.threads = threads;
    }

    public GridderSettings(ImageGeometry geometry) {
        this(geometry, DEFAULT_EPSILON, Runtime.getRuntime().availableProcessors());
    }

    public ImageGeometry geometry() {
        return geometry;
    }

    public double epsilon() {
        return epsilon;
    }

    public int threads() {
        return threads;
    }

    public boolean singlePrecision() {
        return epsilon >= SINGLE_PRECISION_LIMIT;
    }
}
