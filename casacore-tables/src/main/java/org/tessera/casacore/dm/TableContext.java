package org.tessera.casacore.dm;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import org.tessera.casacore.table.ColumnDesc;
import org.tessera.casacore.table.TableDat;

/**
 * What a data manager needs to know about its table: directory, byte order of the data
 * files, row count and the columns it stores.
 */
public record TableContext(Path dir, ByteOrder byteOrder, long nrow, TableDat.DataManagerEntry entry,
                           List<ColumnDesc> columns) {
    /** The manager's data file {@code table.f<seq><suffix>}. */
    public Path file(String suffix) {
        return dir.resolve("table.f" + entry.sequenceNr() + suffix);
    }

    public String columnNames() {
        return String.join(", ", columns.stream().map(ColumnDesc::name).toList());
    }
}
