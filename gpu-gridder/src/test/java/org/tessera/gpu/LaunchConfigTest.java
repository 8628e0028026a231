package org.tessera.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LaunchConfigTest {
    @Test
    void griddingCoversEverySampleColumnWithLessThanOneSpareBlock() {
        for (int samples : new int[] {1, 5, 255, 256, 257, 1_000_003, ChunkPlanner.MAX_CHUNK}) {
            for (int w = 4; w <= 16; w++) {
                LaunchConfig l = LaunchConfig.gridding(samples, w);
                long needed = (long) samples * w;
                assertTrue(l.threads() >= needed, samples + " x " + w);
                assertTrue(l.threads() - needed < l.blockX(), "at most one partial block");
                assertEquals(1, l.gridY());
            }
        }
    }

    @Test
    void degriddingIsOneThreadPerSample() {
        LaunchConfig l = LaunchConfig.degridding(1000);
        assertEquals(4, l.gridX());
        assertEquals(LaunchConfig.BLOCK, l.blockX());
    }

    @Test
    void imageKernelsHaveOneBlockRowPerImageRow() {
        LaunchConfig l = LaunchConfig.image(1000, 48);
        assertEquals(4, l.gridX());
        assertEquals(48, l.gridY());
    }

    @Test
    void emptyOrOversizedLaunchesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> LaunchConfig.degridding(0));
        assertThrows(IllegalArgumentException.class, () -> LaunchConfig.linear(LaunchConfig.MAX_GRID_X * LaunchConfig.BLOCK + 1));
    }
}
