package org.tessera.imaging;

/**
 * A block of Stokes I visibilities ready for gridding: the unit that streams from a
 * MeasurementSet reader to a gridder. All rows share one set of channel frequencies.
 *
 * <p>Layout: row-major, channel fastest. A weight of 0 marks a sample that must not be
 * used (flagged, non-finite, or outside the selection).
 */
public final class VisibilityChunk {
    /** Number of rows (baseline-time samples). */
    public final int rows;
    /** Number of channels per row. */
    public final int channels;
    /** u, v, w of each row in metres, MS convention: {@code uvw[3*r + k]}. */
    public final double[] uvw;
    /** Channel frequencies in Hz. */
    public final double[] frequencies;
    /** Visibilities, interleaved (re, im): index {@code 2*(r*channels + c)}. */
    public final float[] vis;
    /** Visibility weights (natural, before imaging weighting): index {@code r*channels + c}. */
    public final float[] weight;

    public VisibilityChunk(int rows, int channels, double[] uvw, double[] frequencies,
                           float[] vis, float[] weight) {
        if (uvw.length < 3L * rows || frequencies.length != channels
                || vis.length < 2L * rows * channels || weight.length < (long) rows * channels) {
            throw new IllegalArgumentException("inconsistent visibility chunk arrays");
        }
        this.rows = rows;
        this.channels = channels;
        this.uvw = uvw;
        this.frequencies = frequencies;
        this.vis = vis;
        this.weight = weight;
    }

    /** Creates an empty chunk with freshly allocated arrays. */
    public static VisibilityChunk allocate(int rows, int channels, double[] frequencies) {
        return new VisibilityChunk(rows, channels, new double[3 * rows], frequencies.clone(),
                new float[2 * rows * channels], new float[rows * channels]);
    }
}
