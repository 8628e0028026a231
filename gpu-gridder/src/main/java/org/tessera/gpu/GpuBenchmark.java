package org.tessera.gpu;

import java.nio.file.Path;
import org.tessera.casacore.ms.MeasurementSet;
import org.tessera.imaging.ImageGeometry;
import org.tessera.imaging.gridding.GriddedImage;
import org.tessera.imaging.gridding.GridderSettings;
import org.tessera.imaging.gridding.WGridder;
import org.tessera.imaging.ms.MsVisibilitySource;

/**
 * Dirty image of a MeasurementSet on the GPU and, unless told not to, on the CPU gridder, printing
 * times, gridding throughput and the largest difference relative to the peak. Used by
 * bench/gpu-benchmark.sh on a GPU machine.
 *
 * <p>Arguments: MS SIZE CELL_ARCSEC EPSILON THREADS [cpu|nocpu]
 */
public final class GpuBenchmark {
    private GpuBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: GpuBenchmark MS SIZE CELL_ARCSEC EPSILON THREADS [cpu|nocpu]");
            System.exit(2);
        }
        Path ms = Path.of(args[0]);
        int size = Integer.parseInt(args[1]);
        double cell = Math.toRadians(Double.parseDouble(args[2]) / 3600);
        double eps = Double.parseDouble(args[3]);
        int threads = Integer.parseInt(args[4]);
        boolean cpu = args.length < 6 || !args[5].equals("nocpu");
        DeviceSelector.Selection selection = DeviceSelector.select("gpu");
        System.out.println("device: " + selection.reason());
        GridderSettings settings = new GridderSettings(new ImageGeometry(size, size, cell, 0, 0), eps, threads);
        try (MeasurementSet set = MeasurementSet.open(ms)) {
            MsVisibilitySource source = new MsVisibilitySource(set, "DATA", 0, 256L << 20);
            TimedPlaneDevice[] timed = new TimedPlaneDevice[1];
            GpuWGridder gpu = new GpuWGridder(settings, () -> timed[0] = new TimedPlaneDevice(new CudaPlaneDevice(0)));
            long t0 = System.nanoTime();
            GriddedImage g = gpu.grid(source, null, false);
            double gpuSeconds = (System.nanoTime() - t0) / 1e9;
            long samples = source.counts().used;
            System.out.printf("visibilities: %d%n", samples);
            System.out.printf("gpu dirty image: %.2f s end to end (%.3g vis/s)%n", gpuSeconds, samples / gpuSeconds);
            System.out.printf("gpu gridding: %.2f s for %d sample-planes (%.3g sample-planes/s, %.3g vis/s)%n",
                    timed[0].gridSeconds(), timed[0].griddedSamples(), timed[0].griddedSamples() / timed[0].gridSeconds(),
                    samples / timed[0].gridSeconds());
            if (cpu) {
                long t1 = System.nanoTime();
                GriddedImage c = new WGridder(settings).grid(source, null, false);
                double cpuSeconds = (System.nanoTime() - t1) / 1e9;
                double peak = c.image().maxAbs();
                double diff = 0;
                for (int i = 0; i < c.image().pixels.length; i++) {
                    diff = Math.max(diff, Math.abs(c.image().pixels[i] - g.image().pixels[i]));
                }
                System.out.printf("cpu dirty image (%d threads): %.2f s; max |gpu - cpu| / peak = %.3g (3 eps = %.3g)%n",
                        threads, cpuSeconds, diff / peak, 3 * eps);
            }
        }
    }
}
