package org.tessera.imaging.gridding;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** A fixed pool of worker threads splitting index ranges into one static slice per thread. */
final class ParallelRunner implements AutoCloseable {
    /** Work on the half-open index range [lo, hi), done by worker {@code thread}. */
    interface RangeTask {
        void run(int thread, int lo, int hi);
    }

    private final int threads;
    private final ExecutorService pool;

    ParallelRunner(int threads) {
        this.threads = threads;
        this.pool = threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "wgridder");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    int threads() {
        return threads;
    }

    /** Runs {@code task} on [lo, hi) cut into equal slices, slice k by worker k; waits for all. */
    void forRange(int lo, int hi, RangeTask task) {
        int n = hi - lo;
        if (n <= 0) {
            return;
        }
        if (pool == null || n == 1) {
            task.run(0, lo, hi);
            return;
        }
        int parts = Math.min(threads, n);
        List<Future<?>> futures = new ArrayList<>(parts);
        for (int k = 0; k < parts; k++) {
            int a = lo + (int) ((long) n * k / parts);
            int b = lo + (int) ((long) n * (k + 1) / parts);
            int thread = k;
            futures.add(pool.submit(() -> task.run(thread, a, b)));
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("gridding interrupted", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(cause);
            }
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
