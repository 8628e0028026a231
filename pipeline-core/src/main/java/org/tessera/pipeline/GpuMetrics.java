package org.tessera.pipeline;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * GPU utilisation and memory ({@code tessera_gpu_utilization_ratio{gpu}}, {@code tessera_gpu_memory_used_bytes{gpu}})
 * from {@code nvidia-smi}, polled at most every 2 s as HTClean's team did by hand. Registers nothing
 * where {@code nvidia-smi} is absent or finds no device.
 */
public final class GpuMetrics {
    private static final Path NVIDIA_SMI = Path.of("/usr/bin/nvidia-smi");
    private static final long POLL_MS = 2000;

    private List<double[]> readings = List.of();
    private long polled;

    private GpuMetrics() {
    }

    public static void bind(MeterRegistry registry) {
        if (!Files.isExecutable(NVIDIA_SMI)) {
            return;
        }
        GpuMetrics gpus = new GpuMetrics();
        int devices = gpus.read().size();
        for (int i = 0; i < devices; i++) {
            int gpu = i;
            Gauge.builder("tessera.gpu.utilization", () -> gpus.value(gpu, 0) / 100).baseUnit("ratio")
                    .description("GPU busy fraction, from nvidia-smi").tag("gpu", String.valueOf(gpu))
                    .strongReference(true).register(registry);
            Gauge.builder("tessera.gpu.memory.used", () -> gpus.value(gpu, 1) * 1024 * 1024).baseUnit("bytes")
                    .description("GPU memory in use, from nvidia-smi").tag("gpu", String.valueOf(gpu))
                    .strongReference(true).register(registry);
        }
    }

    private synchronized double value(int gpu, int column) {
        if (System.currentTimeMillis() - polled > POLL_MS) {
            readings = read();
            polled = System.currentTimeMillis();
        }
        return gpu < readings.size() ? readings.get(gpu)[column] : Double.NaN;
    }

    /** Per device: utilisation in percent and memory used in MiB. */
    private static List<double[]> read() {
        List<double[]> out = new ArrayList<>();
        try {
            Process p = new ProcessBuilder(NVIDIA_SMI.toString(), "--query-gpu=utilization.gpu,memory.used",
                    "--format=csv,noheader,nounits").redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return out;
            }
            for (String line : text.strip().split("\n")) {
                String[] f = line.split(",");
                out.add(new double[] {Double.parseDouble(f[0].trim()), Double.parseDouble(f[1].trim())});
            }
        } catch (IOException | NumberFormatException | ArrayIndexOutOfBoundsException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out;
    }
}
