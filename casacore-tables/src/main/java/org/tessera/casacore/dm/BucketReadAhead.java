package org.tessera.casacore.dm;

import java.nio.ByteBuffer;
import org.tessera.casacore.io.ReadAhead;

/**
 * The next span of buckets, read in the background (see {@link ReadAhead}) while the caller
 * decodes the current one.
 */
final class BucketReadAhead {
    private final BucketFile buckets;
    private ReadAhead pending;
    private ByteBuffer buffer;
    private int first;
    private int count;

    BucketReadAhead(BucketFile buckets) {
        this.buckets = buckets;
    }

    /** Starts reading count buckets from bucket first into dst, which is not to be touched until {@link #take}. */
    void start(int first, int count, ByteBuffer dst) {
        this.buffer = dst;
        this.first = first;
        this.count = count;
        dst.clear().limit(count * buckets.bucketSize());
        pending = buckets.readAhead(first, count, dst);
    }

    /** First bucket of the buffer last returned by {@link #take}. */
    int first() {
        return first;
    }

    int count() {
        return count;
    }

    /** Waits for the pending read and hands back its buffer, rewound (null when none was started); see {@link #covers}. */
    ByteBuffer take() {
        if (pending == null) {
            return null;
        }
        ReadAhead p = pending;
        pending = null;
        p.await();
        return buffer.rewind();
    }

    /** True when the buffer of the last read holds buckets [from, to]. */
    boolean covers(int from, int to) {
        return from >= first && to < first + count;
    }
}
