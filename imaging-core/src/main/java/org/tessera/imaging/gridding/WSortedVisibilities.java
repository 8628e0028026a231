package org.tessera.imaging.gridding;

import org.tessera.imaging.ImageGeometry;
import org.tessera.imaging.ParkedArrays;
import org.tessera.imaging.VisibilityChunk;
import org.tessera.imaging.VisibilitySource;
import org.tessera.imaging.weighting.ImagingWeights;

/**
 * The visibilities of one gridding run, copied from the source and sorted by their first w-plane,
 * then by band of grid rows, then by tile of grid columns: the samples touching plane p form one
 * contiguous range per first plane, threads can own alternate row bands of one shared grid, and
 * consecutive samples hit nearby cells. Samples with w < 0 are stored
 * conjugated at (-u, -v, -w): the sky is real, so this halves the w range.
 *
 * <p>A sample is stored as its row and channel ({@link RowTable} holds each row's uvw once); its
 * grid coordinates are computed when needed: u and v wrapped into [0, nu) and [0, nv) cells (exact
 * on the pixel grid, since a shift of u by 1/cell changes every pixel's phase by a whole turn) and
 * w as (w - w0)/dw planes.
 *
 * <p>Public, read-only, for gridders that grid the same samples elsewhere (module gpu-gridder): the
 * factories and accessors below; the fields stay package-private for the CPU gridder's loops.
 */
public final class WSortedVisibilities {
    /** What is stored per sample. */
    enum Purpose { DIRTY, PSF, PREDICT, PSF_AND_DIRTY, RESIDUAL }

    /** Grid rows per band, at least the kernel support so that alternate bands never overlap. */
    private static final int BAND_ROWS = 32;
    /** Grid columns per tile of the sort order. */
    private static final int TILE_COLUMNS = 16;

    final WGridPlan plan;
    final int count;
    final RowTable rows;
    /** Row (in {@link #rows}) and channel of each sample. */
    final int[] row;
    final char[] channel;
    /**
     * DIRTY/PSF: weight * V * exp(+2 pi i w nShift), interleaved, in double (visDouble) or, for
     * single-precision runs, float (visFloat) to halve the memory; the other is null, both for PREDICT.
     */
    final double[] visDouble;
    final float[] visFloat;
    /** PSF_AND_DIRTY: the PSF's weight * exp(+2 pi i w nShift), float; null otherwise. */
    final float[] psfFloat;
    /** RESIDUAL: each sample's weight, float or double as the visibilities; null otherwise. */
    final float[] weightFloat;
    final double[] weightDouble;
    /** First sample of each first-plane bucket; {@code planeStart[planes]} = count. */
    final int[] planeStart;
    /** Row bands of the grid (even, or 1 when the grid is too small to split). */
    final int bands;
    /** First sample of first plane p, band b at {@code bandStart[p * bands + b]}; last entry = count. */
    final int[] bandStart;
    /** Largest distance, in cells, of a sample's u from grid column 0 (wrapped). */
    double maxUDistance;
    /** Sum of the weights of the stored samples (DIRTY, PSF). */
    double sumWeights;
    /** Number of (row, channel) samples in the source. */
    final long totalSamples;

    private WSortedVisibilities(WGridPlan plan, RowTable rows, int count, boolean withVis, boolean singlePrecision,
                                boolean withPsf, boolean withWeights, int bands, int[] bandStart, long totalSamples) {
        this.plan = plan;
        this.rows = rows;
        this.count = count;
        this.row = new int[count];
        this.channel = new char[count];
        this.visDouble = withVis && !singlePrecision ? new double[2 * count] : null;
        this.visFloat = withVis && singlePrecision ? new float[2 * count] : null;
        this.psfFloat = withPsf ? new float[2 * count] : null;
        this.weightFloat = withWeights && singlePrecision ? new float[count] : null;
        this.weightDouble = withWeights && !singlePrecision ? new double[count] : null;
        this.bands = bands;
        this.bandStart = bandStart;
        this.planeStart = new int[plan.planes + 1];
        for (int p = 0; p <= plan.planes; p++) {
            planeStart[p] = bandStart[p * bands];
        }
        this.totalSamples = totalSamples;
    }

    /** These samples with their per-sample arrays replaced (null: moved out by {@link #parkIn}). */
    private WSortedVisibilities(WSortedVisibilities s, int[] row, char[] channel, double[] visDouble, float[] visFloat,
                                float[] psfFloat, float[] weightFloat, double[] weightDouble) {
        this.plan = s.plan;
        this.rows = s.rows;
        this.count = s.count;
        this.row = row;
        this.channel = channel;
        this.visDouble = visDouble;
        this.visFloat = visFloat;
        this.psfFloat = psfFloat;
        this.weightFloat = weightFloat;
        this.weightDouble = weightDouble;
        this.bands = s.bands;
        this.bandStart = s.bandStart;
        this.planeStart = s.planeStart;
        this.maxUDistance = s.maxUDistance;
        this.sumWeights = s.sumWeights;
        this.totalSamples = s.totalSamples;
    }

    /**
     * Writes the per-sample arrays to {@code store} and returns these samples without them (the row table, plan
     * and buckets stay): {@link #unparkFrom} reads them back.
     */
    WSortedVisibilities parkIn(ParkedArrays store) {
        for (Object array : new Object[] {row, channel, visDouble, visFloat, psfFloat, weightFloat, weightDouble}) {
            store.write(array);
        }
        return new WSortedVisibilities(this, null, null, null, null, null, null, null);
    }

    /** The samples that {@link #parkIn} wrote to {@code store} (called on what it returned). */
    WSortedVisibilities unparkFrom(ParkedArrays store) {
        return new WSortedVisibilities(this, (int[]) store.read(), (char[]) store.read(), (double[]) store.read(),
                (float[]) store.read(), (float[]) store.read(), (float[]) store.read(), (double[]) store.read());
    }

    /** The samples of a dirty image (psf = false) or PSF on {@code plan}, weighted as {@link WGridder#grid}. */
    public static WSortedVisibilities forImage(VisibilitySource source, WGridPlan plan, GridderSettings settings,
                                               ImagingWeights weights, boolean psf) {
        return build(source, plan, settings, weights, psf ? Purpose.PSF : Purpose.DIRTY);
    }

    /** The samples to predict on {@code plan}, as {@link WGridder#predict}: positions only, no visibilities. */
    public static WSortedVisibilities forPrediction(VisibilitySource source, WGridPlan plan, GridderSettings settings) {
        return build(source, plan, settings, null, Purpose.PREDICT);
    }

    /** Bytes its arrays hold (the row table aside): what keeping it across major cycles costs. */
    long bytes() {
        return count * 6L + length(visFloat) * 4L + length(visDouble) * 8L + length(psfFloat) * 4L
                + length(weightFloat) * 4L + length(weightDouble) * 8L + bandStart.length * 4L;
    }

    private static int length(float[] a) {
        return a == null ? 0 : a.length;
    }

    private static int length(double[] a) {
        return a == null ? 0 : a.length;
    }

    public WGridPlan plan() {
        return plan;
    }

    /** Number of stored samples (those with a weight). */
    public int count() {
        return count;
    }

    /** Number of (row, channel) samples in the source: the length of a prediction. */
    public long totalSamples() {
        return totalSamples;
    }

    /** Sum of the weights of the stored samples (dirty image, PSF). */
    public double sumWeights() {
        return sumWeights;
    }

    /** First sample whose first w-plane is p; {@code planeStart(planes)} = count. */
    public int planeStart(int p) {
        return planeStart[p];
    }

    /** Weighted, shift-corrected visibility of sample i: real part (dirty image, PSF). */
    public double visibilityRe(int i) {
        return visDouble != null ? visDouble[2 * i] : visFloat[2 * i];
    }

    public double visibilityIm(int i) {
        return visDouble != null ? visDouble[2 * i + 1] : visFloat[2 * i + 1];
    }

    /** Position of sample i in source order, ~position if it was conjugated (w < 0 in the source). */
    public int sourcePosition(int i) {
        int r = row[i];
        int pos = rows.position(r, channel[i]);
        return rows.conjugated(r) ? ~pos : pos;
    }

    /** 1/lambda of sample i, per metre: the f of the coordinates below. */
    public double inverseWavelength(int i) {
        return rows.inverseWavelength(row[i], channel[i]);
    }

    /** Grid u of sample i in [0, nu) cells, given its 1/lambda f. */
    public double uc(int i, double f) {
        return wrap(rows.uTurns(row[i], f), plan.nu);
    }

    /** Grid v of sample i in [0, nv) cells, given its 1/lambda f. */
    public double vc(int i, double f) {
        return wrap(rows.vTurns(row[i], f), plan.nv);
    }

    /** w of sample i in wavelengths (>= 0). */
    double w(int i, double f) {
        return rows.w(row[i], f);
    }

    /** w of sample i in planes from w0, given its 1/lambda f. */
    public double wc(int i, double f) {
        return (w(i, f) - plan.w0) / plan.dw;
    }

    /** Weight of a sample for gridding (0 = skip); PREDICT uses every sample a plan covers, with weight 1. */
    private static double sampleWeight(Purpose purpose, ImagingWeights weights, VisibilityChunk ch, int r, int c) {
        double f = ch.frequencies[c] / WRange.SPEED_OF_LIGHT;
        double w = ch.uvw[3 * r + 2] * f;
        if (!WRange.covers(ch, r, c, w)) {
            return 0;
        }
        if (purpose == Purpose.PREDICT) {
            return 1;
        }
        float natural = ch.weight[r * ch.channels + c];
        if (purpose == Purpose.DIRTY || purpose == Purpose.PSF_AND_DIRTY || purpose == Purpose.RESIDUAL) {
            int k = 2 * (r * ch.channels + c);
            if (!(Float.isFinite(ch.vis[k]) && Float.isFinite(ch.vis[k + 1]))) {
                return 0;
            }
        }
        return weights == null ? natural : weights.weight(ch.uvw[3 * r] * f, ch.uvw[3 * r + 1] * f, natural);
    }

    /** Two passes over the source: rows and bucket sizes, then the copy; every sample must lie within the plan. */
    static WSortedVisibilities build(VisibilitySource source, WGridPlan plan, GridderSettings settings,
                                     ImagingWeights weights, Purpose purpose) {
        int support = plan.kernel.support();
        double cell = settings.geometry().cellRad();
        int bands = bandCount(plan.nv, support);
        int tiles = (plan.nu + TILE_COLUMNS - 1) / TILE_COLUMNS;
        long keys = (long) plan.planes * bands * tiles;
        if (keys >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many w-planes for one gridding run: " + plan.planes);
        }
        int[] cursor = new int[(int) keys + 1];
        long[] used = {0, 0};
        RowTable table = new RowTable();
        source.forEach(ch -> {
            int first = table.add(ch, cell);
            for (int r = 0; r < ch.rows; r++) {
                for (int c = 0; c < ch.channels; c++) {
                    if (sampleWeight(purpose, weights, ch, r, c) != 0) {
                        double f = table.inverseWavelength(first + r, c);
                        requireCovered(plan, table.w(first + r, f), support);
                        used[0]++;
                        cursor[sortKey(plan, bands, tiles, table, first + r, f, support) + 1]++;
                    }
                }
            }
            used[1] += (long) ch.rows * ch.channels;
        });
        if (used[0] > Integer.MAX_VALUE / 2 || used[1] > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many visibilities for one gridding run: " + used[1]
                    + "; split the data into partitions");
        }
        for (int k = 0; k < keys; k++) {
            cursor[k + 1] += cursor[k];
        }
        int[] bandStart = new int[plan.planes * bands + 1];
        for (int pb = 0; pb <= plan.planes * bands; pb++) {
            bandStart[pb] = cursor[pb * tiles];
        }

        int[] nextRow = {0};
        WSortedVisibilities s = new WSortedVisibilities(plan, table, (int) used[0], purpose != Purpose.PREDICT,
                settings.singlePrecision(), purpose == Purpose.PSF_AND_DIRTY, purpose == Purpose.RESIDUAL, bands, bandStart,
                used[1]);
        source.forEach(ch -> {
            int first = nextRow[0];
            nextRow[0] += ch.rows;
            for (int r = 0; r < ch.rows; r++) {
                boolean conjugate = table.conjugated(first + r);
                for (int c = 0; c < ch.channels; c++) {
                    double weight = sampleWeight(purpose, weights, ch, r, c);
                    if (weight == 0) {
                        continue;
                    }
                    double f = table.inverseWavelength(first + r, c);
                    int i = cursor[sortKey(plan, bands, tiles, table, first + r, f, support)]++;
                    s.row[i] = first + r;
                    s.channel[i] = (char) c;
                    double uc = s.uc(i, f);
                    s.maxUDistance = Math.max(s.maxUDistance, Math.min(uc, plan.nu - uc));
                    if (purpose != Purpose.PREDICT) {
                        double re = 1;
                        double im = 0;
                        if (purpose != Purpose.PSF) {
                            int k = 2 * (r * ch.channels + c);
                            re = ch.vis[k];
                            im = conjugate ? -ch.vis[k + 1] : ch.vis[k + 1];
                        }
                        // undo the shift of n - 1 by nShift: exp(-2 pi i w (n-1)) = exp(-2 pi i w t) exp(+2 pi i w nShift)
                        double phase = 2 * Math.PI * fractionalTurns(s.w(i, f) * plan.nShift);
                        double cr = Math.cos(phase);
                        double ci = Math.sin(phase);
                        double vr = weight * (re * cr - im * ci);
                        double vi = weight * (re * ci + im * cr);
                        if (s.visDouble != null) {
                            s.visDouble[2 * i] = vr;
                            s.visDouble[2 * i + 1] = vi;
                        } else {
                            s.visFloat[2 * i] = (float) vr;
                            s.visFloat[2 * i + 1] = (float) vi;
                        }
                        if (s.psfFloat != null) {
                            s.psfFloat[2 * i] = (float) (weight * cr);
                            s.psfFloat[2 * i + 1] = (float) (weight * ci);
                        }
                        if (s.weightFloat != null) {
                            s.weightFloat[i] = (float) weight;
                        } else if (s.weightDouble != null) {
                            s.weightDouble[i] = weight;
                        }
                        s.sumWeights += weight;
                    }
                }
            }
        });
        return s;
    }

    /**
     * Even number of row bands, each at least {@code max(BAND_ROWS, support)} rows (bands differ by
     * at most one row), or 1 when the grid is too small for two.
     */
    static int bandCount(int nv, int support) {
        int pairs = nv / (2 * Math.max(BAND_ROWS, support));
        return pairs == 0 ? 1 : 2 * pairs;
    }

    /** Band of grid row r in [0, nv). */
    static int bandOf(int row, int bands, int nv) {
        return (int) ((long) row * bands / nv);
    }

    /** Sort key (first plane, band of the first tap row, tile of the first tap column) of channel f of row r. */
    private static int sortKey(WGridPlan plan, int bands, int tiles, RowTable table, int r, double f, int support) {
        int p0 = firstPlane(plan, table.w(r, f), support);
        int u0 = Math.floorMod(EsKernel.firstTap(wrap(table.uTurns(r, f), plan.nu), support), plan.nu);
        int v0 = Math.floorMod(EsKernel.firstTap(wrap(table.vTurns(r, f), plan.nv), support), plan.nv);
        return (p0 * bands + bandOf(v0, bands, plan.nv)) * tiles + u0 / TILE_COLUMNS;
    }

    /** A sample beyond the plan's w range would be gridded onto clamped planes: refuse it. */
    private static void requireCovered(WGridPlan plan, double w, int support) {
        int p0 = EsKernel.firstTap((w - plan.w0) / plan.dw, support);
        if (p0 < 0 || p0 > plan.planes - support) {
            throw new IllegalArgumentException("a sample at |w| = " + w + " wavelengths lies outside the w range"
                    + " the gridding plan was made for; plan with the range of all the data");
        }
    }

    /** First w-plane touched by a sample at w >= 0 (wavelengths). */
    static int firstPlane(WGridPlan plan, double w, int support) {
        return firstPlaneOf(plan, (w - plan.w0) / plan.dw, support);
    }

    /** First w-plane touched by a sample at plane coordinate wc (kept inside the plane stack). */
    static int firstPlaneOf(WGridPlan plan, double wc, int support) {
        int p0 = EsKernel.firstTap(wc, support);
        return Math.max(0, Math.min(plan.planes - support, p0));
    }

    /** Grid coordinate in [0, n) cells of a spatial frequency given in turns per pixel (u * cell). */
    static double wrap(double turnsPerPixel, int n) {
        double c = (turnsPerPixel - Math.floor(turnsPerPixel)) * n;
        return c >= n ? c - n : c;
    }

    /** x minus its nearest-below integer, to keep phases small before cos/sin. */
    static double fractionalTurns(double x) {
        return x - Math.floor(x);
    }
}
