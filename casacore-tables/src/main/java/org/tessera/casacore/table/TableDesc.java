package org.tessera.casacore.table;

import java.util.List;
import java.util.Optional;

/**
 * A table description as stored in table.dat: name, version, comment, public and private
 * keywords and the column descriptions in stored order.
 */
public record TableDesc(String name, String version, String comment, TableRecord keywords,
                        TableRecord privateKeywords, List<ColumnDesc> columns) {
    public TableDesc {
        columns = List.copyOf(columns);
    }

    public Optional<ColumnDesc> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    public List<String> columnNames() {
        return columns.stream().map(ColumnDesc::name).toList();
    }
}
