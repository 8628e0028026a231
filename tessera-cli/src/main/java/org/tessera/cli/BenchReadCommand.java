package org.tessera.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tessera.casacore.io.Elements;
import org.tessera.casacore.ms.MeasurementSet;
import org.tessera.casacore.table.Column;
import org.tessera.casacore.table.ColumnDesc;
import org.tessera.casacore.table.DataType;
import org.tessera.casacore.table.Table;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code tessera bench read MS}: streams columns of the main table with the bulk getters, a
 * chunk of rows at a time as an imager does, and reports the throughput in stored bytes
 * (the bytes the values take in the column files, Bool as one bit) per second: the best of
 * several passes after an untimed one that warms up the JIT.
 */
@Command(name = "read", mixinStandardHelpOptions = true,
        description = "Stream main-table columns with the bulk getters and report bytes per second.")
public final class BenchReadCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MS", description = "MeasurementSet directory")
    Path ms;

    @Option(names = "--columns", split = ",", paramLabel = "NAMES",
            description = "Columns to read (default: DATA,FLAG,UVW and WEIGHT_SPECTRUM, or WEIGHT when absent).")
    List<String> columns;

    /** 4 MB: the chunk's buckets and the arrays they decode into stay in a 32 MB L3 cache; 16 MB measured 40% slower. */
    @Option(names = "--chunk-mb", defaultValue = "4", paramLabel = "MB",
            description = "Values read per chunk, in MB of stored data (default: ${DEFAULT-VALUE}).")
    int chunkMb;

    @Option(names = "--passes", defaultValue = "3", paramLabel = "N",
            description = "Timed passes after one warm-up pass; the best is reported (default: ${DEFAULT-VALUE}).")
    int passes;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        CliPaths.requireExisting(ms, "MeasurementSet");
        if (chunkMb < 1) {
            throw new UserError("--chunk-mb must be at least 1, got " + chunkMb);
        }
        if (passes < 1) {
            throw new UserError("--passes must be at least 1, got " + passes);
        }
        try (MeasurementSet set = MeasurementSet.open(ms)) {
            Table main = set.mainTable();
            List<String> names = columns != null ? columns : defaultColumns(main);
            List<ColumnReader> readers = new ArrayList<>();
            for (String name : names) {
                if (!main.hasColumn(name)) {
                    throw new UserError(ms + ": has no column " + name + " (columns: " + main.desc().columnNames() + ")");
                }
                readers.add(new ColumnReader(main.column(name)));
            }
            long nrow = main.nrow();
            int chunkRows = chunkRows(readers, nrow);
            long bytes = pass(readers, nrow, chunkRows);
            double[] seconds = new double[passes];
            for (int p = 0; p < passes; p++) {
                long start = System.nanoTime();
                pass(readers, nrow, chunkRows);
                seconds[p] = (System.nanoTime() - start) / 1e9;
            }
            report(names, nrow, bytes, seconds);
        }
        return 0;
    }

    /** Reads every row of every column once, a chunk at a time; returns the stored bytes read. */
    private static long pass(List<ColumnReader> readers, long nrow, int chunkRows) {
        long bytes = 0;
        for (long row = 0; row < nrow; row += chunkRows) {
            int n = (int) Math.min(chunkRows, nrow - row);
            for (ColumnReader r : readers) {
                bytes += r.read(row, n);
            }
        }
        return bytes;
    }

    private static List<String> defaultColumns(Table main) {
        List<String> names = new ArrayList<>(List.of("DATA", "FLAG", "UVW"));
        names.add(main.hasColumn("WEIGHT_SPECTRUM") ? "WEIGHT_SPECTRUM" : "WEIGHT");
        return names;
    }

    /** Rows per chunk so the chunk holds about --chunk-mb of stored values (from the first row). */
    private int chunkRows(List<ColumnReader> readers, long nrow) {
        if (nrow == 0) {
            return 1;
        }
        long perRow = 1;
        for (ColumnReader r : readers) {
            perRow += r.storedBytes(r.values(0, 1));
        }
        return (int) Math.max(1, Math.min(1 << 20, ((long) chunkMb << 20) / perRow));
    }

    private void report(List<String> names, long nrow, long bytes, double[] passSeconds) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        double seconds = java.util.Arrays.stream(passSeconds).min().orElseThrow();
        double mbPerSecond = bytes / 1e6 / seconds;
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode n = mapper.createObjectNode();
            n.put("ms", ms.toString());
            n.put("columns", String.join(",", names));
            n.put("rows", nrow);
            n.put("bytes", bytes);
            n.put("seconds", seconds);
            n.put("mbPerSecond", mbPerSecond);
            var runs = n.putArray("passMbPerSecond");
            for (double s : passSeconds) {
                runs.add(bytes / 1e6 / s);
            }
            out.println(mapper.writeValueAsString(n));
        } else {
            out.printf("%s: read %s of %d rows, %.1f MB in %.3f s (best of %d passes): %.1f MB/s%n", ms,
                    String.join(",", names), nrow, bytes / 1e6, seconds, passSeconds.length, mbPerSecond);
        }
        out.flush();
    }

    /** One column and its reusable buffer. */
    private static final class ColumnReader {
        private final Column column;
        private final DataType type;
        private final long fixedValues;
        private Object buffer;

        ColumnReader(Column column) {
            this.column = column;
            this.type = column.dataType();
            ColumnDesc d = column.desc();
            this.fixedValues = !d.isArray() ? 1 : d.isFixedShape() && d.shape().length > 0 ? product(d.shape()) : -1;
        }

        /** Reads rows [row, row + n) and returns their stored bytes. */
        long read(long row, int n) {
            long values = values(row, n);
            if (buffer == null || java.lang.reflect.Array.getLength(buffer) < slots(values)) {
                buffer = Elements.newArray(type, Math.toIntExact(values));
            }
            switch (type) {
                case TpBool -> column.getBools(row, n, (boolean[]) buffer, 0);
                case TpInt, TpUInt -> column.getInts(row, n, (int[]) buffer, 0);
                case TpInt64 -> column.getLongs(row, n, (long[]) buffer, 0);
                case TpFloat, TpComplex -> column.getFloats(row, n, (float[]) buffer, 0);
                case TpDouble, TpDComplex -> column.getDoubles(row, n, (double[]) buffer, 0);
                default -> throw new UserError("column " + column.name() + " has type " + type
                        + ", which the read benchmark does not stream");
            }
            return storedBytes(values);
        }

        /** Values in rows [row, row + n): from the fixed shape, else cell by cell. */
        long values(long row, int n) {
            if (fixedValues >= 0) {
                return fixedValues * n;
            }
            long total = 0;
            for (int r = 0; r < n; r++) {
                total += product(column.shape(row + r));
            }
            return total;
        }

        long storedBytes(long values) {
            return type == DataType.TpBool ? (values + 7) / 8 : values * type.byteSize();
        }

        private long slots(long values) {
            return type == DataType.TpComplex || type == DataType.TpDComplex ? 2 * values : values;
        }

        private static long product(int[] shape) {
            long n = 1;
            for (int s : shape) {
                n *= s;
            }
            return n;
        }
    }
}
