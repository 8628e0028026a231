package org.tessera.casacore.write;

import java.util.ArrayList;
import java.util.List;
import java.util.PrimitiveIterator;
import org.tessera.casacore.CasacoreException;
import org.tessera.casacore.io.Elements;
import org.tessera.casacore.table.ArrayValue;
import org.tessera.casacore.table.Column;
import org.tessera.casacore.table.Complex;
import org.tessera.casacore.table.DComplex;
import org.tessera.casacore.table.DataType;
import org.tessera.casacore.table.Table;

/**
 * Copies selected rows of a table into a {@link TableWriter} a block of consecutive rows at
 * a time: each column is read with one bulk get per block and its cells are put from that
 * buffer, so no object is made per value. Memory is bounded by the block, about
 * {@link #BLOCK_BYTES} of cell data. Columns without a bulk getter (records, string arrays,
 * 8- and 16-bit integers) and blocks with undefined cells are copied cell by cell.
 */
final class RowBlockCopier {
    /** Cell data read per block; large enough to amortise the per-call costs. */
    static final long BLOCK_BYTES = 8L << 20;
    private static final int MAX_BLOCK_ROWS = 1 << 16;

    private final Table src;
    private final TableWriter out;
    private final List<ColumnCopy> columns = new ArrayList<>();
    private final ChannelSlicer channels;
    private long pendingRow = -1;
    private long previousRow = -1;

    RowBlockCopier(Table src, TableWriter out, ChannelSlicer channels, List<String> channelColumns) {
        this.src = src;
        this.out = out;
        this.channels = channels;
        for (String name : src.desc().columnNames()) {
            Column c = src.column(name);
            boolean sliced = channels != null && c.isArray() && channelColumns.contains(name);
            columns.add(new ColumnCopy(c, out.column(name), sliced));
        }
    }

    /** Copies the rows (ascending source row numbers) and returns how many were written. */
    long copy(PrimitiveIterator.OfLong rows) {
        long written = 0;
        int blockRows = 0;
        long[] block;
        while ((block = nextBlock(rows, blockRows == 0 ? 1 : blockRows))[1] > 0) {
            if (blockRows == 0) {
                blockRows = rowsPerBlock(block[0]);
            }
            int n = (int) block[1];
            for (ColumnCopy c : columns) {
                c.read(block[0], n);
            }
            for (int r = 0; r < n; r++) {
                for (ColumnCopy c : columns) {
                    c.put(r);
                }
                out.endRow();
            }
            written += n;
        }
        return written;
    }

    /** Rows per block from the cell sizes of the first row copied. */
    private int rowsPerBlock(long row) {
        long bytes = 16;
        for (ColumnCopy c : columns) {
            bytes += c.bytesOf(row);
        }
        return (int) Math.max(1, Math.min(MAX_BLOCK_ROWS, BLOCK_BYTES / bytes));
    }

    /** The next run of consecutive rows, at most max long: {first row, count}. */
    private long[] nextBlock(PrimitiveIterator.OfLong rows, int max) {
        long first = pendingRow >= 0 ? pendingRow : rows.hasNext() ? checked(rows.nextLong()) : -1;
        pendingRow = -1;
        if (first < 0) {
            return new long[] {0, 0};
        }
        long n = 1;
        while (n < max && rows.hasNext()) {
            long row = checked(rows.nextLong());
            if (row != first + n) {
                pendingRow = row;
                break;
            }
            n++;
        }
        return new long[] {first, n};
    }

    private long checked(long row) {
        if (row <= previousRow || row >= src.nrow()) {
            throw new CasacoreException(src.path(), "row " + row + " is out of order or beyond the "
                    + src.nrow() + " rows");
        }
        previousRow = row;
        return row;
    }

    /** One column: its block buffer, the shape and buffer offset of each cell in it. */
    private final class ColumnCopy {
        private final Column in;
        private final int handle;
        private final DataType type;
        private final boolean bulk;
        private final boolean sliced;
        private final int slotsPerElement;
        private Object buffer;
        private int[][] shapes = new int[0][];
        private int[] offsets = new int[0];
        private Object[] cells;
        private long firstRow;

        ColumnCopy(Column in, int handle, boolean sliced) {
            this.in = in;
            this.handle = handle;
            this.type = in.dataType();
            this.sliced = sliced;
            this.slotsPerElement = type == DataType.TpComplex || type == DataType.TpDComplex ? 2 : 1;
            this.bulk = switch (type) {
                case TpBool, TpInt, TpUInt, TpInt64, TpFloat, TpDouble, TpComplex, TpDComplex -> true;
                case TpString -> !in.isArray();
                default -> false;
            };
        }

        long bytesOf(long row) {
            if (!in.isArray()) {
                return Math.max(1, type.byteSize());
            }
            return in.isDefined(row) ? Math.max(1, type.byteSize()) * product(in.shape(row)) : 0;
        }

        /** Reads rows [row, row + n): in bulk when possible, else as boxed cells. */
        void read(long row, int n) {
            firstRow = row;
            cells = null;
            if (!bulk || (in.isArray() && !allDefined(row, n))) {
                cells = new Object[n];
                for (int r = 0; r < n; r++) {
                    cells[r] = in.get(row + r);
                }
                return;
            }
            int values = n;
            if (in.isArray()) {
                if (shapes.length < n) {
                    shapes = new int[n][];
                    offsets = new int[n];
                }
                long total = 0;
                for (int r = 0; r < n; r++) {
                    shapes[r] = in.shape(row + r);
                    offsets[r] = (int) (total * slotsPerElement);
                    total += product(shapes[r]);
                }
                values = Math.toIntExact(total);
            }
            if (buffer == null || java.lang.reflect.Array.getLength(buffer) < values * slotsPerElement) {
                buffer = Elements.newArray(type, values);
            }
            switch (type) {
                case TpBool -> in.getBools(row, n, (boolean[]) buffer, 0);
                case TpInt, TpUInt -> in.getInts(row, n, (int[]) buffer, 0);
                case TpInt64 -> in.getLongs(row, n, (long[]) buffer, 0);
                case TpFloat, TpComplex -> in.getFloats(row, n, (float[]) buffer, 0);
                case TpDouble, TpDComplex -> in.getDoubles(row, n, (double[]) buffer, 0);
                case TpString -> in.getStrings(row, n, (String[]) buffer, 0);
                default -> throw new IllegalStateException("no bulk getter for " + type);
            }
        }

        /** Puts the cell of block row r into the current output row. */
        void put(int r) {
            if (cells != null) {
                Object v = cells[r];
                if (sliced && v instanceof ArrayValue a && a.ndim() >= 2) {
                    v = channels.slice(a, 1);
                }
                out.put(handle, v);
            } else if (in.isArray()) {
                putArray(r);
            } else {
                putScalar(r);
            }
        }

        private void putScalar(int r) {
            switch (type) {
                case TpBool -> out.putBool(handle, ((boolean[]) buffer)[r]);
                case TpInt, TpUInt -> out.putInt(handle, ((int[]) buffer)[r]);
                case TpInt64 -> out.putLong(handle, ((long[]) buffer)[r]);
                case TpFloat -> out.putFloat(handle, ((float[]) buffer)[r]);
                case TpDouble -> out.putDouble(handle, ((double[]) buffer)[r]);
                case TpString -> out.putString(handle, ((String[]) buffer)[r]);
                case TpComplex -> out.put(handle, new Complex(((float[]) buffer)[2 * r], ((float[]) buffer)[2 * r + 1]));
                case TpDComplex -> out.put(handle, new DComplex(((double[]) buffer)[2 * r], ((double[]) buffer)[2 * r + 1]));
                default -> throw new IllegalStateException("no bulk copy for scalars of " + type);
            }
        }

        private void putArray(int r) {
            int[] shape = shapes[r];
            if (!sliced || shape.length < 2) {
                out.putArraySlice(handle, type, shape, buffer, offsets[r]);
                return;
            }
            if (shape.length == 2) {
                // [ncorr, nchan]: the kept channels are one contiguous run of the cell.
                if (shape[1] < channels.end()) {
                    throw new CasacoreException(src.path(), "column " + in.name() + " row " + (firstRow + r)
                            + " has " + shape[1] + " channels, fewer than the channel range ends at ("
                            + channels.end() + ")");
                }
                int[] kept = {shape[0], channels.nchan()};
                out.putArraySlice(handle, type, kept, buffer, offsets[r] + channels.start() * shape[0] * slotsPerElement);
                return;
            }
            int slots = (int) product(shape) * slotsPerElement;
            Object cell = java.lang.reflect.Array.newInstance(buffer.getClass().getComponentType(), slots);
            System.arraycopy(buffer, offsets[r], cell, 0, slots);
            out.putArray(handle, channels.slice(new ArrayValue(type, shape, cell), 1));
        }

        private boolean allDefined(long row, int n) {
            for (int r = 0; r < n; r++) {
                if (!in.isDefined(row + r)) {
                    return false;
                }
            }
            return true;
        }
    }

    private static long product(int[] shape) {
        long n = 1;
        for (int s : shape) {
            n *= s;
        }
        return n;
    }
}
