package org.tessera.imaging.deconvolution;

import java.lang.ref.SoftReference;
import java.lang.ref.WeakReference;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.jtransforms.fft.DoubleFFT_1D;
import org.tessera.imaging.HeapRoom;
import org.tessera.imaging.Image;
import org.tessera.imaging.ParkedArrays;

/**
 * Subtracts PSF ⊛ (a set of CLEAN components) from a whole residual image by FFT: the minor
 * cycle's residual update after a sub-minor loop, in place of one PSF subtraction per component.
 *
 * <p>The result equals subtracting each component's shifted PSF over its overlap with the image
 * (as {@link SubMinorLoop} and a plain Högbom do): the padded period is at least 1.5 times the
 * image, so the shifted PSF of a component at any pixel never wraps back into the image.
 * Double precision throughout, so the update agrees with direct subtraction to rounding.
 *
 * <p>2-D real transforms are built from JTransforms 1-D ones: real FFTs along rows (only rows
 * that hold data), complex FFTs along the paddedWidth/2 + 1 columns of the half spectrum, which
 * is stored column by column so that each column transform runs in place. A subtraction keeps only
 * the image's rows of each column: its input is zero below them and only they are subtracted, so a
 * column is padded, transformed, multiplied by the PSF's and transformed back in a buffer of its own
 * (at 4096², 201 MB instead of the whole period's 302 MB).
 */
final class PsfConvolution {
    private final int width;
    private final int height;
    private final int paddedWidth;
    private final int paddedHeight;
    /** Columns of the half spectrum: frequencies 0 .. paddedWidth/2 along x. */
    private final int columns;
    /** The PSF's spectrum (centre at the origin), divided by paddedWidth × paddedHeight; null while parked. */
    private double[] psfSpectrum;
    /** Where {@link #park} moved the spectrum to; null while it is on the heap. */
    private ParkedArrays parked;
    /**
     * The components' row transforms, image rows only (columns of {@code height} bins), one buffer for all
     * subtractions of a minor cycle; null between cycles.
     */
    private double[] scratch;
    /** Whether {@link #subtract} keeps its buffer until {@link #park}: for the minor cycles' shared convolution only. */
    private boolean keepsScratch;
    /** Rows transformed and moved between row and column layout together (contiguous runs per column). */
    private static final int ROW_BLOCK = 16;
    /** See {@link #band()}; −1 until first needed. */
    private int band = -1;

    PsfConvolution(Image psf) {
        this(psf, -1);
    }

    /** The PSF of the last {@link #of} call (weakly held) and its convolution (softly: the GC may take it back). */
    private static WeakReference<Image> lastPsf = new WeakReference<>(null);
    private static SoftReference<PsfConvolution> lastConvolution = new SoftReference<>(null);

    /**
     * The whole-PSF convolution of {@code psf}, its spectrum computed once for the same PSF object: every minor
     * cycle of a run cleans with the same PSF, so later ones skip its transform. The PSF must not change after.
     * Its subtractions share one buffer; call {@link #park} at the end of each minor cycle.
     */
    static synchronized PsfConvolution of(Image psf) {
        PsfConvolution convolution = lastConvolution.get();
        if (convolution == null || lastPsf.get() != psf) {
            lastConvolution.clear();
            HeapRoom.makeRoomFor(2 * Double.BYTES * (paddedSize(psf.width) / 2 + 1) * (long) paddedSize(psf.height));
            convolution = new PsfConvolution(psf);
            convolution.keepsScratch = true;
            lastPsf = new WeakReference<>(psf);
            lastConvolution = new SoftReference<>(convolution);
        }
        return convolution;
    }

    /**
     * With a kernel that vanishes beyond {@code reach} pixels of its centre: a period of the image plus that reach
     * is enough then (no wrap-around onto the image). A negative reach means the 1.5× period of a whole PSF.
     */
    PsfConvolution(Image psf, int reach) {
        width = psf.width;
        height = psf.height;
        paddedWidth = reach < 0 ? paddedSize(width) : smoothSize(width + reach);
        paddedHeight = reach < 0 ? paddedSize(height) : smoothSize(height + reach);
        columns = paddedWidth / 2 + 1;
        psfSpectrum = new double[2 * columns * paddedHeight];
        forward(psfSpectrum, (row, line) -> psfRow(psf, row, line));
        // JTransforms' unscaled real inverse of a power-of-two length returns n/2 × the input, not n
        double norm = (Integer.bitCount(paddedWidth) == 1 ? 2.0 : 1.0) / ((double) paddedWidth * paddedHeight);
        for (int i = 0; i < psfSpectrum.length; i++) {
            psfSpectrum[i] *= norm;
        }
    }

    /**
     * residual −= PSF ⊛ components, the PSF centred on each component's pixel.
     *
     * @param xs     component pixel columns
     * @param ys     component pixel rows, ascending
     * @param fluxes their fluxes; zeros are allowed
     */
    synchronized void subtract(Image residual, int[] xs, int[] ys, double[] fluxes) {
        if (residual.width != width || residual.height != height) {
            throw new IllegalArgumentException("residual must have the PSF's size");
        }
        int[] rowStart = rowStarts(ys);
        unpark();
        double[] rows = scratch != null ? scratch : new double[2 * columns * height];
        scratch = keepsScratch ? rows : null;
        transformRows(rows, height, (row, line) -> componentRow(xs, fluxes, rowStart, row, line));
        convolveColumns(rows);
        inverseRowsAndSubtract(rows, height, columns, residual, 0, height);
    }

    /**
     * Ends a minor cycle: drops the subtraction buffer and, when large, moves the PSF's spectrum to a temporary
     * file until the next {@link #subtract}, so that the major cycle in between has their heap (at 4096² each is
     * 300 MB; reading it back costs far less than transforming the PSF again).
     */
    synchronized void park() {
        park(ParkedArrays.MIN_BYTES);
    }

    /** As {@link #park()}, with spectra of at least {@code minBytes} moved out. */
    synchronized void park(long minBytes) {
        boolean held = scratch != null;
        scratch = null;
        if (psfSpectrum != null && psfSpectrum.length * 8L >= minBytes) {
            parked = new ParkedArrays();
            parked.write(psfSpectrum);
            psfSpectrum = null;
        }
        if (held || parked != null) {
            // the minor cycle's arrays are garbage now: the major cycle needs their room
            HeapRoom.makeRoomFor(2 * Double.BYTES * columns * (long) paddedHeight);
        }
    }

    private void unpark() {
        if (parked != null) {
            try {
                psfSpectrum = parked.readDoubles();
            } finally {
                parked.close();
                parked = null;
            }
        }
    }

    /** Operations of one 2-D transform on the padded period, roughly: 5 N log2 N for N points. */
    double transformOperations() {
        double n = (double) paddedWidth * paddedHeight;
        return 5 * n * Math.log(n) / Math.log(2);
    }

    /** The padded half spectrum of a whole image, to convolve it with several kernels of the same size. */
    double[] spectrum(Image image) {
        if (image.width != width || image.height != height) {
            throw new IllegalArgumentException("image must have the kernel's size");
        }
        double[] spectrum = new double[2 * columns * paddedHeight];
        forward(spectrum, (row, line) -> imageRow(image, row, line));
        return spectrum;
    }

    /**
     * kernel ⊛ the image whose {@link #spectrum} this is (left unchanged), without wrap-around. Only the columns
     * of the half spectrum where the kernel's transform is above {@link #NEGLIGIBLE} of its peak are transformed:
     * a wide kernel's spectrum is narrow, so most column transforms of a large scale are skipped.
     */
    Image convolve(double[] imageSpectrum) {
        return convolve(imageSpectrum, 0);
    }

    /**
     * As {@link #convolve(double[])}, computed only at pixels at least {@code border} from every edge (zero
     * elsewhere): a scale's components keep that far from the edge, so its peak search never looks further out.
     */
    Image convolve(double[] imageSpectrum, int border) {
        int band = band();
        double[] spectrum = new double[band == columns ? imageSpectrum.length : 2 * band * paddedHeight];
        System.arraycopy(imageSpectrum, 0, spectrum, 0, 2 * band * paddedHeight);
        multiplyByPsf(spectrum, band);
        transformColumns(spectrum, band, false);
        Image out = new Image(width, height);
        inverseRowsAndSubtract(spectrum, paddedHeight, band, out, border, height - border);
        for (int y = border; y < height - border; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                out.pixels[i] = x < border || x >= width - border ? 0 : -out.pixels[i];
            }
        }
        return out;
    }

    /** A kernel's spectral values below this fraction of its largest are left out of {@link #convolve}. */
    static final double NEGLIGIBLE = 1e-9;

    /** Columns 0 .. band − 1 of the half spectrum hold every non-negligible value of the kernel's transform. */
    private synchronized int band() {
        if (band < 0) {
            unpark();
            double max = 0;
            for (int i = 0; i < psfSpectrum.length; i += 2) {
                max = Math.max(max, Math.hypot(psfSpectrum[i], psfSpectrum[i + 1]));
            }
            int last = 0;
            for (int k = 0; k < columns; k++) {
                for (int i = 2 * k * paddedHeight; i < 2 * (k + 1) * paddedHeight; i += 2) {
                    if (Math.hypot(psfSpectrum[i], psfSpectrum[i + 1]) > NEGLIGIBLE * max) {
                        last = k;
                        break;
                    }
                }
            }
            band = last + 1;
        }
        return band;
    }

    /** Smallest even size of at least 1.5 n whose prime factors are 2, 3 and 5 (fast mixed-radix FFTs). */
    static int paddedSize(int n) {
        return smoothSize(n + (n + 1) / 2);
    }

    /** Smallest even size of at least n whose prime factors are 2, 3 and 5. */
    static int smoothSize(int n) {
        for (int m = n; ; m++) {
            int rest = m;
            for (int f : new int[] {2, 3, 5}) {
                while (rest % f == 0) {
                    rest /= f;
                }
            }
            if (rest == 1 && m % 2 == 0) {
                return m;
            }
        }
    }

    /** Writes one padded row of the real input into {@code line}; false when the row is all zero. */
    private interface RowSource {
        boolean fill(int row, double[] line);
    }

    /** The PSF laid out circularly with its centre (width/2, height/2) at the origin. */
    private boolean psfRow(Image psf, int row, double[] line) {
        int half = height / 2;
        int sy;
        if (row < height - half) {
            sy = row + half;
        } else if (row >= paddedHeight - half) {
            sy = row - paddedHeight + half;
        } else {
            return false;
        }
        for (int sx = 0; sx < width; sx++) {
            line[Math.floorMod(sx - width / 2, paddedWidth)] = psf.pixels[sy * width + sx];
        }
        return true;
    }

    private boolean imageRow(Image image, int row, double[] line) {
        if (row >= height) {
            return false;
        }
        System.arraycopy(image.pixels, row * width, line, 0, width);
        return true;
    }

    private boolean componentRow(int[] xs, double[] fluxes, int[] rowStart, int row, double[] line) {
        if (rowStart[row] == rowStart[row + 1]) {
            return false;
        }
        for (int i = rowStart[row]; i < rowStart[row + 1]; i++) {
            line[xs[i]] = fluxes[i];
        }
        return true;
    }

    private int[] rowStarts(int[] ys) {
        int[] start = new int[height + 1];
        for (int y : ys) {
            start[y + 1]++;
        }
        for (int y = 0; y < height; y++) {
            start[y + 1] += start[y];
        }
        return start;
    }

    /** Half spectrum of the padded real image that {@code source} describes row by row. */
    private void forward(double[] spectrum, RowSource source) {
        transformRows(spectrum, paddedHeight, source);
        transformColumns(spectrum, columns, true);
    }

    /** In place along the columns below {@code band} of a whole-period spectrum: forward, or back unscaled. */
    private void transformColumns(double[] spectrum, int band, boolean forward) {
        inBands(band, (from, to) -> {
            DoubleFFT_1D fft = new DoubleFFT_1D(paddedHeight);
            for (int k = from; k < to; k++) {
                if (forward) {
                    fft.complexForward(spectrum, 2 * k * paddedHeight);
                } else {
                    fft.complexInverse(spectrum, 2 * k * paddedHeight, false);
                }
            }
        });
    }

    /**
     * Real FFTs of rows 0 .. {@code rows} − 1 that {@code source} describes, into column-major bins of {@code rows}
     * per column; every bin is written (zero for rows without data).
     */
    private void transformRows(double[] bins, int rows, RowSource source) {
        inBands(rows, (from, to) -> {
            DoubleFFT_1D fft = new DoubleFFT_1D(paddedWidth);
            double[][] lines = new double[ROW_BLOCK][paddedWidth];
            for (int first = from; first < to; first += ROW_BLOCK) {
                int n = Math.min(ROW_BLOCK, to - first);
                for (int r = 0; r < n; r++) {
                    Arrays.fill(lines[r], 0);
                    if (source.fill(first + r, lines[r])) {
                        fft.realForward(lines[r]);
                    }
                }
                scatterRows(lines, first, n, bins, rows);
            }
        });
    }

    /**
     * Each column of the image rows' transforms ({@link #transformRows} with {@code height} rows), zero-padded to the
     * period: forward along the column, times the PSF's spectrum, back, and its image rows written back.
     */
    private void convolveColumns(double[] bins) {
        inBands(columns, (from, to) -> {
            DoubleFFT_1D fft = new DoubleFFT_1D(paddedHeight);
            double[] column = new double[2 * paddedHeight];
            for (int k = from; k < to; k++) {
                System.arraycopy(bins, 2 * k * height, column, 0, 2 * height);
                Arrays.fill(column, 2 * height, column.length, 0);
                fft.complexForward(column);
                multiply(column, 0, psfSpectrum, 2 * k * paddedHeight, paddedHeight);
                fft.complexInverse(column, false);
                System.arraycopy(column, 0, bins, 2 * k * height, 2 * height);
            }
        });
    }

    /** spectrum ×= the PSF's spectrum in the columns below {@code band}. */
    private void multiplyByPsf(double[] spectrum, int band) {
        unpark();
        inBands(band, (from, to) -> multiply(spectrum, 2 * from * paddedHeight, psfSpectrum, 2 * from * paddedHeight,
                (to - from) * paddedHeight));
    }

    /** {@code n} complex values of a from aFrom on ×= those of b from bFrom on (interleaved re, im). */
    private static void multiply(double[] a, int aFrom, double[] b, int bFrom, int n) {
        for (int i = 0; i < 2 * n; i += 2) {
            double re = a[aFrom + i] * b[bFrom + i] - a[aFrom + i + 1] * b[bFrom + i + 1];
            double im = a[aFrom + i] * b[bFrom + i + 1] + a[aFrom + i + 1] * b[bFrom + i];
            a[aFrom + i] = re;
            a[aFrom + i + 1] = im;
        }
    }

    /**
     * residual −= the real inverse along the rows [rowFrom, rowTo) of column-major bins ({@code rows} per column,
     * already transformed back along the columns), whose columns from {@code band} on are zero.
     */
    private void inverseRowsAndSubtract(double[] bins, int rows, int band, Image residual, int rowFrom, int rowTo) {
        // Only rows and columns inside the image are wanted; the rest of the period is padding.
        inBands(rowTo - rowFrom, (bandFrom, bandTo) -> {
            DoubleFFT_1D fft = new DoubleFFT_1D(paddedWidth);
            double[][] lines = new double[ROW_BLOCK][paddedWidth];
            int from = rowFrom + bandFrom;
            int to = rowFrom + bandTo;
            for (int first = from; first < to; first += ROW_BLOCK) {
                int n = Math.min(ROW_BLOCK, to - first);
                gatherRows(bins, rows, first, n, band, lines);
                for (int r = 0; r < n; r++) {
                    double[] line = lines[r];
                    fft.realInverse(line, false);
                    int offset = (first + r) * width;
                    for (int x = 0; x < width; x++) {
                        residual.pixels[offset + x] -= line[x];
                    }
                }
            }
        });
    }

    /**
     * JTransforms' packed real-FFT rows (Re 0, Re n/2, then Re k, Im k) into column-major bins of {@code rows} per
     * column, a block of rows at a time so that each column receives a contiguous run.
     */
    private void scatterRows(double[][] lines, int first, int n, double[] bins, int rows) {
        for (int r = 0; r < n; r++) {
            bins[2 * (first + r)] = lines[r][0];
            bins[2 * (first + r) + 1] = 0;
            bins[2 * ((columns - 1) * rows + first + r)] = lines[r][1];
            bins[2 * ((columns - 1) * rows + first + r) + 1] = 0;
        }
        for (int k = 1; k < columns - 1; k++) {
            int base = 2 * (k * rows + first);
            for (int r = 0; r < n; r++) {
                bins[base + 2 * r] = lines[r][2 * k];
                bins[base + 2 * r + 1] = lines[r][2 * k + 1];
            }
        }
    }

    /**
     * Inverse of {@link #scatterRows} for the columns below {@code band} (those from {@code band} on are zero); the
     * imaginary parts at frequencies 0 and n/2 vanish for a real image.
     */
    private void gatherRows(double[] bins, int rows, int first, int n, int band, double[][] lines) {
        for (int r = 0; r < n; r++) {
            Arrays.fill(lines[r], 0);
            lines[r][0] = bins[2 * (first + r)];
            if (band == columns) {
                lines[r][1] = bins[2 * ((columns - 1) * rows + first + r)];
            }
        }
        for (int k = 1; k < Math.min(band, columns - 1); k++) {
            int base = 2 * (k * rows + first);
            for (int r = 0; r < n; r++) {
                lines[r][2 * k] = bins[base + 2 * r];
                lines[r][2 * k + 1] = bins[base + 2 * r + 1];
            }
        }
    }

    private interface Band {
        void run(int from, int to);
    }

    /** Splits [0, n) into contiguous bands, a few per core, each run by one thread. */
    private static void inBands(int n, Band band) {
        int bands = Math.min(n, 4 * Runtime.getRuntime().availableProcessors());
        if (bands <= 0) {
            return;
        }
        int perBand = (n + bands - 1) / bands;
        IntStream.range(0, bands).parallel().forEach(b -> {
            int from = b * perBand;
            int to = Math.min(n, from + perBand);
            if (from < to) {
                band.run(from, to);
            }
        });
    }
}
