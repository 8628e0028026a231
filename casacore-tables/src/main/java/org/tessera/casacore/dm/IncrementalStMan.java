package org.tessera.casacore.dm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * IncrementalStMan ({@code ISMBase.cc}, {@code ISMBucket.cc}, {@code ISMColumn.cc}): a
 * value is stored only in the row where it changes, so each bucket keeps per column the
 * start rows of the values and their offsets in the bucket's data area.
 */
final class IncrementalStMan implements DataManager {
    /** Top bits of a bucket's first word: set when row numbers are stored as 64 bits. */
    private static final int ROWNR64_FLAG = 0xF0000000;

    private final TableContext ctx;
    private final Path path;
    private final BucketFile buckets;
    /** First row of each bucket (one more entry than buckets, the last one is nrow). */
    private final long[] firstRows;
    private final int[] bucketNrs;
    private ArrayFile arrayFile;

    IncrementalStMan(TableContext ctx) {
        this.ctx = ctx;
        this.path = ctx.file("");
        DataFile file = DataFile.open(path);
        try {
            if (file.size() < BucketFile.HEADER_SIZE) {
                throw new CasacoreException(path, "truncated: " + file.size()
                        + " bytes, shorter than the 512-byte IncrementalStMan header");
            }
            AipsIOReader h = AipsIOReader.withMagic(file.read(0, BucketFile.HEADER_SIZE), ctx.byteOrder(), path);
            int version = h.getStart("IncrementalStMan");
            if (version >= 5) {
                h.readBool();
            }
            int bucketSize = h.readInt();
            int nBuckets = h.readInt();
            h.getEnd();
            buckets = new BucketFile(file, bucketSize, nBuckets);
            long indexStart = BucketFile.HEADER_SIZE + (long) nBuckets * bucketSize;
            if (file.size() <= indexStart) {
                throw new CasacoreException(path, "truncated: the ISM index should start at byte "
                        + indexStart + " but the file has " + file.size() + " bytes");
            }
            ByteBuffer indexBytes = file.read(indexStart, (int) Math.min(Integer.MAX_VALUE, file.size() - indexStart));
            AipsIOReader r = AipsIOReader.withMagic(indexBytes, ctx.byteOrder(), path);
            int indexVersion = r.getStart("ISMIndex");
            int nUsed = r.readInt();
            long[] rows;
            if (indexVersion > 1) {
                rows = r.readLongBlock();
            } else {
                int[] rows32 = r.readIntBlock();
                rows = new long[rows32.length];
                for (int i = 0; i < rows32.length; i++) {
                    rows[i] = rows32[i] & 0xFFFFFFFFL;
                }
            }
            int[] nrs = r.readIntBlock();
            r.getEnd();
            if (nUsed < 0 || rows.length < nUsed + 1 || nrs.length < nUsed) {
                throw new CasacoreException(path, "corrupt ISM index (" + nUsed + " buckets used)");
            }
            firstRows = java.util.Arrays.copyOf(rows, nUsed + 1);
            bucketNrs = java.util.Arrays.copyOf(nrs, nUsed);
            checkIndex();
            if (ctx.nrow() > firstRows[nUsed]) {
                throw new CasacoreException(path, "row count mismatch: IncrementalStMan index covers "
                        + firstRows[nUsed] + " rows but the table has " + ctx.nrow());
            }
        } catch (RuntimeException e) {
            file.close();
            throw e;
        }
    }

    /** Buckets must start at row 0, ascend (an empty table has one empty bucket) and exist, so that lookups need no checks of their own. */
    private void checkIndex() {
        for (int i = 0; i < bucketNrs.length; i++) {
            if ((i == 0 && firstRows[0] != 0) || firstRows[i + 1] < firstRows[i] || bucketNrs[i] < 0
                    || bucketNrs[i] >= buckets.bucketCount()) {
                throw new CasacoreException(path, "corrupt ISM index: entry " + i + " has rows " + firstRows[i]
                        + ".." + firstRows[i + 1] + " in bucket " + bucketNrs[i] + " of " + buckets.bucketCount());
            }
        }
    }

    @Override
    public String type() {
        return "IncrementalStMan";
    }

    @Override
    public ColumnStorage column(ColumnDesc desc, TableDat.ColumnBinding binding) {
        int colNr = ctx.columns().indexOf(desc);
        boolean indirect = (desc.isArray() && !desc.isDirect()) || desc.dataType() == DataType.TpRecord;
        int[] shape = desc.isArray() ? (binding.shapeDefined() ? binding.shape() : desc.shape()) : new int[0];
        return new IsmColumn(desc, colNr, indirect, shape);
    }

    private synchronized ArrayFile arrayFile() {
        if (arrayFile == null) {
            Path p = ctx.file("i");
            if (!Files.isRegularFile(p)) {
                throw new CasacoreException(p, "indirect array file of IncrementalStMan is missing");
            }
            arrayFile = new ArrayFile(DataFile.open(p), ctx.byteOrder());
        }
        return arrayFile;
    }

    /** Index of the bucket holding row. */
    private int findBucket(long row) {
        int lo = 0;
        int hi = bucketNrs.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (firstRows[mid] <= row) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** One column; caches the bucket it read last together with its part of the bucket index. */
    private final class IsmColumn implements ColumnStorage {
        private final ColumnDesc desc;
        private final int colNr;
        private final boolean indirect;
        private final int[] shape;
        private final int nelem;
        /** Bytes a value takes in the bucket (at least, for strings). */
        private final int valueBytes;
        /** Array slots per element: 2 for complex values stored as (re, im). */
        private final int width;
        private ByteBuffer bucket;
        private int current = -1;
        private long[] startRows = new long[0];
        private int[] offsets = new int[0];
        private int nValues;

        IsmColumn(ColumnDesc desc, int colNr, boolean indirect, int[] shape) {
            this.desc = desc;
            this.colNr = colNr;
            this.indirect = indirect;
            this.shape = shape;
            long n = Counts.product(shape);
            DataType t = desc.dataType();
            long bitsEach = t == DataType.TpBool ? 1 : t == DataType.TpString ? 32 : 8L * t.byteSize();
            // A string value starts with its length word even when the array is empty.
            long stored = t == DataType.TpString ? Math.max(n, 1) : n;
            long bits = indirect ? 64 : stored > 8L * buckets.bucketSize() ? Long.MAX_VALUE : stored * bitsEach;
            if (bits > 8L * buckets.bucketSize()) {
                throw new CasacoreException(path, "corrupt: a value of column " + desc.name() + " with shape "
                        + java.util.Arrays.toString(shape) + " does not fit in a bucket of " + buckets.bucketSize()
                        + " bytes");
            }
            this.nelem = (int) n;
            this.valueBytes = (int) ((bits + 7) / 8);
            this.width = t == DataType.TpComplex || t == DataType.TpDComplex ? 2 : 1;
        }

        /** Loads bucket i of the index and returns the position in startRows of row's value. */
        private int locate(int i, long row) {
            if (i != current) {
                current = -1;
                if (bucket == null) {
                    bucket = buckets.newBuffer(ctx.byteOrder());
                }
                buckets.read(bucketNrs[i], bucket);
                parseIndex();
                current = i;
            }
            long rel = row - firstRows[i];
            int lo = 0;
            int hi = nValues - 1;
            while (lo < hi) {
                int mid = (lo + hi + 1) >>> 1;
                if (startRows[mid] <= rel) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            if (nValues == 0 || startRows[lo] > rel) {
                throw new CasacoreException(path, "column " + desc.name() + ": no value stored for row " + row);
            }
            return lo;
        }

        private void parseIndex() {
            int word = bucket.getInt(0);
            boolean rownr64 = (word & ROWNR64_FLAG) != 0;
            int pos = word & ~ROWNR64_FLAG;
            int rowSize = rownr64 ? 8 : 4;
            try {
                for (int c = 0; c <= colNr; c++) {
                    int n = bucket.getInt(pos);
                    pos += 4;
                    if (n < 0 || (long) n * (rowSize + 4) > bucket.capacity() - pos) {
                        throw new CasacoreException(path, "corrupt ISM bucket index (" + n + " entries)");
                    }
                    if (c == colNr) {
                        if (startRows.length < n) {
                            startRows = new long[n];
                            offsets = new int[n];
                        }
                        for (int j = 0; j < n; j++) {
                            startRows[j] = rownr64 ? bucket.getLong(pos + 8 * j) : bucket.getInt(pos + 4 * j) & 0xFFFFFFFFL;
                        }
                        for (int j = 0; j < n; j++) {
                            offsets[j] = bucket.getInt(pos + rowSize * n + 4 * j);
                        }
                        nValues = n;
                        checkValues();
                    }
                    pos += n * (rowSize + 4);
                }
            } catch (IndexOutOfBoundsException e) {
                throw new CasacoreException(path, "corrupt ISM bucket " + bucketNrs[current < 0 ? 0 : current]
                        + ": index runs past the bucket", e);
            }
        }

        /** Start rows must ascend from 0 and values lie in the bucket, so reads need no checks of their own. */
        private void checkValues() {
            for (int j = 0; j < nValues; j++) {
                if ((j == 0 ? startRows[0] != 0 : startRows[j] <= startRows[j - 1]) || offsets[j] < 0
                        || 4L + offsets[j] + valueBytes > bucket.capacity()) {
                    throw new CasacoreException(path, "corrupt ISM bucket: column " + desc.name() + " value " + j
                            + " from row " + startRows[j] + " at offset " + offsets[j]);
                }
            }
        }

        /** Byte position in the bucket of the value for row. */
        private int valuePos(long row) {
            int j = locate(findBucket(row), row);
            return 4 + offsets[j];
        }

        @Override
        public boolean isDefined(long row) {
            return !indirect || bucketLong(row) != 0;
        }

        private long bucketLong(long row) {
            return bucket(row).getLong(valuePos(row));
        }

        private ByteBuffer bucket(long row) {
            locate(findBucket(row), row);
            return bucket;
        }

        @Override
        public int[] shape(long row) {
            return indirect ? arrayFile().shape(bucketLong(row), StandardStMan.storedType(desc)) : shape.clone();
        }

        @Override
        public void read(long row, int nrows, Object dst, int off) {
            int at = off;
            long r = row;
            long end = row + nrows;
            while (r < end) {
                int i = findBucket(r);
                int j = locate(i, r);
                // The value holds until the next stored value or the end of the bucket.
                long until = j + 1 < nValues ? firstRows[i] + startRows[j + 1] : firstRows[i + 1];
                int n = (int) (Math.min(end, until) - r);
                int first = at;
                int per = readValue(4 + offsets[j], dst, at);
                at += per;
                int slots = per * width;
                for (int k = 1; k < n; k++) {
                    System.arraycopy(dst, first * width, dst, at * width, slots);
                    at += per;
                }
                r += n;
            }
        }

        /** Decodes the value at bucket position pos into dst at off; returns the elements written. */
        private int readValue(int pos, Object dst, int off) {
            DataType t = desc.dataType();
            if (indirect) {
                return arrayFile().read(bucket.getLong(pos), StandardStMan.storedType(desc), dst, off);
            }
            switch (t) {
                case TpBool -> Bits.unpack(bucket, pos, 0, (boolean[]) dst, off, nelem);
                case TpString -> readStrings(pos, (String[]) dst, off);
                default -> Elements.decode(bucket, pos, ctx.byteOrder(), t, dst, off, nelem);
            }
            return nelem;
        }

        /** Strings: a total length (itself included), then per string [length] bytes. */
        private void readStrings(int pos, String[] dst, int off) {
            int p = pos + 4;
            int length = bucket.getInt(pos) - 4;
            for (int e = 0; e < nelem; e++) {
                if (nelem > 1) {
                    length = p + 4 <= bucket.capacity() ? bucket.getInt(p) : -1;
                    p += 4;
                }
                if (length < 0 || p + length > bucket.capacity()) {
                    throw new CasacoreException(path, "column " + desc.name() + ": corrupt string in ISM bucket");
                }
                byte[] bytes = new byte[length];
                bucket.get(p, bytes);
                dst[off + e] = new String(bytes, StandardCharsets.ISO_8859_1);
                p += length;
            }
        }
    }

    @Override
    public void close() {
        buckets.file().close();
        if (arrayFile != null) {
            arrayFile.close();
        }
    }
}
