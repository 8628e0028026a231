package org.tessera.casacore.write;

/**
 * Bucket size, rows per bucket and column offsets of a StandardStMan, chosen with casacore's
 * own heuristics ({@code SSMBase::init} and {@code SSMBase::setBucketSize}, default of 32
 * rows per bucket): casacore readers then see the layout they would have made themselves.
 *
 * @param bucketSize    bytes per bucket
 * @param rowsPerBucket rows stored in one data bucket
 * @param columnOffsets byte offset of each column's data inside a bucket
 * @param usedSize      bytes of a bucket used by the columns (the rest is free space)
 */
record SsmBucketLayout(int bucketSize, int rowsPerBucket, int[] columnOffsets, int usedSize) {
    /** casacore's default advised number of rows per bucket. */
    static final int DEFAULT_BUCKET_ROWS = 32;

    /** The layout for columns with the given external sizes in bits per row. */
    static SsmBucketLayout forColumns(long[] bitsPerRow) {
        if (bitsPerRow.length == 0) {
            throw new IllegalArgumentException("a StandardStMan needs at least one column");
        }
        long bytesPerRow = 0;
        for (long bits : bitsPerRow) {
            bytesPerRow += (bits + 7) / 8;
        }
        Sizing s = new Sizing(bitsPerRow, bytesPerRow);
        int bucketRows = DEFAULT_BUCKET_ROWS;
        long rows = s.rowsPerBucket(bucketRows);
        // Spread the advised rows evenly over buckets when fewer fit (SSMBase::init).
        if (bucketRows > rows) {
            long nBuckets = (bucketRows + rows - 1) / rows;
            bucketRows = (int) ((bucketRows + nBuckets - 1) / nBuckets);
            rows = s.rowsPerBucket(bucketRows);
        }
        int[] offsets = new int[bitsPerRow.length];
        long total = 0;
        for (int i = 0; i < bitsPerRow.length; i++) {
            offsets[i] = (int) total;
            total += (rows * bitsPerRow[i] + 7) / 8;
        }
        if (s.bucketSize > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a row of " + bytesPerRow + " bytes is too large for a StandardStMan bucket");
        }
        return new SsmBucketLayout((int) s.bucketSize, (int) rows, offsets, (int) total);
    }

    /** SSMBase::setBucketSize, keeping its bucket size between calls as casacore does. */
    private static final class Sizing {
        private final long[] bits;
        private final long bytesPerRow;
        private long bucketSize;

        Sizing(long[] bits, long bytesPerRow) {
            this.bits = bits;
            this.bytesPerRow = bytesPerRow;
        }

        long rowsPerBucket(long advisedRows) {
            if (bucketSize < 128) {
                bucketSize = 128;
            }
            long rows = advisedRows > 0 ? advisedRows : bucketSize / bytesPerRow;
            while (true) {
                long thisSize = sizeFor(rows);
                long nextSize = sizeFor(rows + 1);
                if (advisedRows > 0) {
                    bucketSize = Math.min(32768, Math.max(128, thisSize));
                    if (bucketSize == thisSize) {
                        break;
                    }
                    // Past the minimum or maximum bucket size: fit rows to the bucket instead.
                    rows = bucketSize / bytesPerRow;
                    advisedRows = 0;
                } else {
                    if (nextSize > bucketSize) {
                        break;
                    }
                    rows++;
                }
            }
            if (rows < 1) {
                // A single row is larger than the bucket: the bucket becomes one row.
                bucketSize = bytesPerRow;
                rows = 1;
            }
            return rows;
        }

        private long sizeFor(long rows) {
            long size = 0;
            for (long b : bits) {
                size += (rows * b + 7) / 8;
            }
            return size;
        }
    }
}
