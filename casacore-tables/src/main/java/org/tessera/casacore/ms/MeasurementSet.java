package org.tessera.casacore.ms;

import org.tessera.casacore.CasacoreException;
import org.tessera.casacore.table.Column;
import org.tessera.casacore.table.DataType;
import org.tessera.casacore.table.Table;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A MeasurementSet (MS v2) opened for reading: the main table plus the subtables that
 * describe each row (DATA_DESCRIPTION, SPECTRAL_WINDOW, POLARIZATION, FIELD, ANTENNA).
 * Visibility data are streamed in {@link RowChunk}s, so memory is bounded by the chunk.
 */
public final class MeasurementSet implements AutoCloseable {
    /** The data columns an imager may use, in WSClean's order of preference. */
    public static final List<String> DATA_COLUMNS = List.of("CORRECTED_DATA", "DATA", "MODEL_DATA");

    private final Path path;
    private final Table main;
    private final List<SpectralWindow> spectralWindows;
    private final List<Polarization> polarizations;
    private final List<DataDescription> dataDescriptions;
    private final List<Field> fields;
    private final List<Antenna> antennas;
    /** Where each subtable read lies, for errors that a damaged subtable causes in another table. */
    private final Map<String, Path> subtablePaths = new HashMap<>();

    private MeasurementSet(Path path, Table main) {
        this.path = path;
        this.main = main;
        this.spectralWindows = readSpectralWindows(subtable("SPECTRAL_WINDOW"));
        this.polarizations = readPolarizations(subtable("POLARIZATION"));
        this.dataDescriptions = readDataDescriptions(subtable("DATA_DESCRIPTION"));
        this.fields = readFields(subtable("FIELD"));
        this.antennas = readAntennas(subtable("ANTENNA"));
        for (DataDescription dd : dataDescriptions) {
            checkReference(dd, "spectral window", dd.spectralWindowId(), "SPECTRAL_WINDOW", spectralWindows.size());
            checkReference(dd, "polarization", dd.polarizationId(), "POLARIZATION", polarizations.size());
        }
    }

    private Table subtable(String name) {
        Table t = main.subtable(name);
        subtablePaths.put(name, t.path());
        return t;
    }

    /** The path of a subtable the MS view read (e.g. "POLARIZATION"). */
    Path subtablePath(String name) {
        return subtablePaths.get(name);
    }

    private void checkReference(DataDescription dd, String what, int id, String table, int rows) {
        if (id < 0 || id >= rows) {
            throw new CasacoreException(subtablePath("DATA_DESCRIPTION"), "row " + dd.id() + " refers to " + what
                    + " " + id + " but " + subtablePath(table) + " has " + rows + " rows");
        }
    }

    /** Opens an MS; a path that is not an MS gives a {@link CasacoreException} naming it. */
    public static MeasurementSet open(Path path) {
        Table main = Table.open(path);
        try {
            for (String column : List.of("TIME", "ANTENNA1", "ANTENNA2", "UVW", "FLAG", "DATA_DESC_ID")) {
                if (!main.hasColumn(column)) {
                    throw new CasacoreException(path, "not a MeasurementSet: main table has no " + column + " column");
                }
            }
            return new MeasurementSet(path, main);
        } catch (RuntimeException e) {
            main.close();
            throw e;
        }
    }

    public Path path() {
        return path;
    }

    /** The main table (for writers that copy its description). */
    public Table mainTable() {
        return main;
    }

    public long rows() {
        return main.nrow();
    }

    public List<SpectralWindow> spectralWindows() {
        return spectralWindows;
    }

    public List<Polarization> polarizations() {
        return polarizations;
    }

    public List<DataDescription> dataDescriptions() {
        return dataDescriptions;
    }

    public List<Field> fields() {
        return fields;
    }

    public List<Antenna> antennas() {
        return antennas;
    }

    public boolean hasColumn(String name) {
        return main.hasColumn(name);
    }

    /** WSClean's default: CORRECTED_DATA if present, else DATA. */
    public String defaultDataColumn() {
        if (main.hasColumn("CORRECTED_DATA")) {
            return "CORRECTED_DATA";
        }
        if (main.hasColumn("DATA")) {
            return "DATA";
        }
        throw new CasacoreException(path, "has neither a CORRECTED_DATA nor a DATA column");
    }

    /**
     * Streams the rows in chunks of at most {@code maxRows} rows that share a data
     * description, reading {@code dataColumn} ({@code null} = the default column).
     */
    public RowChunkReader chunks(String dataColumn, int maxRows) {
        String column = dataColumn == null ? defaultDataColumn() : dataColumn;
        if (!main.hasColumn(column)) {
            throw new CasacoreException(path, "has no data column " + column
                    + " (columns: " + String.join(", ", main.desc().columnNames()) + ")");
        }
        return new RowChunkReader(this, column, maxRows);
    }

    /**
     * How many rows fit a chunk of about {@code bytes} bytes of per-value arrays (data,
     * flag, weight), for the widest data description; at least one row.
     */
    public int rowsPerChunk(long bytes) {
        long widest = 1;
        for (DataDescription dd : dataDescriptions) {
            long values = (long) spectralWindows.get(dd.spectralWindowId()).channels()
                    * polarizations.get(dd.polarizationId()).correlations();
            widest = Math.max(widest, values);
        }
        // 8 bytes complex + 1 flag + 4 weight per value.
        return (int) Math.max(1, Math.min(1 << 20, bytes / (13 * widest)));
    }

    DataDescription dataDescription(int id, long row) {
        if (id < 0 || id >= dataDescriptions.size()) {
            throw new CasacoreException(path, "row " + row + " has DATA_DESC_ID " + id
                    + " but " + subtablePath("DATA_DESCRIPTION") + " has " + dataDescriptions.size() + " rows");
        }
        return dataDescriptions.get(id);
    }

    /** Checks that a column holds the expected type, so a wrong MS fails with a clear message. */
    void requireType(String column, DataType expected) {
        DataType actual = main.column(column).desc().dataType();
        if (actual != expected) {
            throw new CasacoreException(path, "column " + column + " has type " + actual
                    + ", expected " + expected);
        }
    }

    @Override
    public void close() {
        main.close();
    }

    private static List<SpectralWindow> readSpectralWindows(Table spw) {
        try (spw) {
            List<SpectralWindow> list = new ArrayList<>();
            Column freq = spw.column("CHAN_FREQ");
            Column width = spw.hasColumn("CHAN_WIDTH") ? spw.column("CHAN_WIDTH") : null;
            for (long r = 0; r < spw.nrow(); r++) {
                double[] f = doubles(freq, r);
                double[] w = width != null && width.isDefined(r) ? doubles(width, r) : new double[f.length];
                String name = spw.hasColumn("NAME") ? spw.column("NAME").getString(r) : "";
                double ref = spw.hasColumn("REF_FREQUENCY") ? spw.column("REF_FREQUENCY").getDouble(r)
                        : (f.length > 0 ? f[0] : 0);
                list.add(new SpectralWindow((int) r, name, f, w, ref));
            }
            return List.copyOf(list);
        }
    }

    private static List<Polarization> readPolarizations(Table pol) {
        try (pol) {
            List<Polarization> list = new ArrayList<>();
            Column corr = pol.column("CORR_TYPE");
            for (long r = 0; r < pol.nrow(); r++) {
                int n = corr.isDefined(r) ? (int) product(corr.shape(r)) : 0;
                int[] types = new int[n];
                if (n > 0) {
                    corr.getInts(r, 1, types, 0);
                }
                list.add(new Polarization((int) r, types));
            }
            return List.copyOf(list);
        }
    }

    private static List<DataDescription> readDataDescriptions(Table dd) {
        try (dd) {
            List<DataDescription> list = new ArrayList<>();
            Column spw = dd.column("SPECTRAL_WINDOW_ID");
            Column pol = dd.column("POLARIZATION_ID");
            for (long r = 0; r < dd.nrow(); r++) {
                list.add(new DataDescription((int) r, spw.getInt(r), pol.getInt(r)));
            }
            return List.copyOf(list);
        }
    }

    private static List<Field> readFields(Table field) {
        try (field) {
            List<Field> list = new ArrayList<>();
            Column dir = field.column("PHASE_DIR");
            for (long r = 0; r < field.nrow(); r++) {
                double[] d = doubles(dir, r);
                if (d.length < 2) {
                    throw new CasacoreException(field.path(), "PHASE_DIR of row " + r + " has " + d.length
                            + " values, not a direction (2)");
                }
                String name = field.hasColumn("NAME") ? field.column("NAME").getString(r) : "";
                list.add(new Field((int) r, name, d[0], d[1]));
            }
            return List.copyOf(list);
        }
    }

    private static List<Antenna> readAntennas(Table antenna) {
        try (antenna) {
            List<Antenna> list = new ArrayList<>();
            Column position = antenna.column("POSITION");
            for (long r = 0; r < antenna.nrow(); r++) {
                String name = antenna.hasColumn("NAME") ? antenna.column("NAME").getString(r) : "";
                String station = antenna.hasColumn("STATION") ? antenna.column("STATION").getString(r) : "";
                double dish = antenna.hasColumn("DISH_DIAMETER") ? antenna.column("DISH_DIAMETER").getDouble(r) : 0;
                double[] xyz = doubles(position, r);
                if (xyz.length != 3) {
                    throw new CasacoreException(antenna.path(), "POSITION of row " + r + " has " + xyz.length
                            + " values, not a position (3)");
                }
                list.add(new Antenna((int) r, name, station, xyz, dish));
            }
            return List.copyOf(list);
        }
    }

    private static double[] doubles(Column column, long row) {
        double[] values = new double[(int) product(column.shape(row))];
        column.getDoubles(row, 1, values, 0);
        return values;
    }

    static long product(int[] shape) {
        long n = 1;
        for (int s : shape) {
            n *= s;
        }
        return n;
    }
}
