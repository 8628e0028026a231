package org.tessera.gpu;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a host buffer of any size into windows that JCuda's {@code Pointer.getByteBuffer} can
 * map (a ByteBuffer holds at most 2^31 - 1 bytes): a 4 GiB grid is read and written window by
 * window, each a whole number of doubles.
 */
final class HostWindows {
    /** Largest window: 1 GiB, a multiple of every element size. */
    static final long MAX_BYTES = 1L << 30;

    /** One window: bytes [offset, offset + bytes) of the buffer. */
    record Window(long offset, int bytes) {
        /** Index of the window's first element of {@code elementBytes} bytes. */
        long firstElement(int elementBytes) {
            return offset / elementBytes;
        }
    }

    private HostWindows() {
    }

    static List<Window> of(long totalBytes) {
        List<Window> out = new ArrayList<>();
        for (long o = 0; o < totalBytes; o += MAX_BYTES) {
            out.add(new Window(o, (int) Math.min(MAX_BYTES, totalBytes - o)));
        }
        return out;
    }
}
