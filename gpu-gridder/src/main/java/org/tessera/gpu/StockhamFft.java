package org.tessera.gpu;

import java.util.ArrayList;
import java.util.List;

/**
 * The mixed-radix (2, 3, 5) Stockham FFT that fft.cu runs, in Java with the kernel's index
 * arithmetic: one "thread" j in [0, n/R) per butterfly of each stage, reading x[j + r n/R] and
 * writing y[(j / Ns) Ns R + j mod Ns + q Ns] (autosort: no bit reversal, two buffers in turn).
 * Forward sign as JTransforms' complexForward: X[k] = sum x[j] exp(-2 pi i jk/n), unscaled.
 * One transform of length n along a line of {@code stride} complex elements; a plane transform is
 * a batch of such lines (one CUDA block row per line).
 */
public final class StockhamFft {
    private final int n;
    private final int[] radices;
    /** Twiddles exp(-2 pi i m / n), m in [0, n), interleaved: each stage reads its own from this table. */
    private final double[] twiddle;

    public StockhamFft(int n) {
        this.n = n;
        this.radices = radices(n);
        twiddle = new double[2 * n];
        for (int m = 0; m < n; m++) {
            twiddle[2 * m] = Math.cos(2 * Math.PI * m / n);
            twiddle[2 * m + 1] = -Math.sin(2 * Math.PI * m / n);
        }
    }

    /** Radices 5, 3, 2 (largest first) whose product is n; refuses other lengths. */
    public static int[] radices(int n) {
        List<Integer> r = new ArrayList<>();
        int m = n;
        for (int p : new int[] {5, 3, 2}) {
            while (m % p == 0) {
                r.add(p);
                m /= p;
            }
        }
        if (m != 1 || n < 1) {
            throw new IllegalArgumentException("FFT length " + n + " is not 2^a 3^b 5^c");
        }
        return r.stream().mapToInt(Integer::intValue).toArray();
    }

    public int length() {
        return n;
    }

    int[] radices() {
        return radices.clone();
    }

    /** Twiddle table the device gets (float or double). */
    double[] twiddles() {
        return twiddle.clone();
    }

    /**
     * In-place forward transform of the line data[offset + 2 k stride], k in [0, n), using
     * {@code work} (2n doubles) as the second Stockham buffer.
     */
    public void forward(double[] data, int offset, int stride, double[] work) {
        double[] a = new double[2 * n];
        for (int k = 0; k < n; k++) {
            a[2 * k] = data[offset + 2 * k * stride];
            a[2 * k + 1] = data[offset + 2 * k * stride + 1];
        }
        double[] b = work;
        int ns = 1;
        for (int r : radices) {
            for (int j = 0; j < n / r; j++) {
                butterfly(a, b, j, r, ns);
            }
            double[] t = a;
            a = b;
            b = t;
            ns *= r;
        }
        for (int k = 0; k < n; k++) {
            data[offset + 2 * k * stride] = a[2 * k];
            data[offset + 2 * k * stride + 1] = a[2 * k + 1];
        }
    }

    /** Thread j of a radix-r stage after ns points: twiddle, r-point DFT, autosorted store. */
    private void butterfly(double[] in, double[] out, int j, int r, int ns) {
        double[] re = new double[r];
        double[] im = new double[r];
        int k = j % ns;
        // exp(-2 pi i k q / (ns r)) = twiddle[k q n / (ns r)]
        int step = n / (ns * r);
        for (int q = 0; q < r; q++) {
            double xr = in[2 * (j + q * (n / r))];
            double xi = in[2 * (j + q * (n / r)) + 1];
            int m = (k * q * step) % n;
            double wr = twiddle[2 * m];
            double wi = twiddle[2 * m + 1];
            re[q] = xr * wr - xi * wi;
            im[q] = xr * wi + xi * wr;
        }
        int base = (j / ns) * ns * r + k;
        int unit = n / r;
        for (int q = 0; q < r; q++) {
            double sr = 0;
            double si = 0;
            for (int t = 0; t < r; t++) {
                // exp(-2 pi i t q / r) = twiddle[t q n / r]
                int m = (t * q % r) * unit;
                sr += re[t] * twiddle[2 * m] - im[t] * twiddle[2 * m + 1];
                si += re[t] * twiddle[2 * m + 1] + im[t] * twiddle[2 * m];
            }
            out[2 * (base + q * ns)] = sr;
            out[2 * (base + q * ns) + 1] = si;
        }
    }

    /**
     * The pruned 2-D forward transform of an nu x nv plane (row-major, interleaved), as PlaneFft
     * prunes it: along v only the grid columns that can hold data, then along u only the rows
     * that are read back. Other rows are left partly transformed (never read).
     */
    public static void prunedPlane(double[] grid, int nu, int nv, int[] dataColumns, int[] imageRows) {
        StockhamFft alongV = new StockhamFft(nv);
        StockhamFft alongU = new StockhamFft(nu);
        double[] work = new double[2 * Math.max(nu, nv)];
        for (int c : dataColumns) {
            alongV.forward(grid, 2 * c, nu, work);
        }
        for (int r : imageRows) {
            alongU.forward(grid, 2 * r * nu, 1, work);
        }
    }
}
