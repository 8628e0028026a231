package org.tessera.casacore.write;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.tessera.casacore.table.DataType;

/**
 * Streams the rows of one StandardStMan (big-endian) to {@code table.f<seq>} and
 * {@code table.f<seq>i}: one data bucket is filled at a time and written when full, so memory
 * holds a bucket, the current string bucket and the index (two ints per data bucket).
 * {@link #finish()} writes the index, the header and returns the manager's table.dat blob.
 */
final class StandardStManWriter implements AutoCloseable {
    private final String name;
    private final List<SsmColumn> columns;
    private final SsmBucketLayout layout;
    private final BucketFile file;
    private final SsmStringHeap heap;
    private final StArrayFileWriter arrays;

    private byte[] bucket;
    private int bucketNr;
    private int rowInBucket;
    private long nrow;
    private int[] lastRows = new int[64];
    private int[] bucketNumbers = new int[64];
    private int nUsed;

    StandardStManWriter(Path dir, int sequenceNr, String name, List<SsmColumn> columns) throws IOException {
        this.name = name;
        this.columns = List.copyOf(columns);
        long[] bits = new long[columns.size()];
        boolean needsArrayFile = false;
        for (int i = 0; i < bits.length; i++) {
            bits[i] = columns.get(i).bitsPerRow();
            needsArrayFile |= columns.get(i).kind() == SsmColumn.Kind.INDIRECT;
        }
        this.layout = SsmBucketLayout.forColumns(bits);
        this.file = new BucketFile(dir.resolve("table.f" + sequenceNr), layout.bucketSize());
        this.heap = new SsmStringHeap(file);
        this.arrays = needsArrayFile ? new StArrayFileWriter(dir.resolve("table.f" + sequenceNr + "i")) : null;
    }

    SsmBucketLayout layout() {
        return layout;
    }

    Path path() {
        return file.path();
    }

    long rowCount() {
        return nrow;
    }

    /** Fixed-size bytes of a scalar or a direct non-Bool array of the current row. */
    void putBytes(int col, byte[] canonical) {
        SsmColumn c = columns.get(col);
        int width = (int) (c.bitsPerRow() / 8);
        if (canonical.length != width) {
            throw new IllegalArgumentException("column " + c.name() + " needs " + width + " bytes per row, got " + canonical.length);
        }
        System.arraycopy(canonical, 0, bucket(), layout.columnOffsets()[col] + rowInBucket * width, width);
    }

    /** Bool scalar or direct Bool array of the current row (values from index from on), bit-packed across rows. */
    void putBits(int col, boolean[] values, int from) {
        SsmColumn c = columns.get(col);
        if (values.length - from < c.nElem()) {
            throw new IllegalArgumentException("column " + c.name() + " needs " + c.nElem() + " Bool values, got "
                    + (values.length - from));
        }
        BitPacking.pack(values, from, c.nElem(), bucket(), layout.columnOffsets()[col], (long) rowInBucket * c.nElem());
    }

    /** A scalar string: inline when at most 8 bytes, else in the string heap. */
    void putString(int col, String value) throws IOException {
        SsmColumn c = columns.get(col);
        byte[] s = value.getBytes(StandardCharsets.UTF_8);
        byte[] b = bucket();
        if (c.kind() == SsmColumn.Kind.FIXED_STRING) {
            // SSMColumn::putString copies the string and its terminator, up to maxLength.
            int pos = layout.columnOffsets()[col] + rowInBucket * c.maxLength();
            Arrays.fill(b, pos, pos + c.maxLength(), (byte) 0);
            System.arraycopy(s, 0, b, pos, Math.min(s.length, c.maxLength()));
            return;
        }
        int pos = layout.columnOffsets()[col] + rowInBucket * 12;
        if (s.length <= 8) {
            Arrays.fill(b, pos, pos + 8, (byte) 0);
            System.arraycopy(s, 0, b, pos, s.length);
            SsmStringHeap.putInt(b, pos + 8, s.length);
        } else {
            putHeapRef(b, pos, heap.put(s));
        }
    }

    /** A string array: fixed-shape ones store only strings, variable-shape ones the shape too. */
    void putStrings(int col, int[] shape, String[] values) throws IOException {
        SsmColumn c = columns.get(col);
        boolean withShape = c.kind() == SsmColumn.Kind.INDIRECT_STRINGS;
        byte[][] encoded = new byte[values.length][];
        int total = withShape ? 4 * (shape.length + 2) : 0;
        for (int i = 0; i < values.length; i++) {
            encoded[i] = values[i].getBytes(StandardCharsets.UTF_8);
            total += 4 + encoded[i].length;
        }
        byte[] entry = new byte[total];
        int p = 0;
        if (withShape) {
            SsmStringHeap.putInt(entry, p, shape.length);
            p += 4;
            for (int s : shape) {
                SsmStringHeap.putInt(entry, p, s);
                p += 4;
            }
            SsmStringHeap.putInt(entry, p, 1); // the "filled" flag
            p += 4;
        }
        for (byte[] s : encoded) {
            SsmStringHeap.putInt(entry, p, s.length);
            System.arraycopy(s, 0, entry, p + 4, s.length);
            p += 4 + s.length;
        }
        int pos = layout.columnOffsets()[col] + rowInBucket * 12;
        if (total == 0) {
            Arrays.fill(bucket(), pos, pos + 12, (byte) 0);
        } else {
            putHeapRef(bucket(), pos, heap.put(entry));
        }
    }

    /** An array in the array file; the bucket keeps its offset. */
    void putIndirect(int col, int[] shape, DataType element, byte[] canonical) throws IOException {
        long n = 1;
        for (int s : shape) {
            n *= s;
        }
        long offset = arrays.putArray(shape, canonical, (int) Canonical.byteCount(element, n));
        putOffset(col, offset);
    }

    /** An undefined cell of an indirect column (offset 0, or an empty heap reference). */
    void putUndefined(int col) {
        SsmColumn c = columns.get(col);
        int width = (int) (c.bitsPerRow() / 8);
        int pos = layout.columnOffsets()[col] + rowInBucket * width;
        Arrays.fill(bucket(), pos, pos + width, (byte) 0);
    }

    private void putOffset(int col, long offset) {
        int pos = layout.columnOffsets()[col] + rowInBucket * 8;
        byte[] b = bucket();
        SsmStringHeap.putInt(b, pos, (int) (offset >>> 32));
        SsmStringHeap.putInt(b, pos + 4, (int) offset);
    }

    private static void putHeapRef(byte[] b, int pos, SsmStringHeap.Ref ref) {
        SsmStringHeap.putInt(b, pos, ref.bucket());
        SsmStringHeap.putInt(b, pos + 4, ref.offset());
        SsmStringHeap.putInt(b, pos + 8, ref.length());
    }

    /** Completes the current row; a full bucket is written out. */
    void endRow() throws IOException {
        bucket();
        if (nrow >= 0xFFFFFFFFL) {
            throw new IOException("more than 2^32-1 rows are not supported by this writer");
        }
        lastRows[nUsed - 1] = (int) nrow;
        nrow++;
        rowInBucket++;
        if (rowInBucket == layout.rowsPerBucket()) {
            flushBucket();
        }
    }

    private byte[] bucket() {
        if (bucket == null) {
            bucket = new byte[layout.bucketSize()];
            bucketNr = file.newBucket();
            rowInBucket = 0;
            if (nUsed == lastRows.length) {
                lastRows = Arrays.copyOf(lastRows, nUsed * 2);
                bucketNumbers = Arrays.copyOf(bucketNumbers, nUsed * 2);
            }
            bucketNumbers[nUsed] = bucketNr;
            lastRows[nUsed] = (int) nrow;
            nUsed++;
        }
        return bucket;
    }

    private void flushBucket() throws IOException {
        file.writeBucket(bucketNr, bucket);
        bucket = null;
    }

    /**
     * Writes the last bucket, the index, the header and the array file, and returns the
     * manager's part of table.dat (object "SSM" v2).
     */
    byte[] finish() throws IOException {
        if (bucket != null) {
            if (rowInBucket == 0) {
                throw new IllegalStateException("a row was started but not ended");
            }
            flushBucket();
        }
        heap.flush();
        byte[] index = indexStream();
        int[] idx = writeIndexBuckets(index);
        AipsIOWriter h = new AipsIOWriter();
        h.putStart("StandardStMan", 2); // big-endian tables: v2 without the endian flag
        h.putInt(layout.bucketSize());
        h.putInt(file.nBuckets());
        h.putInt(2); // persistent cache size
        h.putInt(0); // free buckets
        h.putInt(-1); // first free bucket
        h.putInt(idx[0]); // index buckets
        h.putInt(idx[1]); // first index bucket
        h.putInt(idx[2]); // index offset inside that bucket
        h.putInt(heap.lastBucket());
        h.putInt(index.length);
        h.putInt(1); // one index: all columns share the buckets
        h.putEnd();
        file.writeHeader(h.toByteArray());
        file.close();
        if (arrays != null) {
            arrays.close();
        }
        AipsIOWriter dm = new AipsIOWriter();
        dm.putStart("SSM", 2);
        dm.putString(name);
        int[] offsets = layout.columnOffsets();
        dm.putBlock(offsets, offsets.length);
        dm.putBlock(new int[columns.size()], columns.size());
        dm.putEnd();
        return dm.toByteArray();
    }

    /** The SSMIndex AipsIO stream (SSMIndex::put, v1 with 32-bit row numbers). */
    private byte[] indexStream() {
        AipsIOWriter w = new AipsIOWriter();
        w.putStart("SSMIndex", 1);
        w.putInt(nUsed);
        w.putInt(layout.rowsPerBucket());
        w.putInt(columns.size());
        // Free space map: the unused end of each bucket (SSMIndex::setNrColumns).
        int free = layout.bucketSize() - layout.usedSize();
        w.putStart("SimpleOrderedMap", 1);
        w.putInt(0); // old default value
        w.putInt(free > 0 ? 1 : 0);
        w.putInt(1); // old increment
        if (free > 0) {
            w.putInt(layout.usedSize());
            w.putInt(free);
        }
        w.putEnd();
        w.putBlock(lastRows, nUsed);
        w.putBlock(bucketNumbers, nUsed);
        w.putEnd();
        return w.toByteArray();
    }

    /**
     * Stores the index in a chain of buckets, each starting with the next bucket's number
     * (twice, big-endian); returns {number of index buckets, first, offset}.
     */
    private int[] writeIndexBuckets(byte[] index) throws IOException {
        int size = layout.bucketSize();
        int perBucket = size - 8;
        int n = Math.max(1, (index.length + perBucket - 1) / perBucket);
        // As SSMBase::writeIndex: written from the end so each bucket knows its successor.
        int next = -1;
        for (int i = n; i > 0; i--) {
            int nr = file.newBucket();
            byte[] b = new byte[size];
            SsmStringHeap.putInt(b, 0, next);
            SsmStringHeap.putInt(b, 4, next);
            int from = (i - 1) * perBucket;
            System.arraycopy(index, from, b, 8, Math.min(perBucket, index.length - from));
            file.writeBucket(nr, b);
            next = nr;
        }
        int offset = index.length <= perBucket / 2 ? 8 : 0;
        return new int[] {n, next, offset};
    }

    /** Releases the files without finishing them (the table is being abandoned). */
    @Override
    public void close() {
        try {
            file.close();
        } catch (IOException ignored) {
            // The directory is deleted next; nothing more to release.
        }
        if (arrays != null) {
            try {
                arrays.close();
            } catch (IOException ignored) {
                // Same: the partial file is deleted with its directory.
            }
        }
    }
}
