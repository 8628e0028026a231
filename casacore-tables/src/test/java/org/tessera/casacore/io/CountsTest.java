package org.tessera.casacore.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Shape products saturate instead of wrapping, so a corrupt shape never looks small. */
class CountsTest {
    @Test
    void productsOfShapes() {
        assertEquals(1, Counts.product(new int[0]));
        assertEquals(24, Counts.product(new int[] {2, 3, 4}));
        assertEquals(0, Counts.product(new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, 0}));
        assertEquals(Long.MAX_VALUE, Counts.product(new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE}));
        assertEquals(Long.MAX_VALUE, Counts.product(new int[] {4, -1}));
    }
}
