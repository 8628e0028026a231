package org.tessera.imaging.weighting;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.tessera.imaging.ImageGeometry;
import org.tessera.imaging.VisibilityChunk;
import org.tessera.imaging.VisibilitySource;

/**
 * Gridded visibility-weight density for uniform and Briggs weighting, as WSClean's ImageWeights:
 * a uv grid of the image's size (even width and height) with cell 1/(N cell) wavelengths, holding
 * only the half plane v >= 0; a sample at (u, v) with v < 0 is counted at (-u, -v), so each cell
 * stands for itself and its conjugate. Samples outside the grid are not counted.
 *
 * <p>A mergeable value: partial densities of data partitions are {@link #add added}, and the
 * merged density is then used by every partition.
 */
public final class WeightDensity {
    private static final double SPEED_OF_LIGHT = 299792458.0;
    private static final int MAGIC = 0x57444e31; // "WDN1"

    private final int width;
    private final int height;
    private final double cellRad;
    /** Summed weights: {@code density[y * width + x]}, y = 0 .. height/2 - 1. */
    private final double[] density;
    /** Sum of all weights that landed on the grid. */
    private double totalWeight;

    /** An empty density for images of geometry {@code g}. */
    public WeightDensity(ImageGeometry g) {
        this(even(g.width()), even(g.height()), g.cellRad(),
                new double[even(g.width()) * (even(g.height()) / 2)], 0);
    }

    private WeightDensity(int width, int height, double cellRad, double[] density, double totalWeight) {
        this.width = width;
        this.height = height;
        this.cellRad = cellRad;
        this.density = density;
        this.totalWeight = totalWeight;
    }

    /** WSClean's default image padding ({@code -padding 1.2}). */
    public static final double WSCLEAN_PADDING = 1.2;

    /**
     * The geometry of WSClean's weight grid for an image of geometry {@code g}: the padded image,
     * ceil(N × padding) rounded up to a multiple of 4 pixels, with the same cell. WSClean grids the
     * uniform/Briggs density at this size, so its uv cells are 1/(N_padded cell) wide, finer than
     * 1/(N cell); the cell size changes every uniform weight.
     */
    public static ImageGeometry paddedGeometry(ImageGeometry g, double padding) {
        return new ImageGeometry(padded(g.width(), padding), padded(g.height(), padding), g.cellRad(),
                g.raRad(), g.decRad());
    }

    private static int padded(int n, double padding) {
        int p = (int) Math.ceil(n * padding);
        return p + (4 - p % 4) % 4;
    }

    private static int even(int n) {
        return n % 2 == 0 ? n : n + 1;
    }

    /** Density of all visibilities with non-zero weight in {@code source}. */
    public static WeightDensity accumulate(ImageGeometry g, VisibilitySource source) {
        WeightDensity d = new WeightDensity(g);
        source.forEach(d::add);
        return d;
    }

    /** Adds the weights of one chunk. */
    public void add(VisibilityChunk chunk) {
        for (int r = 0; r < chunk.rows; r++) {
            double uM = chunk.uvw[3 * r];
            double vM = chunk.uvw[3 * r + 1];
            for (int c = 0; c < chunk.channels; c++) {
                float w = chunk.weight[r * chunk.channels + c];
                if (w != 0) {
                    double f = chunk.frequencies[c] / SPEED_OF_LIGHT;
                    add(uM * f, vM * f, w);
                }
            }
        }
    }

    /** Adds one sample at (u, v) in wavelengths. */
    public void add(double u, double v, double weight) {
        int index = cellIndex(u, v);
        if (index >= 0) {
            density[index] += weight;
            totalWeight += weight;
        }
    }

    /** Adds another partition's density (same geometry). */
    public void add(WeightDensity other) {
        if (other.width != width || other.height != height || other.cellRad != cellRad) {
            throw new IllegalArgumentException("cannot merge weight densities of different grids: "
                    + width + "x" + height + " vs " + other.width + "x" + other.height);
        }
        for (int i = 0; i < density.length; i++) {
            density[i] += other.density[i];
        }
        totalWeight += other.totalWeight;
    }

    /** Index of the cell holding (u, v) (wavelengths), or -1 outside the grid. */
    int cellIndex(double u, double v) {
        if (v < 0) {
            u = -u;
            v = -v;
        }
        double fx = Math.floor(u * width * cellRad + width / 2);
        double fy = Math.floor(v * height * cellRad);
        if (!(fx >= 0 && fx < width && fy < height / 2)) {
            return -1;
        }
        return (int) fy * width + (int) fx;
    }

    /** Summed weight in the cell of (u, v), 0 outside the grid. */
    public double densityAt(double u, double v) {
        int index = cellIndex(u, v);
        return index < 0 ? 0 : density[index];
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public double cellRad() {
        return cellRad;
    }

    public double totalWeight() {
        return totalWeight;
    }

    /** The half-plane grid (a copy), {@code [y * width + x]} for y < height/2. */
    public double[] densities() {
        return density.clone();
    }

    double[] densityArray() {
        return density;
    }

    /** Sum over cells of the squared density (Briggs' normalisation). */
    public double sumOfSquares() {
        double s = 0;
        for (double d : density) {
            s += d * d;
        }
        return s;
    }

    /** Serialises to bytes (big-endian): magic, width, height, cell, total, densities. */
    public byte[] toBytes() {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 + 4 + 8 + 8 + 8 * density.length);
        b.putInt(MAGIC).putInt(width).putInt(height).putDouble(cellRad).putDouble(totalWeight);
        for (double d : density) {
            b.putDouble(d);
        }
        return b.array();
    }

    public static WeightDensity fromBytes(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        if (bytes.length < 28 || b.getInt() != MAGIC) {
            throw new IllegalArgumentException("not a serialised weight density");
        }
        int width = b.getInt();
        int height = b.getInt();
        double cell = b.getDouble();
        double total = b.getDouble();
        long n = (long) width * (height / 2);
        if (width <= 0 || height <= 0 || bytes.length != 28 + 8 * n) {
            throw new IllegalArgumentException("corrupt weight density: " + width + "x" + height
                    + " in " + bytes.length + " bytes");
        }
        double[] density = new double[(int) n];
        for (int i = 0; i < density.length; i++) {
            density[i] = b.getDouble();
        }
        return new WeightDensity(width, height, cell, density, total);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WeightDensity d && d.width == width && d.height == height
                && d.cellRad == cellRad && d.totalWeight == totalWeight && Arrays.equals(d.density, density);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(density) * 31 + width;
    }
}
