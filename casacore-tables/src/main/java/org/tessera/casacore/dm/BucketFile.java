package org.tessera.casacore.dm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.tessera.casacore.CasacoreException;
import org.tessera.casacore.io.DataFile;
import org.tessera.casacore.io.ReadAhead;

/**
 * The bucket layout shared by StandardStMan and IncrementalStMan
 * ({@code casa/IO/BucketCache.cc}): a 512-byte header, then fixed-size buckets.
 */
final class BucketFile {
    static final int HEADER_SIZE = 512;

    private final DataFile file;
    private final int bucketSize;
    private final int nBuckets;

    BucketFile(DataFile file, int bucketSize, int nBuckets) {
        if (bucketSize <= 0 || nBuckets < 0) {
            throw new CasacoreException(file.path(), "corrupt header: bucket size " + bucketSize
                    + ", " + nBuckets + " buckets");
        }
        long needed = HEADER_SIZE + (long) bucketSize * nBuckets;
        if (file.size() < needed) {
            throw new CasacoreException(file.path(), "truncated: header promises " + nBuckets + " buckets of "
                    + bucketSize + " bytes (" + needed + " bytes) but the file has " + file.size());
        }
        this.file = file;
        this.bucketSize = bucketSize;
        this.nBuckets = nBuckets;
    }

    int bucketSize() {
        return bucketSize;
    }

    int bucketCount() {
        return nBuckets;
    }

    DataFile file() {
        return file;
    }

    /**
     * A buffer large enough for one bucket, in the given order; empty when there are no buckets, so
     * that a corrupt bucket size in the header of an empty file sizes nothing.
     */
    ByteBuffer newBuffer(ByteOrder order) {
        return ByteBuffer.allocateDirect(nBuckets == 0 ? 0 : bucketSize).order(order);
    }

    /** Reads bucket k into dst (whole buffer), failing clearly when k is out of range. */
    void read(int k, ByteBuffer dst) {
        if (k < 0 || k >= nBuckets) {
            throw new CasacoreException(file.path(), "bucket " + k + " out of range (file has "
                    + nBuckets + " buckets)");
        }
        dst.clear();
        file.readFully(HEADER_SIZE + (long) k * bucketSize, dst);
        dst.clear();
    }

    /** Reads count consecutive buckets from bucket first into dst (from its position), then rewinds it. */
    void readRange(int first, int count, ByteBuffer dst) {
        checkRange(first, count);
        file.readFully(HEADER_SIZE + (long) first * bucketSize, dst);
        dst.rewind();
    }

    /** Starts reading count consecutive buckets from bucket first into dst in the background. */
    ReadAhead readAhead(int first, int count, ByteBuffer dst) {
        checkRange(first, count);
        return ReadAhead.start(file, HEADER_SIZE + (long) first * bucketSize, dst);
    }

    private void checkRange(int first, int count) {
        if (first < 0 || count < 1 || first + count > nBuckets) {
            throw new CasacoreException(file.path(), "buckets " + first + ".." + (first + count - 1)
                    + " out of range (file has " + nBuckets + " buckets)");
        }
    }
}
