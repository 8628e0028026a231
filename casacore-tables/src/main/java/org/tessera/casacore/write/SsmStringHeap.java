package org.tessera.casacore.write;

import java.io.IOException;

/**
 * The string buckets of a StandardStMan ({@code SSMStringHandler.cc}): strings longer than
 * 8 bytes and string arrays are appended to the current string bucket and continue in a new
 * bucket when it is full. Each string bucket starts with a 16-byte, always big-endian header
 * (unused, used length, deleted length, next bucket of a continued entry).
 */
final class SsmStringHeap {
    private static final int HEADER = 16;
    /** casacore starts a fresh bucket rather than splitting when less than this is left. */
    private static final int MIN_SPLIT_SPACE = 50;

    private final BucketFile file;
    private final int dataLength;
    private byte[] bucket;
    private int bucketNr = -1;
    private int used;
    private int nDeleted;
    private int next = -1;

    /** Where an entry went: the three Ints stored in the data bucket. */
    record Ref(int bucket, int offset, int length) {
    }

    SsmStringHeap(BucketFile file) {
        this.file = file;
        this.dataLength = file.bucketSize() - HEADER;
    }

    /** The last string bucket, or -1 when none was used (the header's lastStringBucket). */
    int lastBucket() {
        return bucketNr;
    }

    /** Appends one entry (already encoded) and returns its location. */
    Ref put(byte[] entry) throws IOException {
        if (bucket == null) {
            startBucket();
        } else if (entry.length > dataLength - used && dataLength - used < MIN_SPLIT_SPACE) {
            flush();
            startBucket();
        }
        Ref ref = new Ref(bucketNr, used, entry.length);
        int done = 0;
        while (done < entry.length) {
            int n = Math.min(entry.length - done, dataLength - used);
            System.arraycopy(entry, done, bucket, HEADER + used, n);
            used += n;
            nDeleted -= n;
            done += n;
            if (done < entry.length) {
                // Continue in a new bucket, chained from this one.
                int previous = bucketNr;
                byte[] full = bucket;
                int fullUsed = used;
                int fullDeleted = nDeleted;
                startBucket();
                writeHeaderAndFlush(previous, full, fullUsed, fullDeleted, bucketNr);
            }
        }
        return ref;
    }

    /** Writes the current bucket out (at close, or before starting a fresh one). */
    void flush() throws IOException {
        if (bucket != null) {
            writeHeaderAndFlush(bucketNr, bucket, used, nDeleted, next);
        }
    }

    private void startBucket() {
        bucketNr = file.newBucket();
        bucket = new byte[file.bucketSize()];
        used = 0;
        nDeleted = dataLength;
        next = -1;
    }

    private void writeHeaderAndFlush(int nr, byte[] b, int usedLength, int deleted, int nextBucket) throws IOException {
        putInt(b, 4, usedLength);
        putInt(b, 8, deleted);
        putInt(b, 12, nextBucket);
        file.writeBucket(nr, b);
    }

    static void putInt(byte[] b, int pos, int v) {
        b[pos] = (byte) (v >>> 24);
        b[pos + 1] = (byte) (v >>> 16);
        b[pos + 2] = (byte) (v >>> 8);
        b[pos + 3] = (byte) v;
    }
}
