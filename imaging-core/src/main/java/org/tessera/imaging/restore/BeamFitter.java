package org.tessera.imaging.restore;

import org.tessera.imaging.Image;

/**
 * Fits the restoring beam to the main lobe of the PSF as WSClean 3.1 does ("Fitting beam"):
 * a centred Gaussian of peak 1 with free major axis, minor axis and position angle is fitted
 * by Levenberg-Marquardt least squares to every PSF pixel of a box around the centre whose
 * side is 10 times the beam estimate; when the fitted major axis turns out wider than 80% of
 * a tenth of the box, the box is enlarged and the fit repeated (at most 5 times).
 *
 * <p>Only the quarter of the box at and above-right of the centre (x ≥ width/2, y ≥ height/2)
 * enters the fit: WSClean 3.1's fitter computes pixel offsets with unsigned indices, so every
 * pixel left of or below the centre gets a model value of 0 and no say in the fit. Using the
 * same pixels gives the same beam as WSClean (checked to 0.01% on two PSFs); the PSF's point
 * symmetry means the mirrored quarter is represented too.
 *
 * <p>The PSF peak is expected at pixel (width/2, height/2); values are divided by the
 * centre pixel, so a PSF that is not exactly normalised still fits a unit-peak Gaussian.
 */
public final class BeamFitter {
    /** WSClean's default box size in units of the beam estimate (-beam-fitting-size). */
    public static final double BOX_SCALE = 10.0;
    private static final int MAX_BOX_GROWTHS = 5;
    private static final int MAX_LM_ITERATIONS = 500;

    private BeamFitter() {
    }

    /** Fitted beam in radians, with the initial FWHM estimated from the PSF's half-power width. */
    public static Beam fit(Image psf, double cellRad) {
        return fitPixels(psf, estimateFwhmPixels(psf)).toBeam(cellRad);
    }

    /** Fitted beam in radians, starting from an estimate (e.g. the theoretical beam λ/B_max). */
    public static Beam fit(Image psf, double cellRad, double initialFwhmRad) {
        return fitPixels(psf, initialFwhmRad / cellRad).toBeam(cellRad);
    }

    /** Fitted main lobe in pixel units. */
    public static EllipticalGaussian fitPixels(Image psf, double initialFwhmPixels) {
        double estimate = Math.max(initialFwhmPixels, 1.0);
        int preferred = evenBoxSize(estimate);
        if (preferred >= psf.width && preferred >= psf.height) {
            return fitInBox(psf, psf.width, psf.height, estimate);
        }
        EllipticalGaussian fit = null;
        for (int attempt = 0; attempt < MAX_BOX_GROWTHS; attempt++) {
            int boxWidth = Math.min(preferred, psf.width);
            int boxHeight = Math.min(preferred, psf.height);
            fit = fitInBox(psf, boxWidth, boxHeight, estimate);
            double needed = fit.majorFwhm() * BOX_SCALE * 0.8;
            boolean largeEnough = (needed < boxWidth || boxWidth >= psf.width)
                    && (needed < boxHeight || boxHeight >= psf.height);
            if (largeEnough) {
                break;
            }
            preferred = evenBoxSize(fit.majorFwhm());
            estimate = Math.max(fit.majorFwhm(), estimate);
        }
        return fit;
    }

    /**
     * Initial FWHM in pixels: twice the largest distance from the centre, along the axes and
     * diagonals, at which the PSF first falls below half its peak (linearly interpolated).
     */
    public static double estimateFwhmPixels(Image psf) {
        int cx = psf.width / 2;
        int cy = psf.height / 2;
        double peak = psf.get(cx, cy);
        int[][] directions = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}, {1, 1}, {-1, -1}, {1, -1}, {-1, 1}};
        double widest = 0.5;
        for (int[] d : directions) {
            double previous = 1.0;
            for (int step = 1; ; step++) {
                int x = cx + step * d[0];
                int y = cy + step * d[1];
                if (x < 0 || y < 0 || x >= psf.width || y >= psf.height) {
                    break;
                }
                double value = psf.get(x, y) / peak;
                if (value < 0.5) {
                    double fraction = (previous - 0.5) / (previous - value);
                    double length = (step - 1 + fraction) * Math.hypot(d[0], d[1]);
                    widest = Math.max(widest, length);
                    break;
                }
                previous = value;
            }
        }
        return 2.0 * widest;
    }

    private static int evenBoxSize(double fwhmPixels) {
        int size = (int) Math.max(Math.ceil(BOX_SCALE), Math.ceil(fwhmPixels * BOX_SCALE));
        return size % 2 == 0 ? size : size + 1;
    }

    /**
     * Levenberg-Marquardt fit of g = exp(-(a x² + 2 b x y + c y²)/2) over a centred box. The
     * inverse-covariance parameters (a, b, c) keep the model smooth in its parameters; the
     * ellipse axes and angle follow from the eigenvectors of the covariance afterwards.
     */
    private static EllipticalGaussian fitInBox(Image psf, int boxWidth, int boxHeight, double estimate) {
        int cx = psf.width / 2;
        int cy = psf.height / 2;
        int x0 = cx;
        int y0 = cy;
        int x1 = Math.min(psf.width, Math.max(0, cx - boxWidth / 2) + boxWidth);
        int y1 = Math.min(psf.height, Math.max(0, cy - boxHeight / 2) + boxHeight);
        int n = (x1 - x0) * (y1 - y0);
        double[] xs = new double[n];
        double[] ys = new double[n];
        double[] data = new double[n];
        double peak = psf.get(cx, cy);
        int k = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                xs[k] = x - cx;
                ys[k] = y - cy;
                data[k] = psf.get(x, y) / peak;
                k++;
            }
        }
        double sigma = estimate / Beam.SIGMA_TO_FWHM;
        double[] p = {1.0 / (sigma * sigma), 0.0, 1.0 / (sigma * sigma)};
        double cost = cost(p, xs, ys, data);
        double lambda = 1e-3;
        for (int iteration = 0; iteration < MAX_LM_ITERATIONS; iteration++) {
            double[][] jtj = new double[3][3];
            double[] jte = new double[3];
            for (int i = 0; i < n; i++) {
                double g = gauss(p, xs[i], ys[i]);
                double e = g - data[i];
                double[] j = {-0.5 * xs[i] * xs[i] * g, -xs[i] * ys[i] * g, -0.5 * ys[i] * ys[i] * g};
                for (int r = 0; r < 3; r++) {
                    jte[r] += j[r] * e;
                    for (int c = 0; c < 3; c++) {
                        jtj[r][c] += j[r] * j[c];
                    }
                }
            }
            boolean improved = false;
            double[] step = null;
            while (lambda < 1e12) {
                double[][] m = new double[3][3];
                for (int r = 0; r < 3; r++) {
                    m[r] = jtj[r].clone();
                    m[r][r] += lambda * Math.max(jtj[r][r], 1e-300);
                }
                step = solve3(m, new double[] {-jte[0], -jte[1], -jte[2]});
                double[] trial = {p[0] + step[0], p[1] + step[1], p[2] + step[2]};
                boolean positiveDefinite = trial[0] > 0 && trial[2] > 0 && trial[0] * trial[2] > trial[1] * trial[1];
                double trialCost = positiveDefinite ? cost(trial, xs, ys, data) : Double.POSITIVE_INFINITY;
                if (trialCost < cost) {
                    p = trial;
                    cost = trialCost;
                    lambda = Math.max(lambda / 10, 1e-12);
                    improved = true;
                    break;
                }
                lambda *= 10;
            }
            double scale = Math.abs(p[0]) + Math.abs(p[2]);
            if (!improved || Math.abs(step[0]) + Math.abs(step[1]) + Math.abs(step[2]) < 1e-12 * scale) {
                break;
            }
        }
        return toEllipse(p[0], p[1], p[2]);
    }

    private static double gauss(double[] p, double x, double y) {
        return Math.exp(-0.5 * (p[0] * x * x + 2 * p[1] * x * y + p[2] * y * y));
    }

    private static double cost(double[] p, double[] xs, double[] ys, double[] data) {
        double sum = 0;
        for (int i = 0; i < xs.length; i++) {
            double e = gauss(p, xs[i], ys[i]) - data[i];
            sum += e * e;
        }
        return sum;
    }

    private static double[] solve3(double[][] m, double[] b) {
        double det = det3(m);
        double[] x = new double[3];
        for (int col = 0; col < 3; col++) {
            double[][] mc = {m[0].clone(), m[1].clone(), m[2].clone()};
            for (int r = 0; r < 3; r++) {
                mc[r][col] = b[r];
            }
            x[col] = det3(mc) / det;
        }
        return x;
    }

    private static double det3(double[][] m) {
        return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
                - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    }

    /** Converts inverse-covariance entries to FWHMs and a position angle east of north. */
    static EllipticalGaussian toEllipse(double a, double b, double c) {
        double det = a * c - b * b;
        double cxx = c / det;
        double cxy = -b / det;
        double cyy = a / det;
        double mean = 0.5 * (cxx + cyy);
        double spread = Math.hypot(0.5 * (cxx - cyy), cxy);
        double largest = mean + spread;
        double smallest = mean - spread;
        double vx;
        double vy;
        if (Math.abs(cxy) > 1e-15 * mean) {
            vx = largest - cyy;
            vy = cxy;
        } else if (cxx >= cyy) {
            vx = 1;
            vy = 0;
        } else {
            vx = 0;
            vy = 1;
        }
        // The major axis along pixel (vx, vy) points to (east, north) = (-vx, vy).
        double pa = Math.atan2(-vx, vy);
        if (pa > Math.PI / 2) {
            pa -= Math.PI;
        } else if (pa <= -Math.PI / 2) {
            pa += Math.PI;
        }
        return new EllipticalGaussian(Math.sqrt(largest) * Beam.SIGMA_TO_FWHM,
                Math.sqrt(Math.max(smallest, 0)) * Beam.SIGMA_TO_FWHM, pa);
    }
}
