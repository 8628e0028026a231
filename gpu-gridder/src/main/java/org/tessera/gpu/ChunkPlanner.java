package org.tessera.gpu;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a plane's sample range into chunks that fit the device memory left after the grid and
 * image buffers. Chunks alternate between {@link #STREAMS} streams, each with its own device and
 * pinned staging buffers, so the copy of one chunk overlaps the kernel of the previous one.
 */
public final class ChunkPlanner {
    public static final int STREAMS = 2;
    /** Upper bound per chunk: keeps staging buffers modest and one launch well under CUDA limits. */
    public static final int MAX_CHUNK = 1 << 22;

    private final int capacity;

    /** A half-open range [start, start + count) of samples, staged through {@code stream}. */
    public record Chunk(int start, int count, int stream) {
    }

    /**
     * @param budgetBytes     device memory the run may use
     * @param fixedBytes      memory of grids, image planes and tables
     * @param bytesPerSample  device bytes per sample (inputs and outputs) in one stream
     */
    public ChunkPlanner(long budgetBytes, long fixedBytes, long bytesPerSample) {
        if (bytesPerSample < 1) {
            throw new IllegalArgumentException("bytes per sample must be positive");
        }
        long perStream = (budgetBytes - fixedBytes) / STREAMS;
        long samples = perStream / bytesPerSample;
        if (samples < 1) {
            throw new IllegalArgumentException(String.format(
                    "device memory budget of %.1f MiB cannot hold the %.1f MiB of grids plus sample buffers;"
                            + " use a smaller image or the CPU gridder", budgetBytes / 1048576.0, fixedBytes / 1048576.0));
        }
        this.capacity = (int) Math.min(MAX_CHUNK, samples);
    }

    /** Samples per chunk. */
    public int capacity() {
        return capacity;
    }

    /** Device bytes of the sample buffers of all streams. */
    public long sampleBytes(long bytesPerSample) {
        return STREAMS * capacity * bytesPerSample;
    }

    /** Covers [lo, hi) with consecutive chunks of at most {@link #capacity()} samples. */
    public List<Chunk> split(int lo, int hi) {
        List<Chunk> chunks = new ArrayList<>();
        int k = 0;
        for (int s = lo; s < hi; s += capacity) {
            chunks.add(new Chunk(s, Math.min(capacity, hi - s), k++ % STREAMS));
        }
        return chunks;
    }
}
