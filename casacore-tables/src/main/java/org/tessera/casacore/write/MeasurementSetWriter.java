package org.tessera.casacore.write;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PrimitiveIterator;
import java.util.stream.Stream;
import org.tessera.casacore.CasacoreException;
import org.tessera.casacore.table.ArrayValue;
import org.tessera.casacore.table.ColumnDesc;
import org.tessera.casacore.table.DataType;
import org.tessera.casacore.table.RecordDesc;
import org.tessera.casacore.table.Table;
import org.tessera.casacore.table.TableDesc;
import org.tessera.casacore.table.TableRecord;
import org.tessera.casacore.table.TableRef;

/**
 * Writes a sub-MS: selected rows (in their original order) of a source MeasurementSet,
 * optionally only a contiguous channel range. The main table is written anew with the
 * source's column descriptions and keywords (all columns in StandardStMan); subtables are
 * copied byte for byte without their lock files, except SPECTRAL_WINDOW, which is rewritten
 * for the channel range. A failure deletes the output directory.
 */
public final class MeasurementSetWriter {
    /** Rows [start, end) of the source. */
    public record RowRange(long start, long end) {
    }

    /** Columns whose cells are [ncorr, nchan] (or [ncorr, nchan, ncat]) by definition. */
    private static final List<String> CHANNEL_COLUMNS = List.of("DATA", "CORRECTED_DATA", "MODEL_DATA", "FLAG",
            "WEIGHT_SPECTRUM", "SIGMA_SPECTRUM", "FLAG_CATEGORY");
    /** SPECTRAL_WINDOW columns with one value per channel. */
    private static final List<String> SPW_CHANNEL_COLUMNS = List.of("CHAN_FREQ", "CHAN_WIDTH", "EFFECTIVE_BW",
            "RESOLUTION");

    private MeasurementSetWriter() {
    }

    /** Writes the rows in the given ranges, all channels. */
    public static long write(Path source, Path target, List<RowRange> rows) {
        return write(source, target, rangeIterator(rows), null, Map.of());
    }

    /** Writes the rows in the given ranges, channels [chanStart, chanEnd). */
    public static long write(Path source, Path target, List<RowRange> rows, int chanStart, int chanEnd) {
        return write(source, target, rangeIterator(rows), new ChannelSlicer(chanStart, chanEnd), Map.of());
    }

    /**
     * The general form.
     *
     * @param rows        source row numbers, ascending
     * @param channels    channel range to keep, or null for all
     * @param fixedShapes output columns to store as direct fixed-shape columns (output shapes)
     * @return the number of rows written
     */
    public static long write(Path source, Path target, PrimitiveIterator.OfLong rows, ChannelSlicer channels,
                             Map<String, int[]> fixedShapes) {
        if (Files.exists(target)) {
            throw new CasacoreException(target, "output MeasurementSet already exists");
        }
        try (Table src = Table.open(source)) {
            TableDesc desc = outputDesc(src, channels);
            TableWriter w = TableWriter.create(target, desc, TableWriter.Options.defaults()
                    .withFixedShapes(fixedShapes).withInfo(readInfo(source)));
            try {
                copySubtables(src, target, channels);
                long n = copyRows(src, w, rows, channels);
                w.close();
                return n;
            } catch (RuntimeException | IOException e) {
                w.abort();
                throw e instanceof CasacoreException ce ? ce
                        : new CasacoreException(target, "cannot write sub-MS of " + source + ": " + e.getMessage(), e);
            }
        }
    }

    /** Iterates over the rows of ascending ranges. */
    public static PrimitiveIterator.OfLong rangeIterator(List<RowRange> ranges) {
        Iterator<RowRange> it = ranges.iterator();
        return new PrimitiveIterator.OfLong() {
            private long next;
            private long end;

            @Override
            public boolean hasNext() {
                while (next >= end && it.hasNext()) {
                    RowRange r = it.next();
                    next = r.start();
                    end = r.end();
                }
                return next < end;
            }

            @Override
            public long nextLong() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                return next++;
            }
        };
    }

    /** The source description with subtable keywords pointing inside the new MS. */
    private static TableDesc outputDesc(Table src, ChannelSlicer channels) {
        TableRecord kw = relocateSubtables(src.desc().keywords());
        List<ColumnDesc> cols = new ArrayList<>();
        for (ColumnDesc c : src.desc().columns()) {
            cols.add(channels == null ? c : sliceShape(c, channels, 1));
        }
        TableDesc d = src.desc();
        return new TableDesc(d.name(), d.version(), d.comment(), kw, d.privateKeywords(), cols);
    }

    /** A fixed cell shape with its channel axis shortened to the channel range. */
    private static ColumnDesc sliceShape(ColumnDesc c, ChannelSlicer channels, int axis) {
        int[] shape = c.shape();
        if (!c.isArray() || shape.length <= axis || !(CHANNEL_COLUMNS.contains(c.name()) || axis == 0)) {
            return c;
        }
        shape[axis] = channels.nchan();
        return new ColumnDesc(c.className(), c.name(), c.comment(), c.dataManagerType(), c.dataManagerGroup(),
                c.dataType(), c.options(), c.ndim(), shape, c.maxLength(), c.keywords(), c.isArray(),
                c.defaultValue());
    }

    private static TableRecord relocateSubtables(TableRecord kw) {
        List<Object> values = new ArrayList<>(kw.values());
        for (int i = 0; i < values.size(); i++) {
            RecordDesc.FieldDesc f = kw.desc().fields().get(i);
            if (f.type() == DataType.TpTable) {
                values.set(i, new TableRef("././" + f.name()));
            }
        }
        return new TableRecord(kw.desc(), kw.recordType(), values, null);
    }

    private static void copySubtables(Table src, Path target, ChannelSlicer channels) throws IOException {
        for (String name : src.subtableNames()) {
            if (!Files.isDirectory(subtablePath(src, name))) {
                continue; // a dangling keyword (as some ALMA MSs have) stays dangling
            }
            try (Table sub = src.subtable(name)) {
                if (channels != null && name.equals("SPECTRAL_WINDOW")) {
                    rewriteSpectralWindow(sub, target.resolve(name), channels);
                } else {
                    copyTree(sub.path(), target.resolve(name));
                }
            }
        }
    }

    /** Where a subtable keyword points ("././X" inside the table, "./X" beside it). */
    private static Path subtablePath(Table t, String keyword) {
        String stored = t.keywords().getTableRef(keyword).storedPath();
        if (stored.startsWith("././")) {
            return t.path().resolve(stored.substring(4));
        }
        if (stored.startsWith("./")) {
            return t.path().toAbsolutePath().getParent().resolve(stored.substring(2));
        }
        return t.path().resolve(stored);
    }

    /**
     * Copies a table directory (nested subtables included) without lock files. casacore
     * trusts the row count in table.lock over a stale one in table.dat, so each copied
     * table.dat gets the row count the lock file gave.
     */
    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else if (!p.getFileName().toString().equals("table.lock")) {
                    Files.copy(p, dest, StandardCopyOption.COPY_ATTRIBUTES);
                    if (p.getFileName().toString().equals("table.dat")) {
                        fixRowCount(p.getParent(), dest);
                    }
                }
            }
        }
    }

    /** Writes the true row count into the header of a copied table.dat ("Table" v2 or v3). */
    private static void fixRowCount(Path sourceTable, Path copiedDat) throws IOException {
        long nrow;
        try (Table t = Table.open(sourceTable)) {
            nrow = t.nrow();
        } catch (CasacoreException e) {
            return; // a table this reader cannot open is copied exactly as it is
        }
        byte[] b = Files.readAllBytes(copiedDat);
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(b);
        // magic, object length, String "Table" (4 + 5 bytes), version, then nrow
        if (b.length < 29 || buf.getInt(0) != AipsIOWriter.MAGIC || buf.getInt(8) != 5
                || !new String(b, 12, 5, java.nio.charset.StandardCharsets.US_ASCII).equals("Table")) {
            throw new CasacoreException(copiedDat, "unexpected table.dat header; cannot set its row count");
        }
        int version = buf.getInt(17);
        if (version >= 3) {
            buf.putLong(21, nrow);
        } else if (nrow <= 0xFFFFFFFFL) {
            buf.putInt(21, (int) nrow);
        } else {
            throw new CasacoreException(copiedDat, nrow + " rows do not fit a version " + version + " table.dat");
        }
        Files.write(copiedDat, b);
    }

    private static void rewriteSpectralWindow(Table spw, Path target, ChannelSlicer channels) throws IOException {
        List<ColumnDesc> cols = new ArrayList<>();
        for (ColumnDesc c : spw.desc().columns()) {
            cols.add(SPW_CHANNEL_COLUMNS.contains(c.name()) ? sliceShape(c, channels, 0) : c);
        }
        TableDesc d = spw.desc();
        TableDesc desc = new TableDesc(d.name(), d.version(), d.comment(), d.keywords(), d.privateKeywords(), cols);
        TableWriter w = TableWriter.create(target, desc, TableWriter.Options.defaults().withInfo(readInfo(spw.path())));
        try {
            for (long r = 0; r < spw.nrow(); r++) {
                for (ColumnDesc c : desc.columns()) {
                    Object v = spw.column(c.name()).get(r);
                    if (v instanceof ArrayValue a && SPW_CHANNEL_COLUMNS.contains(c.name())) {
                        v = channels.slice(a, 0);
                    }
                    w.put(w.column(c.name()), v);
                }
                ArrayValue freq = (ArrayValue) spw.column("CHAN_FREQ").get(r);
                ArrayValue width = (ArrayValue) spw.column("CHAN_WIDTH").get(r);
                w.putInt(w.column("NUM_CHAN"), channels.nchan());
                w.putDouble(w.column("REF_FREQUENCY"), freq.doubles()[channels.start()]);
                double total = 0;
                for (int ch = channels.start(); ch < channels.end(); ch++) {
                    total += Math.abs(width.doubles()[ch]);
                }
                w.putDouble(w.column("TOTAL_BANDWIDTH"), total);
                w.endRow();
            }
            w.close();
        } catch (RuntimeException e) {
            w.abort();
            throw e;
        }
        copyNestedSubtables(spw, target);
    }

    private static void copyNestedSubtables(Table t, Path target) throws IOException {
        for (String name : t.subtableNames()) {
            if (!Files.isDirectory(subtablePath(t, name))) {
                continue;
            }
            try (Table sub = t.subtable(name)) {
                copyTree(sub.path(), target.resolve(sub.path().getFileName().toString()));
            }
        }
    }

    private static long copyRows(Table src, TableWriter w, PrimitiveIterator.OfLong rows, ChannelSlicer channels) {
        return new RowBlockCopier(src, w, channels, CHANNEL_COLUMNS).copy(rows);
    }

    /** The source's table.info, kept as it is. */
    private static TableInfo readInfo(Path table) {
        Path p = table.resolve("table.info");
        if (!Files.exists(p)) {
            return TableInfo.none();
        }
        try {
            String text = Files.readString(p);
            String type = "";
            String subType = "";
            String[] lines = text.split("\n", -1);
            int i = 0;
            for (; i < lines.length && !lines[i].isEmpty(); i++) {
                if (lines[i].startsWith("Type = ")) {
                    type = lines[i].substring(7);
                } else if (lines[i].startsWith("SubType = ")) {
                    subType = lines[i].substring(10);
                }
            }
            String readme = i + 1 < lines.length ? String.join("\n", java.util.Arrays.copyOfRange(lines, i + 1, lines.length)) : "";
            return new TableInfo(type, subType, readme);
        } catch (IOException e) {
            throw new CasacoreException(p, "cannot read table.info: " + e.getMessage(), e);
        }
    }
}
