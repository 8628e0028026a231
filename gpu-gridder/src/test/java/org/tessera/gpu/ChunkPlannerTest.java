package org.tessera.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkPlannerTest {
    private static final long PER_SAMPLE = PackedSamples.bytesPerSample(Precision.SINGLE, true);

    @Test
    void chunksCoverTheRangeInOrderWithoutOverlapAndAlternateStreams() {
        ChunkPlanner planner = new ChunkPlanner(1_000_000, 200_000, PER_SAMPLE);
        int lo = 123;
        int hi = 123 + 5 * planner.capacity() + 17;
        List<ChunkPlanner.Chunk> chunks = planner.split(lo, hi);
        int next = lo;
        for (int k = 0; k < chunks.size(); k++) {
            ChunkPlanner.Chunk c = chunks.get(k);
            assertEquals(next, c.start(), "contiguous, no gap or overlap");
            assertTrue(c.count() > 0 && c.count() <= planner.capacity());
            assertEquals(k % ChunkPlanner.STREAMS, c.stream());
            next += c.count();
        }
        assertEquals(hi, next);
        assertEquals(6, chunks.size());
        assertTrue(planner.split(7, 7).isEmpty());
    }

    @Test
    void memoryBoundIsRespected() {
        long budget = 64L << 20;
        long fixed = 40L << 20;
        ChunkPlanner planner = new ChunkPlanner(budget, fixed, PER_SAMPLE);
        assertTrue(fixed + planner.sampleBytes(PER_SAMPLE) <= budget);
        assertTrue(fixed + ChunkPlanner.STREAMS * (planner.capacity() + 1) * PER_SAMPLE > budget,
                "uses the budget, not far below it");
    }

    @Test
    void chunksAreCappedOnLargeDevices() {
        ChunkPlanner planner = new ChunkPlanner(80L << 30, 1L << 30, PER_SAMPLE);
        assertEquals(ChunkPlanner.MAX_CHUNK, planner.capacity());
    }

    @Test
    void aGridLargerThanTheBudgetIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ChunkPlanner(1 << 20, 2 << 20, PER_SAMPLE));
        assertTrue(e.getMessage().contains("device memory budget"), e.getMessage());
    }
}
