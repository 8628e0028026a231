package org.tessera.casacore.ms;

import java.nio.file.Path;
import java.util.List;
import org.tessera.casacore.table.Column;
import org.tessera.casacore.table.Table;

/**
 * Everything {@code tessera inspect} reads of an MS (the MS view, then the data streamed in chunks
 * of the same size), and besides every cell of the main table and of the subtables that the view uses.
 */
final class FullRead {
    /** The subtables {@link MeasurementSet} reads. */
    static final List<String> SUBTABLES = List.of("SPECTRAL_WINDOW", "POLARIZATION", "DATA_DESCRIPTION",
            "FIELD", "ANTENNA");

    private FullRead() {
    }

    static VisibilityStatistics of(Path path) {
        try (MeasurementSet ms = MeasurementSet.open(path)) {
            readCells(ms.mainTable());
            for (String name : SUBTABLES) {
                try (Table t = ms.mainTable().subtable(name)) {
                    readCells(t);
                }
            }
            return VisibilityStatistics.of(ms, ms.defaultDataColumn(), ms.rowsPerChunk(32L << 20));
        }
    }

    private static void readCells(Table t) {
        for (String name : t.columnNames()) {
            Column c = t.column(name);
            for (long r = 0; r < t.nrow(); r++) {
                c.get(r);
            }
        }
    }
}
