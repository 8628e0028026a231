package org.tessera.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Host buffers above 2 GiB (a 20000 x 32768 float grid) are mapped in windows a ByteBuffer can hold. */
class HostWindowsTest {
    @Test
    void windowsCoverAFiveGigabyteGridInWholeElements() {
        long cells = 20000L * 32768;
        long bytes = 2 * cells * Float.BYTES;
        assertTrue(bytes > Integer.MAX_VALUE);
        List<HostWindows.Window> windows = HostWindows.of(bytes);
        long next = 0;
        long elements = 0;
        for (HostWindows.Window w : windows) {
            assertEquals(next, w.offset());
            assertTrue(w.bytes() > 0 && w.bytes() <= HostWindows.MAX_BYTES);
            assertEquals(0, w.bytes() % Double.BYTES, "whole doubles and floats");
            assertEquals(elements, w.firstElement(Float.BYTES));
            next += w.bytes();
            elements += w.bytes() / Float.BYTES;
        }
        assertEquals(bytes, next);
        assertEquals(2 * cells, elements);
        assertEquals(5, windows.size());
    }

    @Test
    void emptyAndSmallBuffers() {
        assertEquals(0, HostWindows.of(0).size());
        assertEquals(List.of(new HostWindows.Window(0, 24)), HostWindows.of(24));
    }
}
