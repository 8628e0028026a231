package org.tessera.imaging.deconvolution;

import java.util.stream.IntStream;
import org.tessera.imaging.Image;

/**
 * Högbom CLEAN minor cycle: repeatedly find the largest |residual|, add gain × that value to
 * the model at that pixel and subtract gain × value × the PSF shifted there (only over the
 * part of the shifted PSF that overlaps the image).
 *
 * <p>Speed: each row keeps its largest |residual|, so the peak search is a scan of one value
 * per row plus one row; the subtraction refreshes the row maxima of the rows it touches in
 * the same pass. Large overlaps are split into bands of rows across threads.
 */
public final class HogbomClean {
    /** Overlaps with fewer pixels than this are subtracted on one thread (threading costs more). */
    private static final int PARALLEL_PIXELS = 1 << 17;
    /** A minor cycle stops when |peak| rises this fraction above the lowest |peak| reached in it. */
    static final double DIVERGENCE_FRACTION = 0.1;

    private final Image residual;
    private final Image psf;
    private final double[] rowMax;

    private HogbomClean(Image residual, Image psf) {
        if (residual.width != psf.width || residual.height != psf.height) {
            throw new IllegalArgumentException("PSF must have the residual's size");
        }
        this.residual = residual;
        this.psf = psf;
        this.rowMax = new double[residual.height];
        IntStream.range(0, residual.height).parallel().forEach(this::refreshRowMax);
    }

    /**
     * Runs one minor cycle. Residual and model are updated in place.
     *
     * @param modelFluxBefore total flux of the model before the cycle (reported back as a running total)
     */
    public static MinorCycleResult run(Image residual, Image psf, Image model, MinorCycleControls controls,
                                       double modelFluxBefore) {
        if (model.width != residual.width || model.height != residual.height) {
            throw new IllegalArgumentException("model must have the residual's size");
        }
        long start = System.nanoTime();
        HogbomClean clean = new HogbomClean(residual, psf);
        double psfPeak = psf.get(psf.width / 2, psf.height / 2);
        int iterations = 0;
        double fluxAdded = 0;
        int[] peakPixel = clean.findPeak();
        double peakBefore = Math.abs(clean.valueAt(peakPixel));
        double minPeak = peakBefore;
        MinorCycleStopCode stop;
        while (true) {
            double peak = clean.valueAt(peakPixel);
            double absPeak = Math.abs(peak);
            if (iterations >= controls.cycleNiter()) {
                stop = MinorCycleStopCode.CYCLE_ITERATION_LIMIT;
                break;
            }
            if (absPeak <= controls.minorThreshold()) {
                stop = controls.nsigmaThreshold() > Math.max(controls.cycleThreshold(), controls.mgainThreshold())
                        ? MinorCycleStopCode.NSIGMA_THRESHOLD : MinorCycleStopCode.CYCLE_THRESHOLD;
                break;
            }
            if (!Double.isFinite(peak) || !(psfPeak > 0)) {
                stop = MinorCycleStopCode.NO_ITERATION_POSSIBLE;
                break;
            }
            if ((absPeak - minPeak) / minPeak > DIVERGENCE_FRACTION) {
                stop = MinorCycleStopCode.DIVERGENCE;
                break;
            }
            double component = controls.gain() * peak / psfPeak;
            model.pixels[peakPixel[1] * model.width + peakPixel[0]] += component;
            fluxAdded += component;
            clean.subtract(peakPixel[0], peakPixel[1], component);
            iterations++;
            peakPixel = clean.findPeak();
            minPeak = Math.min(minPeak, Math.abs(clean.valueAt(peakPixel)));
        }
        double seconds = (System.nanoTime() - start) * 1e-9;
        return new MinorCycleResult(iterations, peakBefore, Math.abs(clean.valueAt(peakPixel)), fluxAdded,
                modelFluxBefore + fluxAdded, stop, seconds);
    }

    private double valueAt(int[] pixel) {
        return residual.pixels[pixel[1] * residual.width + pixel[0]];
    }

    /** Pixel (x, y) of the largest |residual|; the first in scan order on ties. */
    int[] findPeak() {
        int bestRow = 0;
        double best = -1;
        for (int y = 0; y < rowMax.length; y++) {
            if (rowMax[y] > best) {
                best = rowMax[y];
                bestRow = y;
            }
        }
        int w = residual.width;
        int offset = bestRow * w;
        for (int x = 0; x < w; x++) {
            if (Math.abs(residual.pixels[offset + x]) == best) {
                return new int[] {x, bestRow};
            }
        }
        // Only reached when the row holds NaN: report its first pixel so that the caller stops.
        return new int[] {0, bestRow};
    }

    /** Subtracts amplitude × PSF centred on (px, py), over the overlap with the image only. */
    void subtract(int px, int py, double amplitude) {
        int w = residual.width;
        int h = residual.height;
        // PSF pixel (x - px + w/2, y - py + h/2) lands on residual pixel (x, y).
        int dx = w / 2 - px;
        int dy = h / 2 - py;
        int x0 = Math.max(0, -dx);
        int x1 = Math.min(w, w - dx);
        int y0 = Math.max(0, -dy);
        int y1 = Math.min(h, h - dy);
        if (x0 >= x1 || y0 >= y1) {
            return;
        }
        long pixels = (long) (x1 - x0) * (y1 - y0);
        if (pixels < PARALLEL_PIXELS) {
            subtractRows(y0, y1, x0, x1, dx, dy, amplitude);
        } else {
            int bands = Math.min(y1 - y0, 4 * Runtime.getRuntime().availableProcessors());
            int rowsPerBand = (y1 - y0 + bands - 1) / bands;
            IntStream.range(0, bands).parallel().forEach(b -> {
                int from = y0 + b * rowsPerBand;
                int to = Math.min(y1, from + rowsPerBand);
                subtractRows(from, to, x0, x1, dx, dy, amplitude);
            });
        }
    }

    private void subtractRows(int yFrom, int yTo, int x0, int x1, int dx, int dy, double amplitude) {
        int w = residual.width;
        double[] r = residual.pixels;
        double[] p = psf.pixels;
        for (int y = yFrom; y < yTo; y++) {
            int rowOffset = y * w;
            int psfOffset = (y + dy) * w + dx;
            double max = 0;
            for (int x = x0; x < x1; x++) {
                double v = r[rowOffset + x] - amplitude * p[psfOffset + x];
                r[rowOffset + x] = v;
                max = Math.max(max, Math.abs(v));
            }
            for (int x = 0; x < x0; x++) {
                max = Math.max(max, Math.abs(r[rowOffset + x]));
            }
            for (int x = x1; x < w; x++) {
                max = Math.max(max, Math.abs(r[rowOffset + x]));
            }
            rowMax[y] = max;
        }
    }

    private void refreshRowMax(int y) {
        int w = residual.width;
        double max = 0;
        for (int x = 0; x < w; x++) {
            max = Math.max(max, Math.abs(residual.pixels[y * w + x]));
        }
        rowMax[y] = max;
    }
}
