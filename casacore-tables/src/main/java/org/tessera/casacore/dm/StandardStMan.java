package org.tessera.casacore.dm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tessera.casacore.CasacoreException;
import org.tessera.casacore.io.AipsIOReader;
import org.tessera.casacore.io.Bits;
import org.tessera.casacore.io.Counts;
import org.tessera.casacore.io.DataFile;
import org.tessera.casacore.io.Elements;
import org.tessera.casacore.table.ColumnDesc;
import org.tessera.casacore.table.DataType;
import org.tessera.casacore.table.TableDat;

/**
 * StandardStMan ({@code SSMBase.cc}, {@code SSMColumn.cc}, {@code SSMIndex.cc}): rows in
 * buckets, stored column by column inside each bucket; variable strings in string-heap
 * buckets; variable-shape arrays in the indirect array file {@code table.f<n>i}.
 */
final class StandardStMan implements DataManager {
    /** Bytes a variable-length string takes in a data bucket: 8 bytes + length, or (bucket, offset, length). */
    private static final int STRING_REF_SIZE = 12;
    /** Always-big-endian header of a string-heap bucket: (?, used length, deleted, next bucket). */
    private static final int STRING_BUCKET_HEADER = 16;
    /** Largest shared region of consecutive buckets. */
    private static final long REGION_MAX_BYTES = 64L << 20;

    private final TableContext ctx;
    private final Path path;
    private final BucketFile buckets;
    /** Single buckets read by any column, so columns over the same rows share one file read. */
    private final BucketCache cache;
    private final int[] columnOffset;
    private final int[] colIndexMap;
    private final List<Index> indices = new ArrayList<>();
    private ArrayFile arrayFile;
    /** Consecutive buckets read in one go for large column reads, shared by all columns. */
    private ByteBuffer region;
    private int regionFirst;
    private int regionBuckets;
    /** The buffer the read-ahead of the next region fills while the caller decodes this one. */
    private ByteBuffer spare;
    private BucketReadAhead readAhead;

    /** One SSMIndex: which bucket holds which run of rows, for a group of columns. */
    private record Index(long[] lastRow, int[] bucketNr) {
        /** Position in lastRow of the run that holds row. */
        int find(long row) {
            int lo = 0;
            int hi = lastRow.length - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (lastRow[mid] >= row) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            return lo;
        }

        long firstRow(int i) {
            return i == 0 ? 0 : lastRow[i - 1] + 1;
        }
    }

    StandardStMan(TableContext ctx) {
        this.ctx = ctx;
        this.path = ctx.file("");
        AipsIOReader spec = AipsIOReader.withMagic(ByteBuffer.wrap(ctx.entry().spec()), ByteOrder.BIG_ENDIAN,
                ctx.dir().resolve("table.dat"));
        spec.getStart("SSM");
        spec.readString();
        columnOffset = spec.readIntBlock();
        colIndexMap = spec.readIntBlock();
        spec.getEnd();
        if (columnOffset.length < ctx.columns().size() || colIndexMap.length < ctx.columns().size()) {
            throw new CasacoreException(ctx.dir().resolve("table.dat"), "StandardStMan " + ctx.entry().sequenceNr()
                    + " describes " + columnOffset.length + " columns but stores " + ctx.columns().size());
        }
        DataFile file = DataFile.open(path);
        try {
            if (file.size() < BucketFile.HEADER_SIZE) {
                throw new CasacoreException(path, "truncated: " + file.size()
                        + " bytes, shorter than the 512-byte StandardStMan header");
            }
            AipsIOReader h = AipsIOReader.withMagic(file.read(0, BucketFile.HEADER_SIZE), ctx.byteOrder(), path);
            int version = h.getStart("StandardStMan");
            if (version >= 3) {
                h.readBool();
            }
            int bucketSize = h.readInt();
            int nBuckets = h.readInt();
            h.readInt();
            h.readInt();
            h.readInt();
            int nIdxBuckets = h.readInt();
            int firstIdxBucket = h.readInt();
            int idxBucketOffset = h.readInt();
            h.readInt();
            int indexLength = h.readInt();
            int nIndices = h.readInt();
            h.getEnd();
            buckets = new BucketFile(file, bucketSize, nBuckets);
            cache = new BucketCache(buckets, ctx.byteOrder());
            readIndices(nIdxBuckets, firstIdxBucket, idxBucketOffset, indexLength, nIndices);
        } catch (RuntimeException e) {
            file.close();
            throw e;
        }
    }

    private void readIndices(int nIdxBuckets, int firstIdxBucket, int idxBucketOffset, int indexLength,
                             int nIndices) {
        int start = idxBucketOffset > 0 ? idxBucketOffset : 8;
        if (indexLength < 0 || nIdxBuckets < 0 || start >= buckets.bucketSize()
                || indexLength > (long) nIdxBuckets * (buckets.bucketSize() - start)) {
            throw new CasacoreException(path, "corrupt header: an index of " + indexLength + " bytes in "
                    + nIdxBuckets + " buckets of " + buckets.bucketSize() + " bytes from offset " + start);
        }
        ByteBuffer index = ByteBuffer.allocate(indexLength);
        ByteBuffer bucket = buckets.newBuffer(ByteOrder.BIG_ENDIAN);
        int next = firstIdxBucket;
        for (int j = 0; j < nIdxBuckets && index.hasRemaining(); j++) {
            buckets.read(next, bucket);
            int following = bucket.getInt(4);
            int n = Math.min(index.remaining(), buckets.bucketSize() - start);
            index.put(bucket.slice(start, n));
            next = following;
        }
        index.flip();
        AipsIOReader r = AipsIOReader.withMagic(index, ctx.byteOrder(), path);
        for (int i = 0; i < nIndices; i++) {
            int version = r.getStart("SSMIndex");
            int nUsed = r.readInt();
            r.readInt();
            r.readInt();
            skipFreeSpaceMap(r);
            long[] lastRow;
            if (version == 1) {
                int[] rows = r.readIntBlock();
                lastRow = new long[rows.length];
                for (int k = 0; k < rows.length; k++) {
                    lastRow[k] = rows[k] & 0xFFFFFFFFL;
                }
            } else {
                lastRow = r.readLongBlock();
            }
            int[] bucketNr = r.readIntBlock();
            r.getEnd();
            if (nUsed < 0 || nUsed > lastRow.length || nUsed > bucketNr.length) {
                throw new CasacoreException(path, "corrupt SSMIndex: " + nUsed + " used entries");
            }
            Index idx = new Index(java.util.Arrays.copyOf(lastRow, nUsed), java.util.Arrays.copyOf(bucketNr, nUsed));
            checkIndex(idx);
            long covered = nUsed == 0 ? 0 : idx.lastRow[nUsed - 1] + 1;
            if (ctx.nrow() > 0 && covered != ctx.nrow()) {
                throw new CasacoreException(path, "row count mismatch: StandardStMan index covers "
                        + covered + " rows but the table has " + ctx.nrow());
            }
            indices.add(idx);
        }
    }

    /** Runs of rows must ascend and lie in existing buckets, so lookups need no checks of their own. */
    private void checkIndex(Index idx) {
        long previous = -1;
        for (int k = 0; k < idx.lastRow.length; k++) {
            if (idx.lastRow[k] <= previous || idx.bucketNr[k] < 0 || idx.bucketNr[k] >= buckets.bucketCount()) {
                throw new CasacoreException(path, "corrupt SSMIndex: entry " + k + " has last row "
                        + idx.lastRow[k] + " after " + previous + " in bucket " + idx.bucketNr[k] + " of "
                        + buckets.bucketCount());
            }
            previous = idx.lastRow[k];
        }
    }

    /** The cells of a column in the bucket holding the most rows must end inside the bucket. */
    private void checkFits(ColumnDesc desc, Index idx, int offset, long valuesPerRow, long bitsEach) {
        long rows = 0;
        for (int k = 0; k < idx.lastRow.length; k++) {
            rows = Math.max(rows, idx.lastRow[k] - idx.firstRow(k) + 1);
        }
        // In doubles: a corrupt count must not overflow into a size that seems to fit.
        if (offset < 0 || 8.0 * offset + (double) rows * valuesPerRow * bitsEach > 8.0 * buckets.bucketSize()) {
            throw new CasacoreException(path, "corrupt: column " + desc.name() + " at bucket offset " + offset
                    + " with " + rows + " rows of " + valuesPerRow + " values does not fit in a bucket of "
                    + buckets.bucketSize() + " bytes");
        }
    }

    /** SimpleOrderedMap<Int,Int> of free space per bucket, which a reader does not need. */
    private static void skipFreeSpaceMap(AipsIOReader r) {
        r.getStart("SimpleOrderedMap");
        r.getEnd();
    }

    @Override
    public String type() {
        return "StandardStMan";
    }

    @Override
    public ColumnStorage column(ColumnDesc desc, TableDat.ColumnBinding binding) {
        int colNr = ctx.columns().indexOf(desc);
        int indexNr = colIndexMap[colNr];
        if (indexNr < 0 || indexNr >= indices.size()) {
            throw new CasacoreException(path, "column " + desc.name() + " refers to missing SSM index " + indexNr);
        }
        Index index = indices.get(indexNr);
        if (desc.isArray() && desc.dataType() == DataType.TpString) {
            int[] fixed = desc.isDirect() ? (binding.shapeDefined() ? binding.shape() : desc.shape()) : null;
            checkFixedStrings(desc, fixed);
            checkFits(desc, index, columnOffset[colNr], 1, 8L * STRING_REF_SIZE);
            return new StringArrayColumn(desc, index, columnOffset[colNr], fixed);
        }
        // Record cells are stored as indirect arrays of bytes holding an AipsIO TableRecord.
        if ((desc.isArray() && !desc.isDirect()) || desc.dataType() == DataType.TpRecord) {
            checkFits(desc, index, columnOffset[colNr], 1, 64);
            return new IndirectColumn(desc, index, columnOffset[colNr]);
        }
        int[] shape = desc.isArray() ? (binding.shapeDefined() ? binding.shape() : desc.shape()) : new int[0];
        return new DirectColumn(desc, index, columnOffset[colNr], shape);
    }

    /** A fixed shape of strings sizes the arrays of every cell: it must not promise more strings than the file has bytes. */
    private void checkFixedStrings(ColumnDesc desc, int[] fixed) {
        if (fixed != null && Counts.product(fixed) > buckets.file().size()) {
            throw new CasacoreException(path, "corrupt: column " + desc.name() + " has the shape "
                    + java.util.Arrays.toString(fixed) + ", more strings than the file has bytes");
        }
    }

    /** Buckets read one at a time from the file so far (not counting multi-bucket regions), for tests. */
    long bucketFileReads() {
        return cache.fileReads();
    }

    /** The element type on disk: record cells are stored as bytes. */
    static DataType storedType(ColumnDesc desc) {
        return desc.dataType() == DataType.TpRecord ? DataType.TpUChar : desc.dataType();
    }

    /**
     * Makes the shared region hold buckets [first, last] (one read unless it already does, or
     * the read-ahead has it) and returns it, or null when that span exceeds
     * {@link #REGION_MAX_BYTES}. A request that continues the previous region starts reading
     * the following span in the background.
     */
    private ByteBuffer loadRegion(int first, int last) {
        long bytes = (long) (last - first + 1) * buckets.bucketSize();
        if (bytes > REGION_MAX_BYTES) {
            return null;
        }
        if (first < regionFirst || last >= regionFirst + regionBuckets) {
            boolean streaming = region != null && first >= regionFirst + regionBuckets - 1
                    && first <= regionFirst + regionBuckets;
            ByteBuffer ahead = readAhead == null ? null : readAhead.take();
            if (ahead != null && readAhead.covers(first, last)) {
                spare = region;
                region = ahead;
                regionFirst = readAhead.first();
                regionBuckets = readAhead.count();
                streaming = true;
            } else {
                readRegion(first, last, bytes);
            }
            if (streaming) {
                readAheadAfter(last, last - first + 1);
            }
        }
        region.order(ctx.byteOrder());
        return region;
    }

    private void readRegion(int first, int last, long bytes) {
        if (region == null || region.capacity() < bytes) {
            region = ByteBuffer.allocateDirect((int) Math.max(bytes, 4L * buckets.bucketSize()));
        }
        regionBuckets = 0;
        region.clear().limit((int) bytes);
        buckets.readRange(first, last - first + 1, region);
        regionFirst = first;
        regionBuckets = last - first + 1;
    }

    /**
     * Starts reading the span a next request of about n buckets will want: from bucket last,
     * which it may share with this one, with a margin for spans that vary by a bucket or two.
     */
    private void readAheadAfter(int last, int n) {
        int count = (int) Math.min(buckets.bucketCount() - (long) last, n + n / 8L + 2);
        long bytes = (long) count * buckets.bucketSize();
        if (count < 1 || bytes > REGION_MAX_BYTES) {
            return;
        }
        if (spare == null || spare.capacity() < bytes) {
            spare = ByteBuffer.allocateDirect((int) bytes);
        }
        if (readAhead == null) {
            readAhead = new BucketReadAhead(buckets);
        }
        ByteBuffer dst = spare;
        spare = null;
        readAhead.start(last, count, dst);
    }

    private int regionOffset(int bucketNr) {
        return (bucketNr - regionFirst) * buckets.bucketSize();
    }

    private synchronized ArrayFile arrayFile() {
        if (arrayFile == null) {
            Path p = ctx.file("i");
            if (!Files.isRegularFile(p)) {
                throw new CasacoreException(p, "indirect array file of StandardStMan is missing");
            }
            arrayFile = new ArrayFile(DataFile.open(p), ctx.byteOrder());
        }
        return arrayFile;
    }

    /** Reads a column's cells from the buckets of its index, through the manager's shared cache. */
    private abstract class BucketReader {
        final ColumnDesc desc;
        final Index index;
        final int offset;

        BucketReader(ColumnDesc desc, Index index, int offset) {
            this.desc = desc;
            this.index = index;
            this.offset = offset;
        }

        /** Bucket k, valid until the next bucket is asked for (see {@link BucketCache#get}). */
        ByteBuffer bucket(int k) {
            return cache.get(k);
        }

        /** Calls chunk(bucket, firstRowInBucket, rowInBucket, n, done) over the bucket runs of [row, row+nrows). */
        void forEachRun(long row, int nrows, RunVisitor visitor) {
            long r = row;
            int done = 0;
            while (done < nrows) {
                int i = index.find(r);
                long first = index.firstRow(i);
                int n = (int) Math.min(nrows - done, index.lastRow[i] - r + 1);
                visitor.visit(bucket(index.bucketNr[i]), (int) (r - first), n, done);
                done += n;
                r += n;
            }
        }
    }

    private interface RunVisitor {
        void visit(ByteBuffer bucket, int rowInBucket, int n, int done);
    }

    /** Scalars and fixed-shape arrays stored in the bucket itself. */
    private final class DirectColumn extends BucketReader implements ColumnStorage {
        private final int[] shape;
        private final int nelem;
        private final int externalBytes;

        DirectColumn(ColumnDesc desc, Index index, int offset, int[] shape) {
            super(desc, index, offset);
            this.shape = shape;
            long n = Counts.product(shape);
            DataType t = desc.dataType();
            long bitsEach;
            if (t == DataType.TpString) {
                bitsEach = 8L * (desc.maxLength() > 0 ? desc.maxLength() : STRING_REF_SIZE);
            } else {
                bitsEach = t == DataType.TpBool ? 1 : 8L * t.byteSize();
            }
            checkFits(desc, index, offset, n, bitsEach);
            this.nelem = (int) n;
            this.externalBytes = (int) ((n * bitsEach + 7) / 8);
        }

        @Override
        public boolean isDefined(long row) {
            return true;
        }

        @Override
        public int[] shape(long row) {
            return shape.clone();
        }

        @Override
        public void read(long row, int nrows, Object dst, int off) {
            DataType t = desc.dataType();
            if (t != DataType.TpString && nrows > 1 && index.find(row) != index.find(row + nrows - 1)) {
                readSlices(row, nrows, dst, off);
                return;
            }
            forEachRun(row, nrows, (b, rowInBucket, n, done) -> {
                int dstOff = off + done * nelem;
                switch (t) {
                    case TpBool -> Bits.unpack(b, offset, (long) rowInBucket * nelem, (boolean[]) dst, dstOff, n * nelem);
                    case TpString -> readStrings(b, rowInBucket, n, (String[]) dst, dstOff);
                    default -> Elements.decode(b, offset + rowInBucket * externalBytes, ctx.byteOrder(), t, dst,
                            dstOff, n * nelem);
                }
            });
        }

        /**
         * Reads spanning several buckets decode from the buckets of the whole request, read in one go and shared
         * with the other columns, so streaming several columns over the same rows reads each
         * byte of the file once, in large reads.
         */
        private void readSlices(long row, int nrows, Object dst, int off) {
            DataType t = desc.dataType();
            ByteBuffer region = region(row, nrows);
            long r = row;
            int done = 0;
            while (done < nrows) {
                int i = index.find(r);
                int rowInBucket = (int) (r - index.firstRow(i));
                int n = (int) Math.min(nrows - done, index.lastRow[i] - r + 1);
                int dstOff = off + done * nelem;
                ByteBuffer b = region != null ? region : bucket(index.bucketNr[i]);
                int base = region != null ? regionOffset(index.bucketNr[i]) + offset : offset;
                if (t == DataType.TpBool) {
                    Bits.unpack(b, base, (long) rowInBucket * nelem, (boolean[]) dst, dstOff, n * nelem);
                } else {
                    Elements.decode(b, base + rowInBucket * externalBytes, ctx.byteOrder(), t, dst, dstOff, n * nelem);
                }
                done += n;
                r += n;
            }
        }

        /** The shared region holding every bucket of rows [row, row + nrows), or null when too large. */
        private ByteBuffer region(long row, int nrows) {
            int first = index.find(row);
            int last = index.find(row + nrows - 1);
            int min = Integer.MAX_VALUE;
            int max = -1;
            for (int i = first; i <= last; i++) {
                min = Math.min(min, index.bucketNr[i]);
                max = Math.max(max, index.bucketNr[i]);
            }
            return loadRegion(min, max);
        }

        private void readStrings(ByteBuffer b, int rowInBucket, int n, String[] dst, int dstOff) {
            for (int i = 0; i < n; i++) {
                int at = offset + (rowInBucket + i) * externalBytes;
                if (desc.maxLength() > 0) {
                    dst[dstOff + i] = fixedString(b, at, desc.maxLength());
                } else {
                    dst[dstOff + i] = variableString(b, at);
                }
            }
        }
    }

    /** A string of at most max bytes, ended early by a NUL. */
    private static String fixedString(ByteBuffer b, int at, int max) {
        byte[] bytes = new byte[max];
        b.get(at, bytes);
        int len = 0;
        while (len < max && bytes[len] != 0) {
            len++;
        }
        return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
    }

    /** A 12-byte string reference: inline when at most 8 bytes, else in the string heap. */
    private String variableString(ByteBuffer b, int at) {
        int length = b.getInt(at + 8);
        if (length < 0) {
            throw new CasacoreException(path, "corrupt string length " + length);
        }
        if (length <= 8) {
            byte[] bytes = new byte[length];
            b.get(at, bytes);
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        return new String(heapBytes(b.getInt(at), b.getInt(at + 4), length), StandardCharsets.ISO_8859_1);
    }

    /**
     * Reads length bytes from the string heap, following its chain of buckets ({@code SSMStringHandler.cc}).
     * It reads into its own buffer, not the shared cache: it runs while a column decodes a cached
     * bucket, whose buffer a cache read could reuse.
     */
    private byte[] heapBytes(int bucketNr, int offset, int length) {
        if (length < 0 || length > buckets.file().size()) {
            throw new CasacoreException(path, "corrupt string heap reference: " + length + " bytes in bucket " + bucketNr
                    + ", more than the file holds");
        }
        byte[] out = new byte[length];
        ByteBuffer bucket = buckets.newBuffer(ByteOrder.BIG_ENDIAN);
        int done = 0;
        int k = bucketNr;
        int pos = offset;
        int hops = 0;
        while (done < length) {
            buckets.read(k, bucket);
            int used = bucket.getInt(4);
            int n = Math.min(length - done, used - pos);
            if (n <= 0 || pos < 0 || (long) STRING_BUCKET_HEADER + pos + n > buckets.bucketSize()
                    || hops++ > buckets.bucketCount()) {
                throw new CasacoreException(path, "corrupt string heap at bucket " + k + " offset " + pos);
            }
            bucket.get(STRING_BUCKET_HEADER + pos, out, done, n);
            done += n;
            k = bucket.getInt(12);
            pos = 0;
        }
        return out;
    }

    /**
     * String arrays: a 12-byte (bucket, offset, length) reference to the string heap, which
     * holds (variable shape only) ndim, shape and a filled flag, then per string its length
     * and bytes; all integers there are big-endian. Length 0 means an undefined cell.
     */
    private final class StringArrayColumn extends BucketReader implements ColumnStorage {
        private final int[] fixedShape;

        StringArrayColumn(ColumnDesc desc, Index index, int offset, int[] fixedShape) {
            super(desc, index, offset);
            this.fixedShape = fixedShape;
        }

        private int[] ref(long row) {
            int[] ref = new int[3];
            forEachRun(row, 1, (b, rowInBucket, n, done) -> {
                int at = offset + rowInBucket * STRING_REF_SIZE;
                ref[0] = b.getInt(at);
                ref[1] = b.getInt(at + 4);
                ref[2] = b.getInt(at + 8);
            });
            return ref;
        }

        @Override
        public boolean isDefined(long row) {
            return fixedShape != null || ref(row)[2] != 0;
        }

        @Override
        public int[] shape(long row) {
            if (fixedShape != null) {
                return fixedShape.clone();
            }
            int[] ref = ref(row);
            ByteBuffer heap = ByteBuffer.wrap(heapBytes(ref[0], ref[1], ref[2]));
            int ndim = heap.remaining() >= 4 ? heap.getInt() : -1;
            if (ndim < 0 || 4L * ndim + 4 > heap.remaining()) {
                throw corrupt(row, ndim + " axes in " + ref[2] + " bytes");
            }
            int[] shape = new int[ndim];
            for (int i = 0; i < ndim; i++) {
                shape[i] = heap.getInt();
            }
            // Each string of a filled array takes at least its length word; an unfilled one is bounded by the file.
            long most = heap.getInt() != 0 ? heap.remaining() / 4 : buckets.file().size();
            if (Counts.product(shape) > most) {
                throw corrupt(row, "shape " + java.util.Arrays.toString(shape) + " in " + ref[2] + " bytes");
            }
            return shape;
        }

        private CasacoreException corrupt(long row, String what) {
            return new CasacoreException(path, "column " + desc.name() + " row " + row
                    + ": corrupt string array in the string heap (" + what + ")");
        }

        @Override
        public void read(long row, int nrows, Object dst, int off) {
            String[] out = (String[]) dst;
            int at = off;
            for (long r = row; r < row + nrows; r++) {
                int[] ref = ref(r);
                int[] shape = shape(r);
                int n = (int) Counts.product(shape);
                if ((long) at + n > out.length) {
                    throw corrupt(r, "shape " + java.util.Arrays.toString(shape) + ", larger than the cells before it");
                }
                if (ref[2] == 0) {
                    java.util.Arrays.fill(out, at, at + n, "");
                    at += n;
                    continue;
                }
                ByteBuffer heap = ByteBuffer.wrap(heapBytes(ref[0], ref[1], ref[2]));
                boolean filled = true;
                if (fixedShape == null) {
                    heap.position(4 + 4 * shape.length);
                    filled = heap.getInt() != 0;
                }
                for (int i = 0; i < n; i++) {
                    if (!filled) {
                        out[at++] = "";
                        continue;
                    }
                    int len = heap.remaining() >= 4 ? heap.getInt() : -1;
                    if (len < 0 || len > heap.remaining()) {
                        throw corrupt(r, "string " + i + " of " + n);
                    }
                    out[at++] = new String(heap.array(), heap.position(), len, StandardCharsets.ISO_8859_1);
                    heap.position(heap.position() + len);
                }
            }
        }
    }

    /** Variable-shape arrays: the bucket holds an Int64 offset into table.f<n>i (0 = undefined). */
    private final class IndirectColumn extends BucketReader implements ColumnStorage {
        IndirectColumn(ColumnDesc desc, Index index, int offset) {
            super(desc, index, offset);
        }

        private long arrayOffset(long row) {
            long[] result = new long[1];
            forEachRun(row, 1, (b, rowInBucket, n, done) -> result[0] = b.getLong(offset + rowInBucket * 8));
            return result[0];
        }

        @Override
        public boolean isDefined(long row) {
            return arrayOffset(row) != 0;
        }

        @Override
        public int[] shape(long row) {
            return arrayFile().shape(arrayOffset(row), storedType(desc));
        }

        @Override
        public void read(long row, int nrows, Object dst, int off) {
            int at = off;
            for (long r = row; r < row + nrows; r++) {
                at += arrayFile().read(arrayOffset(r), storedType(desc), dst, at);
            }
        }
    }

    @Override
    public void close() {
        try {
            if (readAhead != null) {
                readAhead.take();
            }
        } finally {
            buckets.file().close();
            if (arrayFile != null) {
                arrayFile.close();
            }
        }
    }
}
