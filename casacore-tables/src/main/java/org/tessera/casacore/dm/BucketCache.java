package org.tessera.casacore.dm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The buckets one StandardStMan read last, shared by all its columns: copying a block of rows
 * column by column then reads each bucket from the file once, not once per column. Beyond
 * {@link #MAX_BYTES} the least recently used bucket is dropped (its buffer reused), so memory
 * stays bounded however large the table. Not thread-safe, like the columns using it (one Table
 * per thread); the read-ahead thread never touches it.
 */
final class BucketCache {
    /** About one block of a row-block copy (8 MB of cells): each column of a block finds the buckets the first read. */
    static final long MAX_BYTES = 8L << 20;

    private final BucketFile buckets;
    private final ByteOrder order;
    private final int capacity;
    /** In access order: the first entry is the least recently used. */
    private final LinkedHashMap<Integer, ByteBuffer> cached = new LinkedHashMap<>(16, 0.75f, true);
    /** The most recently used bucket, answered without a map lookup (it is already last in access order). */
    private int lastNr = -1;
    private ByteBuffer last;
    private long fileReads;

    BucketCache(BucketFile buckets, ByteOrder order) {
        this.buckets = buckets;
        this.order = order;
        long fit = MAX_BYTES / Math.max(1, buckets.bucketSize());
        this.capacity = (int) Math.max(1, Math.min(fit, buckets.bucketCount()));
    }

    /**
     * Bucket k, read from the file unless cached. The buffer may be reused for another bucket by
     * the next call, so a caller must be done with it before asking for another bucket.
     */
    ByteBuffer get(int k) {
        if (k == lastNr) {
            return last;
        }
        ByteBuffer b = cached.get(k);
        if (b == null) {
            lastNr = -1;
            b = evictOrAllocate();
            buckets.read(k, b);
            fileReads++;
            cached.put(k, b);
        }
        lastNr = k;
        last = b;
        return b;
    }

    /** How many buckets were read from the file, for tests and diagnostics. */
    long fileReads() {
        return fileReads;
    }

    private ByteBuffer evictOrAllocate() {
        if (cached.size() < capacity) {
            return buckets.newBuffer(order);
        }
        Iterator<Map.Entry<Integer, ByteBuffer>> eldest = cached.entrySet().iterator();
        ByteBuffer b = eldest.next().getValue();
        eldest.remove();
        return b;
    }
}
