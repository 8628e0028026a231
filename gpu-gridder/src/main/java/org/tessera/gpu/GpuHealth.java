package org.tessera.gpu;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether the GPU of this process has failed. After a failure (a sticky CUDA error poisons the
 * context for the rest of the process) every later gridder of the process runs on the CPU, and
 * the device selection and run summaries say why.
 */
public final class GpuHealth {
    private static final GpuHealth PROCESS = new GpuHealth();

    private final AtomicReference<String> failure = new AtomicReference<>();

    GpuHealth() {
    }

    /** The one of this process. */
    public static GpuHealth process() {
        return PROCESS;
    }

    /** Records the first failure; later ones keep it. */
    void fail(RuntimeException e) {
        String what = e.getClass().getSimpleName() + ": " + e.getMessage();
        if (failure.compareAndSet(null, what)) {
            System.err.println("gpu-gridder: the GPU failed (" + what + "); this and later runs use the CPU gridder");
        }
    }

    /** The first failure, or null while the GPU is healthy. */
    public String failure() {
        return failure.get();
    }
}
