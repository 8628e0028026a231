package org.tessera.casacore.dm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.tessera.casacore.CasacoreException;
import org.tessera.casacore.io.AipsIOReader;
import org.tessera.casacore.io.Bits;
import org.tessera.casacore.io.Counts;
import org.tessera.casacore.io.DataFile;
import org.tessera.casacore.io.Elements;
import org.tessera.casacore.io.SpanReader;
import org.tessera.casacore.table.ColumnDesc;
import org.tessera.casacore.table.DataType;
import org.tessera.casacore.table.RecordReader;
import org.tessera.casacore.table.TableDat;

/**
 * The tiled storage managers ({@code TiledStMan.cc}, {@code TSMCube.cc} and the
 * TiledShapeStMan / TiledColumnStMan / TiledCellStMan variants): cells are slices of
 * hypercubes whose last axis is the row (except TiledCellStMan: one cube per row), cut into
 * tiles stored whole, first axis fastest, in {@code table.f<n>_TSM<file>}.
 */
final class TiledStMan implements DataManager {
    private final TableContext ctx;
    private final Path headerPath;
    private final String kind;
    private final List<Cube> cubes = new ArrayList<>();
    private final DataFile[] files;
    /** TiledShapeStMan: last row, cube and last cube position of each run of rows. */
    private int[] rowMap = new int[0];
    private int[] cubeMap = new int[0];
    private int[] posMap = new int[0];
    /** Data columns in tile order (descending pixel size) with their byte offset inside a tile. */
    private final List<ColumnDesc> tileOrder = new ArrayList<>();
    private final List<TiledColumn> opened = new ArrayList<>();

    /** One hypercube: shape, tile shape and where its tiles start. */
    private record Cube(int[] shape, int[] tileShape, int fileIndex, long offset, int[] nTiles, long tilePixels) {
    }

    TiledStMan(TableContext ctx) {
        this.ctx = ctx;
        this.kind = ctx.entry().type();
        this.headerPath = ctx.file("");
        AipsIOReader h = AipsIOReader.withMagic(DataFile.readAll(headerPath), ByteOrder.BIG_ENDIAN, headerPath);
        h.getStart(kind);
        if (!kind.equals("TiledShapeStMan")) {
            h.readIPosition();
        }
        List<long[]> fileInfo = readTiledStManPart(h);
        if (kind.equals("TiledShapeStMan")) {
            h.readIPosition();
            int nUsed = h.readInt();
            rowMap = h.readIntBlock();
            cubeMap = h.readIntBlock();
            posMap = h.readIntBlock();
            if (nUsed < 0 || nUsed > Math.min(rowMap.length, Math.min(cubeMap.length, posMap.length))) {
                throw new CasacoreException(headerPath, "corrupt " + kind + " row map: " + nUsed + " used entries of "
                        + rowMap.length);
            }
            rowMap = Arrays.copyOf(rowMap, nUsed);
            cubeMap = Arrays.copyOf(cubeMap, nUsed);
            posMap = Arrays.copyOf(posMap, nUsed);
        }
        h.getEnd();
        checkRowsMap();
        files = new DataFile[fileInfo.size()];
        try {
            for (int i = 0; i < files.length; i++) {
                if (fileInfo.get(i) != null) {
                    files[i] = DataFile.open(ctx.file("_TSM" + fileInfo.get(i)[0]));
                }
            }
            checkCubesFit();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        tileOrder.addAll(ctx.columns());
        tileOrder.sort(Comparator.comparingInt((ColumnDesc c) -> pixelBits(c.dataType())).reversed());
    }

    /** The part common to all tiled managers; returns per file {sequence number, length} or null. */
    private List<long[]> readTiledStManPart(AipsIOReader h) {
        int version = h.getStart("TiledStMan");
        if (version >= 2) {
            h.readBool();
        }
        h.readInt();
        long nrow = version >= 3 ? h.readLong() : h.readUInt();
        if (nrow != ctx.nrow()) {
            throw new CasacoreException(headerPath, "row count mismatch: " + kind + " holds " + nrow
                    + " rows but the table has " + ctx.nrow());
        }
        int ncol = h.readCount("column count");
        h.readInts(ncol);
        h.readString();
        if (version >= 3) {
            h.readLong();
        } else {
            h.readInt();
        }
        h.readInt();
        long nFiles = version >= 3 ? h.readLong() : h.readUInt();
        List<long[]> fileInfo = new ArrayList<>();
        for (long i = 0; i < nFiles; i++) {
            if (h.readBool()) {
                int fv = h.readInt();
                long seq = h.readUInt();
                long length = fv == 1 ? h.readUInt() : h.readLong();
                fileInfo.add(new long[] {seq, length});
            } else {
                fileInfo.add(null);
            }
        }
        long nCubes = version >= 3 ? h.readLong() : h.readUInt();
        for (long i = 0; i < nCubes; i++) {
            int cv = h.readInt();
            RecordReader.readPlainRecord(h);
            h.readBool();
            h.readInt();
            int[] shape = h.readIPosition();
            int[] tileShape = h.readIPosition();
            int fileIndex = h.readInt();
            long offset = cv == 1 ? h.readUInt() : h.readLong();
            int[] nTiles = new int[shape.length];
            long tilePixels = 1;
            for (int a = 0; a < shape.length; a++) {
                if (tileShape.length != shape.length || tileShape[a] <= 0 || shape[a] < 0) {
                    throw new CasacoreException(headerPath, "corrupt hypercube " + i + ": tile shape "
                            + Arrays.toString(tileShape) + " for cube shape " + Arrays.toString(shape));
                }
                nTiles[a] = (shape[a] + tileShape[a] - 1) / tileShape[a];
                tilePixels *= tileShape[a];
            }
            cubes.add(new Cube(shape, tileShape, fileIndex, offset, nTiles, tilePixels));
        }
        h.getEnd();
        return fileInfo;
    }

    /**
     * Every row the manager maps must land in an existing cube, at a position on the cube's row axis,
     * so that the lookups while reading need no checks of their own.
     */
    private void checkRowsMap() {
        long nrow = ctx.nrow();
        if (kind.equals("TiledCellStMan")) {
            if (cubes.size() < nrow) {
                throw new CasacoreException(headerPath, "corrupt: " + cubes.size() + " hypercubes for " + nrow + " rows");
            }
            return;
        }
        if (kind.equals("TiledColumnStMan")) {
            if (nrow > 0 && (cubes.isEmpty() || rowAxis(cubes.get(0)) < nrow)) {
                throw new CasacoreException(headerPath, "corrupt: the hypercube does not hold the table's " + nrow
                        + " rows");
            }
            return;
        }
        long first = 0;
        for (int i = 0; i < rowMap.length; i++) {
            int cube = cubeMap[i];
            long runRows = rowMap[i] - first + 1;
            if (runRows < 1 || rowMap[i] >= nrow || cube < 0 || cube >= cubes.size()
                    || posMap[i] - runRows + 1 < 0 || posMap[i] >= rowAxis(cubes.get(cube))) {
                throw new CasacoreException(headerPath, "corrupt row map entry " + i + ": rows " + first + ".."
                        + rowMap[i] + " at positions up to " + posMap[i] + " of hypercube " + cube + " ("
                        + cubes.size() + " hypercubes, " + nrow + " rows)");
            }
            first = rowMap[i] + 1L;
        }
    }

    /** Length of a cube's last (row) axis; 0 for a cube without axes. */
    private static long rowAxis(Cube c) {
        return c.shape.length == 0 ? 0 : c.shape[c.shape.length - 1];
    }

    /** Every cube's tiles must lie inside its file, else the file is truncated. */
    private void checkCubesFit() {
        for (Cube c : cubes) {
            if (c.fileIndex < 0 || c.shape.length == 0) {
                continue;
            }
            if (c.fileIndex >= files.length || files[c.fileIndex] == null) {
                throw new CasacoreException(headerPath, "hypercube refers to missing tile file " + c.fileIndex);
            }
            // In doubles: a corrupt shape must not overflow into a size that seems to fit.
            double tilePixels = 1;
            double nTiles = 1;
            for (int a = 0; a < c.shape.length; a++) {
                tilePixels *= c.tileShape[a];
                nTiles *= c.nTiles[a];
            }
            double tileBytes = 0;
            for (ColumnDesc d : ctx.columns()) {
                tileBytes += d.dataType() == DataType.TpBool ? Math.ceil(tilePixels / 8) : tilePixels * d.dataType().byteSize();
            }
            double end = c.offset + nTiles * tileBytes;
            if (c.offset < 0 || end > files[c.fileIndex].size()) {
                throw new CasacoreException(files[c.fileIndex].path(), "truncated or corrupt: hypercube " + c.shape.length
                        + "-d " + Arrays.toString(c.shape) + " at byte " + c.offset + " needs " + (long) end
                        + " bytes but the file has " + files[c.fileIndex].size());
            }
        }
    }

    private static int pixelBits(DataType t) {
        return t == DataType.TpBool ? 1 : 8 * t.byteSize();
    }

    private static long columnBytes(DataType t, long pixels) {
        return t == DataType.TpBool ? (pixels + 7) / 8 : pixels * t.byteSize();
    }

    private long tileBytes(Cube c) {
        long n = 0;
        for (ColumnDesc d : ctx.columns()) {
            n += columnBytes(d.dataType(), c.tilePixels);
        }
        return n;
    }

    private long offsetInTile(Cube c, ColumnDesc desc) {
        long n = 0;
        for (ColumnDesc d : tileOrder) {
            if (d.equals(desc)) {
                return n;
            }
            n += columnBytes(d.dataType(), c.tilePixels);
        }
        throw new IllegalStateException("column " + desc.name() + " is not in " + kind);
    }

    @Override
    public String type() {
        return kind;
    }

    @Override
    public ColumnStorage column(ColumnDesc desc, TableDat.ColumnBinding binding) {
        if (desc.dataType() == DataType.TpString || !desc.isArray()) {
            throw new CasacoreException(headerPath, kind + " cannot store column " + desc.name()
                    + " of type " + desc.dataType());
        }
        TiledColumn column = new TiledColumn(desc);
        opened.add(column);
        return column;
    }

    /** Which cube holds a row, and where: the row's position on the cube's last axis. */
    private int cubeOf(long row) {
        if (kind.equals("TiledColumnStMan")) {
            return 0;
        }
        if (kind.equals("TiledCellStMan")) {
            return (int) row;
        }
        int i = runOf(row);
        return i < 0 ? 0 : cubeMap[i];
    }

    /** TiledShapeStMan: index of the first run whose last row is >= row, or -1. */
    private int runOf(long row) {
        int lo = 0;
        int hi = rowMap.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (rowMap[mid] >= row) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo < rowMap.length ? lo : -1;
    }

    /** Position of row on the last axis of its cube; rows [row, row+return[1]) follow on. */
    private long[] positionOf(long row, long maxRows) {
        if (kind.equals("TiledColumnStMan")) {
            return new long[] {row, maxRows};
        }
        if (kind.equals("TiledCellStMan")) {
            return new long[] {0, 1};
        }
        int i = runOf(row);
        long pos = posMap[i] - (rowMap[i] - row);
        return new long[] {pos, Math.min(maxRows, rowMap[i] - row + 1)};
    }

    private boolean hasData(Cube c) {
        return c.fileIndex >= 0 && c.shape.length > 0;
    }

    /** One column of the hypercube(s); keeps the decoded tiles of the current tile layer. */
    private final class TiledColumn implements ColumnStorage {
        private final ColumnDesc desc;
        private final DataType type;
        private final int width;
        private ByteBuffer raw;
        /** Per tile file, the reader that streams whole-cell tiles (by file index). */
        private SpanReader[] spans = new SpanReader[0];
        private long[] cacheKeys = new long[0];
        private Object[] cacheTiles = new Object[0];
        private int cacheNext;

        TiledColumn(ColumnDesc desc) {
            this.desc = desc;
            this.type = desc.dataType();
            this.width = type == DataType.TpComplex || type == DataType.TpDComplex ? 2 : 1;
        }

        @Override
        public boolean isDefined(long row) {
            if (kind.equals("TiledShapeStMan") && runOf(row) < 0) {
                return false;
            }
            return hasData(cubes.get(cubeOf(row)));
        }

        @Override
        public int[] shape(long row) {
            Cube c = cubes.get(cubeOf(row));
            return kind.equals("TiledCellStMan") ? c.shape.clone() : Arrays.copyOf(c.shape, c.shape.length - 1);
        }

        @Override
        public void read(long row, int nrows, Object dst, int off) {
            long r = row;
            long end = row + nrows;
            int at = off;
            while (r < end) {
                Cube c = cubes.get(cubeOf(r));
                long[] p = positionOf(r, end - r);
                int n = (int) p[1];
                // Rows of another cube may have larger cells than the caller expected from the first row's.
                long cells = kind.equals("TiledCellStMan") ? Counts.product(c.shape)
                        : Counts.product(Arrays.copyOf(c.shape, c.shape.length - 1));
                if (at + (double) n * cells > Elements.capacity(type, dst)) {
                    throw new CasacoreException(headerPath, "column " + desc.name() + " rows " + r + ".." + (r + n - 1)
                            + " have cells of shape " + Arrays.toString(shape(r)) + ", larger than those before them");
                }
                at = readRows(c, p[0], n, dst, at);
                r += n;
            }
        }

        /** Reads n consecutive positions of the cube's last axis (all of it for TiledCellStMan). */
        private int readRows(Cube c, long pos, int n, Object dst, int at) {
            boolean cellCube = kind.equals("TiledCellStMan");
            int cellDims = cellCube ? c.shape.length : c.shape.length - 1;
            int[] cell = Arrays.copyOf(c.shape, cellDims);
            long cellSize = 1;
            for (int s : cell) {
                cellSize *= s;
            }
            int rowAxis = c.shape.length - 1;
            long p = pos;
            int done = 0;
            while (done < n) {
                // Rows of one layer of tiles along the row axis.
                int layer = cellCube ? 0 : (int) (p / c.tileShape[rowAxis]);
                int inLayer = cellCube ? 1
                        : (int) Math.min(n - done, (long) (layer + 1) * c.tileShape[rowAxis] - p);
                int firstInTile = cellCube ? 0 : (int) (p - (long) layer * c.tileShape[rowAxis]);
                copyLayer(c, cell, cellSize, layer, firstInTile, inLayer, dst, at + (int) (done * cellSize));
                done += inLayer;
                p += inLayer;
            }
            return at + (int) (n * cellSize);
        }

        /** Copies rows [firstInTile, firstInTile+nRows) of every tile of one layer into dst. */
        private void copyLayer(Cube c, int[] cell, long cellSize, int layer, int firstInTile, int nRows,
                               Object dst, int at) {
            int nd = cell.length;
            if (Arrays.equals(c.tileShape, 0, nd, cell, 0, nd)) {
                decodeWholeCells(c, cellSize, nd == c.shape.length ? 0 : layer, firstInTile, nRows, dst, at);
                return;
            }
            int[] tc = new int[nd];
            long tilesInLayer = 1;
            for (int a = 0; a < nd; a++) {
                tilesInLayer *= c.nTiles[a];
            }
            ensureCache((int) Math.min(tilesInLayer, 64));
            for (long t = 0; t < tilesInLayer; t++) {
                // Tiles are numbered first axis fastest; the row axis (if any) is the slowest.
                long tileIndex = nd == c.shape.length ? 0 : layer;
                for (int a = nd - 1; a >= 0; a--) {
                    tileIndex = tileIndex * c.nTiles[a] + tc[a];
                }
                Object tile = tile(c, tileIndex);
                copyTile(c, cell, cellSize, tc, tile, firstInTile, nRows, dst, at);
                for (int a = 0; a < nd && ++tc[a] == c.nTiles[a]; a++) {
                    tc[a] = 0;
                }
            }
        }

        /**
         * A tile holding whole cells (one tile per layer) stores rows contiguously in the cells'
         * own order: decode the wanted rows straight from the file into dst, without the tile cache.
         */
        private void decodeWholeCells(Cube c, long cellSize, long tileIndex, int firstInTile, int nRows, Object dst,
                                      int at) {
            long start = c.offset + tileIndex * tileBytes(c) + offsetInTile(c, desc);
            long firstPixel = firstInTile * cellSize;
            int count = Math.toIntExact(nRows * cellSize);
            if (type == DataType.TpBool) {
                int lead = (int) (firstPixel & 7);
                ByteBuffer b = spans(c).read(start + (firstPixel >>> 3), (lead + count + 7) >>> 3);
                Bits.unpack(b, 0, lead, (boolean[]) dst, at, count);
            } else {
                ByteBuffer b = spans(c).read(start + firstPixel * type.byteSize(),
                        Math.multiplyExact(count, type.byteSize()));
                Elements.decode(b, 0, ctx.byteOrder(), type, dst, at, count);
            }
        }

        private SpanReader spans(Cube c) {
            if (c.fileIndex >= spans.length) {
                spans = Arrays.copyOf(spans, c.fileIndex + 1);
            }
            if (spans[c.fileIndex] == null) {
                spans[c.fileIndex] = new SpanReader(files[c.fileIndex]);
            }
            return spans[c.fileIndex];
        }

        /** Lets reads ahead finish before the files close. */
        void finishReads() {
            for (SpanReader s : spans) {
                if (s != null) {
                    s.close();
                }
            }
        }

        /** Reads bytes of the cube's file at pos into the reused direct buffer (tiles read for the cache). */
        private ByteBuffer read(Cube c, long pos, int bytes) {
            if (raw == null || raw.capacity() < bytes) {
                raw = ByteBuffer.allocateDirect(bytes);
            }
            raw.clear().limit(bytes);
            files[c.fileIndex].readFully(pos, raw);
            return raw.clear();
        }

        /** Copies the part of one tile that falls in the cells of nRows rows. */
        private void copyTile(Cube c, int[] cell, long cellSize, int[] tc, Object tile, int firstInTile,
                              int nRows, Object dst, int at) {
            int nd = cell.length;
            int[] ts = c.tileShape;
            int[] start = new int[nd];
            int[] len = new int[nd];
            long tileCellPixels = 1;
            for (int a = 0; a < nd; a++) {
                start[a] = tc[a] * ts[a];
                len[a] = Math.min(ts[a], cell[a] - start[a]);
                tileCellPixels *= ts[a];
            }
            // Leading axes the tile covers exactly are contiguous in both tile and cell.
            int k = 0;
            long run = 1;
            while (k < nd && ts[k] == cell[k]) {
                run *= cell[k];
                k++;
            }
            if (k == nd) {
                System.arraycopy(tile, (int) (firstInTile * tileCellPixels) * width, dst, at * width,
                        (int) (nRows * cellSize) * width);
                return;
            }
            run *= len[k];
            int[] idx = new int[nd];
            for (int r = 0; r < nRows; r++) {
                Arrays.fill(idx, 0);
                while (true) {
                    long src = firstInTile + r;
                    long dstPos = r;
                    for (int a = nd - 1; a >= 0; a--) {
                        src = src * ts[a] + (a >= k ? idx[a] : 0);
                        dstPos = dstPos * cell[a] + (a >= k ? start[a] + idx[a] : 0);
                    }
                    System.arraycopy(tile, (int) src * width, dst, (at + (int) dstPos) * width, (int) run * width);
                    int a = k + 1;
                    while (a < nd && ++idx[a] == len[a]) {
                        idx[a] = 0;
                        a++;
                    }
                    if (a >= nd) {
                        break;
                    }
                }
            }
        }

        private void ensureCache(int capacity) {
            if (cacheKeys.length < capacity) {
                cacheKeys = new long[capacity];
                Arrays.fill(cacheKeys, -1);
                cacheTiles = new Object[capacity];
                cacheNext = 0;
            }
        }

        /** The decoded tile, from the cache or read from its file. */
        private Object tile(Cube c, long tileIndex) {
            long key = ((long) cubes.indexOf(c) << 40) | tileIndex;
            for (int i = 0; i < cacheKeys.length; i++) {
                if (cacheKeys[i] == key) {
                    return cacheTiles[i];
                }
            }
            int pixels = Math.toIntExact(c.tilePixels);
            int slot = cacheNext;
            cacheNext = (cacheNext + 1) % cacheKeys.length;
            Object tile = cacheTiles[slot];
            if (tile == null || java.lang.reflect.Array.getLength(tile) != pixels * width) {
                tile = Elements.newArray(type, pixels);
            }
            int bytes = Math.toIntExact(columnBytes(type, pixels));
            long pos = c.offset + tileIndex * tileBytes(c) + offsetInTile(c, desc);
            ByteBuffer raw = read(c, pos, bytes);
            if (type == DataType.TpBool) {
                Bits.unpack(raw, 0, 0, (boolean[]) tile, 0, pixels);
            } else {
                Elements.decode(raw, 0, ctx.byteOrder(), type, tile, 0, pixels);
            }
            cacheKeys[slot] = key;
            cacheTiles[slot] = tile;
            return tile;
        }
    }

    @Override
    public void close() {
        try {
            for (TiledColumn c : opened) {
                c.finishReads();
            }
        } finally {
            closeFiles();
        }
    }

    private void closeFiles() {
        if (files == null) {
            return;
        }
        for (DataFile f : files) {
            if (f != null) {
                f.close();
            }
        }
    }
}
