package org.tessera.imaging.deconvolution;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.tessera.imaging.Image;
import org.tessera.imaging.restore.EllipticalGaussian;

/**
 * One scale of a multiscale minor cycle, prepared once per minor cycle: its kernel's convolution, the PSF
 * convolved once (for the residual update) and twice (for the scale's own sub-minor loop), the bias and gain
 * WSClean gives it, and what was cleaned at it.
 */
final class Scale {
    /**
     * A scale is used only where the PSF's response to its kernel is at least this fraction of the response a
     * fully sampled array (the fitted main lobe alone) would give: scales the array hardly measures would need
     * gains of tens and make the model diverge.
     */
    static final double MIN_RELATIVE_RESPONSE = 0.2;

    final double size;
    final ScaleShape shape;
    /**
     * Kernel ⊛ residual by FFT for the peak search, on a period that pads the image only by what the kernel
     * reaches beyond the border (nothing for the tapered quadratic); null for scale 0 (the delta function).
     */
    final PsfConvolution search;
    /** Kernel ⊛ a PSF by FFT, wrap-free over the whole image: how this scale's PSFs are made; null for scale 0. */
    final PsfConvolution kernel;
    /** PSF ⊛ kernel: the residual change of a unit component at this scale. */
    final Image psfOnce;
    /** {@link #psfOnce} by FFT, for residual updates with many components. */
    final PsfConvolution residualUpdate;
    /** PSF ⊛ kernel ⊛ kernel: the scale-convolved residual's change of a unit component. */
    final Image twiceConvolvedPsf;
    final double psfPeak;
    final double bias;
    /** Kernel box half-width: components keep this far from the image edge. */
    final int border;
    final double[] kernelBox;
    final int box;
    private final int maxBox;
    /** Where this scale's components may be centred: the clean mask, away from the edge; null anywhere. */
    CleanMask allowed;
    boolean active = true;
    double peakValue;
    int peakX;
    int peakY;
    Image convolvedResidual;
    int components;
    double flux;

    private Scale(double size, ScaleShape shape, PsfConvolution search, PsfConvolution kernel, Image psfOnce,
                  Image psfTwice, double bias, int maxBox) {
        this.size = size;
        this.shape = shape;
        this.search = search;
        this.kernel = kernel;
        this.maxBox = maxBox;
        this.psfOnce = psfOnce;
        this.residualUpdate = new PsfConvolution(psfOnce);
        this.twiceConvolvedPsf = psfTwice;
        this.psfPeak = psfOnce.get(psfOnce.width / 2, psfOnce.height / 2);
        this.bias = bias;
        this.box = size == 0 ? 1 : shape.boxSize(size, maxBox);
        this.kernelBox = size == 0 ? new double[] {1} : shape.kernel(size, maxBox);
        this.border = border(size);
    }

    /** Kernel box half-width: components keep this far from the image edge. */
    private static int border(double size) {
        return size == 0 ? 0 : (int) Math.ceil(size * 0.5);
    }

    /**
     * WSClean's scales: 0, then doubling from two beam widths while below half the image; or the user's, sorted,
     * those that fit the image. Scales whose PSF response is too small are left out.
     */
    static List<Scale> prepare(MultiscaleParameters p, Image psf, PsfInfo psfInfo) {
        EllipticalGaussian mainLobe = psfInfo.mainLobe();
        int minSide = Math.min(psf.width, psf.height);
        double firstAuto = 2 * psfInfo.scaleBeamPixels();
        List<Double> sizes = new ArrayList<>();
        if (p.scales().isEmpty()) {
            double s = firstAuto;
            int index = 0;
            do {
                sizes.add(index == 0 ? 0.0 : s);
                s *= 2;
                index++;
            } while (s < minSide * 0.5 && (p.maxScales() == 0 || index < p.maxScales()));
        } else {
            p.scales().stream().sorted().filter(s -> s < minSide * 0.5).distinct().forEach(sizes::add);
            if (p.maxScales() > 0 && sizes.size() > p.maxScales()) {
                sizes = new ArrayList<>(sizes.subList(0, p.maxScales()));
            }
        }
        // one period for every kernel convolution, so that they share the residual's spectrum; the peak search
        // needs no wrap-free values within a scale's border of the edge, so its period pads only the excess
        int reach = 0;
        int searchReach = 0;
        for (double size : sizes) {
            if (size > 0) {
                int half = p.shape().boxSize(size, minSide) / 2;
                reach = Math.max(reach, half + 1);
                searchReach = Math.max(searchReach, half - border(size));
            }
        }
        List<Scale> scales = new ArrayList<>();
        for (double size : sizes) {
            double bias = size == 0 || sizes.size() < 2 ? 1 : Math.pow(p.scaleBias(), -Math.log(size / firstAuto)
                    / Math.log(2));
            if (size == 0) {
                scales.add(new Scale(0, p.shape(), null, null, psf, psf, bias, minSide));
                continue;
            }
            Image kernelImage = centred(p.shape().kernel(size, minSide), p.shape().boxSize(size, minSide),
                    psf.width, psf.height);
            PsfConvolution kernel = new PsfConvolution(kernelImage, reach);
            Image once = kernel.convolve(kernel.spectrum(psf));
            Image twice = kernel.convolve(kernel.spectrum(once));
            double response = once.get(psf.width / 2, psf.height / 2);
            double ideal = mainLobeResponse(kernelImage, mainLobe);
            if (response >= MIN_RELATIVE_RESPONSE * ideal && twice.get(psf.width / 2, psf.height / 2) > 0) {
                scales.add(new Scale(size, p.shape(), new PsfConvolution(kernelImage, searchReach), kernel, once, twice,
                        bias, minSide));
            }
        }
        return scales;
    }

    /**
     * This scale (kernel, bias, border, search) for another PSF of the same size: one channel group's PSF in a
     * joined-channel run, whose scales are chosen on the MFS PSF.
     */
    Scale forPsf(Image psf) {
        if (kernel == null) {
            return new Scale(0, shape, null, null, psf, psf, bias, maxBox);
        }
        Image once = kernel.convolve(kernel.spectrum(psf));
        return new Scale(size, shape, search, kernel, once, kernel.convolve(kernel.spectrum(once)), bias, maxBox);
    }

    /** The kernel's box placed with its centre on pixel (width/2, height/2) of an otherwise empty image. */
    private static Image centred(double[] kernel, int n, int width, int height) {
        Image image = new Image(width, height);
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                image.set(width / 2 - n / 2 + x, height / 2 - n / 2 + y, kernel[y * n + x]);
            }
        }
        return image;
    }

    /** (kernel ⊛ main lobe) at the centre: the response to this scale of an array that measures every spacing. */
    private static double mainLobeResponse(Image kernel, EllipticalGaussian lobe) {
        double sum = 0;
        int cx = kernel.width / 2;
        int cy = kernel.height / 2;
        for (int y = 0; y < kernel.height; y++) {
            for (int x = 0; x < kernel.width; x++) {
                double k = kernel.get(x, y);
                if (k != 0) {
                    sum += k * lobe.valueAt(x - cx, y - cy);
                }
            }
        }
        return sum;
    }

    /** Forgets what a previous minor cycle found and cleaned: the prepared convolutions stay. */
    void reset() {
        active = true;
        peakValue = 0;
        peakX = -1;
        peakY = -1;
        convolvedResidual = null;
        components = 0;
        flux = 0;
        allowed = null;
    }

    /** Adds {@code flux} × kernel centred on (x, y) to the model, cut at the image edge. */
    void addComponent(Image model, int x, int y, double value) {
        int half = box / 2;
        for (int ky = 0; ky < box; ky++) {
            int my = y - half + ky;
            if (my < 0 || my >= model.height) {
                continue;
            }
            for (int kx = 0; kx < box; kx++) {
                int mx = x - half + kx;
                if (mx >= 0 && mx < model.width) {
                    model.pixels[my * model.width + mx] += value * kernelBox[ky * box + kx];
                }
            }
        }
    }

    /**
     * residual −= PSF ⊛ kernel ⊛ components. Few components are subtracted directly (each one's shifted PSF ⊛
     * kernel over its overlap with the image), many by one FFT convolution; both give the same values to rounding.
     */
    void subtractComponents(Image residual, ActiveSet set) {
        int n = 0;
        for (double v : set.modelChange) {
            n += v != 0 ? 1 : 0;
        }
        if ((double) n * residual.width * residual.height > DIRECT_UPDATE_FACTOR * residualUpdate.transformOperations()) {
            residualUpdate.subtract(residual, set.x, set.y, set.modelChange);
            return;
        }
        int[] xs = new int[n];
        int[] ys = new int[n];
        double[] fluxes = new double[n];
        for (int i = 0, k = 0; i < set.size(); i++) {
            if (set.modelChange[i] != 0) {
                xs[k] = set.x[i];
                ys[k] = set.y[i];
                fluxes[k++] = set.modelChange[i];
            }
        }
        subtractDirect(residual, xs, ys, fluxes);
    }

    /** residual −= Σ flux × (PSF ⊛ kernel) centred on (x, y), each over its overlap with the image. */
    void subtractDirect(Image residual, int[] xs, int[] ys, double[] fluxes) {
        int w = residual.width;
        int pw = psfOnce.width;
        int ph = psfOnce.height;
        IntStream.range(0, residual.height).parallel().forEach(y -> {
            for (int c = 0; c < xs.length; c++) {
                // PSF pixel (x − xc + pw/2, y − yc + ph/2) lands on residual pixel (x, y)
                int sy = y - ys[c] + ph / 2;
                if (sy < 0 || sy >= ph) {
                    continue;
                }
                int dx = pw / 2 - xs[c];
                int from = Math.max(0, -dx);
                int to = Math.min(w, pw - dx);
                double f = fluxes[c];
                int psfRow = sy * pw + dx;
                int row = y * w;
                for (int x = from; x < to; x++) {
                    residual.pixels[row + x] -= f * psfOnce.pixels[psfRow + x];
                }
            }
        });
    }

    /**
     * A direct update costs components × image pixels multiply-adds, the FFT update a forward and an inverse
     * transform; a multiply-add streaming the residual and PSF rows takes about as long as five FFT operations.
     */
    private static final double DIRECT_UPDATE_FACTOR = 0.4;

    /** The biased peak by which scales compete. */
    double biasedPeak() {
        return Math.abs(peakValue) * bias;
    }
}
