package org.tessera.casacore.io;

import java.nio.ByteBuffer;

/**
 * Reads of one file served from spans of {@link #SPAN} bytes; once reads move forward from
 * span to span, the next span is read ahead (see {@link ReadAhead}) while the caller
 * decodes the current one.
 */
public final class SpanReader {
    /** Measured fastest of 256 KB to 8 MB: two spans and the decoded arrays stay in a 32 MB L3 cache. */
    static final int SPAN = 4 << 20;

    private final DataFile file;
    private ByteBuffer current;
    private long currentStart = -1;
    private ByteBuffer next;
    private long nextStart = -1;
    private ReadAhead pending;

    public SpanReader(DataFile file) {
        this.file = file;
    }

    /** The bytes [pos, pos + n) from index 0 of the returned buffer, valid until the next call. */
    public ByteBuffer read(long pos, int n) {
        if (!holds(current, currentStart, pos, n)) {
            boolean forward = current != null && pos >= currentStart;
            if (pending != null) {
                pending.await();
                pending = null;
                ByteBuffer b = current;
                current = next;
                currentStart = nextStart;
                next = b;
                forward = holds(current, currentStart, pos, n);
            }
            if (!holds(current, currentStart, pos, n)) {
                current = fill(current, pos, n);
                currentStart = pos;
                file.readFully(pos, current);
            }
            long following = currentStart + current.limit();
            if (forward && following < file.size()) {
                next = fill(next, following, 0);
                nextStart = following;
                pending = ReadAhead.start(file, following, next);
            }
        }
        return current.slice((int) (pos - currentStart), n);
    }

    private static boolean holds(ByteBuffer b, long start, long pos, int n) {
        return b != null && pos >= start && pos + n <= start + b.limit();
    }

    /** A buffer (b reused when large enough) limited to the span from pos: SPAN bytes, at least n, within the file. */
    private ByteBuffer fill(ByteBuffer b, long pos, int n) {
        int len = (int) Math.min(Math.max(SPAN, n), Math.max(file.size() - pos, n));
        ByteBuffer dst = b != null && b.capacity() >= len ? b : ByteBuffer.allocateDirect(len);
        return dst.clear().limit(len);
    }

    /** Lets a read in flight finish before the file is closed. */
    public void close() {
        if (pending != null) {
            ReadAhead p = pending;
            pending = null;
            p.await();
        }
    }
}
