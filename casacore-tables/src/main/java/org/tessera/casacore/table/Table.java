package org.tessera.casacore.table;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tessera.casacore.CasacoreException;
import org.tessera.casacore.dm.DataManager;
import org.tessera.casacore.dm.DataManagers;
import org.tessera.casacore.dm.TableContext;

/**
 * A casacore table opened read-only: its description, keywords and columns. Data
 * managers open their files when the table opens and close with it.
 */
public final class Table implements AutoCloseable {
    private final Path dir;
    private final TableDat dat;
    private final long nrow;
    private final Map<Integer, DataManager> managers = new LinkedHashMap<>();
    private final Map<String, Column> columns = new HashMap<>();

    private Table(Path dir, TableDat dat, long nrow) {
        this.dir = dir;
        this.dat = dat;
        this.nrow = nrow;
    }

    /** Opens the table in directory dir. */
    public static Table open(Path dir) {
        if (!Files.exists(dir)) {
            throw new CasacoreException(dir, "table does not exist");
        }
        if (!Files.isDirectory(dir) || !Files.isRegularFile(dir.resolve("table.dat"))) {
            throw new CasacoreException(dir, "not a casacore table (no table.dat)");
        }
        if (Files.exists(dir.resolve("table.mf"))) {
            throw new CasacoreException(dir, "unsupported MultiFile storage (table.mf)");
        }
        TableDat dat = TableDat.read(dir);
        long nrow = TableLock.nrow(dir).orElse(dat.nrow());
        Table t = new Table(dir, dat, nrow);
        try {
            t.openManagers();
        } catch (RuntimeException e) {
            t.close();
            throw e;
        }
        return t;
    }

    private void openManagers() {
        for (TableDat.DataManagerEntry e : dat.managers()) {
            List<ColumnDesc> stored = new ArrayList<>();
            for (int i = 0; i < dat.bindings().size(); i++) {
                if (dat.bindings().get(i).sequenceNr() == e.sequenceNr()) {
                    stored.add(dat.desc().columns().get(i));
                }
            }
            managers.put(e.sequenceNr(), DataManagers.open(
                    new TableContext(dir, dat.byteOrder(), nrow, e, stored)));
        }
        for (int i = 0; i < dat.bindings().size(); i++) {
            TableDat.ColumnBinding b = dat.bindings().get(i);
            ColumnDesc cd = dat.desc().columns().get(i);
            DataManager dm = managers.get(b.sequenceNr());
            if (dm == null) {
                throw new CasacoreException(dir.resolve("table.dat"), "column " + cd.name()
                        + " refers to missing data manager " + b.sequenceNr());
            }
            columns.put(cd.name(), new Column(this, cd, dm.column(cd, b)));
        }
    }

    public Path path() {
        return dir;
    }

    /** Row count (from table.lock when present, as casacore does). */
    public long nrow() {
        return nrow;
    }

    public TableDesc desc() {
        return dat.desc();
    }

    /** Everything decoded from table.dat (data managers, column bindings, byte order). */
    public TableDat tableDat() {
        return dat;
    }

    public TableRecord keywords() {
        return dat.desc().keywords();
    }

    /** True when the data files are big-endian. */
    public boolean isBigEndian() {
        return dat.bigEndian();
    }

    public List<String> columnNames() {
        return dat.desc().columnNames();
    }

    public boolean hasColumn(String name) {
        return columns.containsKey(name);
    }

    public Column column(String name) {
        Column c = columns.get(name);
        if (c == null) {
            throw new CasacoreException(dir, "no column " + name + " (columns: "
                    + String.join(", ", columnNames()) + ")");
        }
        return c;
    }

    /** Data manager type per column, in column order. */
    public Map<String, String> dataManagerTypes() {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < dat.bindings().size(); i++) {
            out.put(dat.bindings().get(i).column(), managers.get(dat.bindings().get(i).sequenceNr()).type());
        }
        return out;
    }

    /** Names of the keywords that refer to subtables. */
    public List<String> subtableNames() {
        List<String> out = new ArrayList<>();
        for (TableRecord.Field f : keywords().fields()) {
            if (f.type() == DataType.TpTable) {
                out.add(f.name());
            }
        }
        return out;
    }

    /** Opens the subtable that keyword refers to (e.g. "ANTENNA"); the caller closes it. */
    public Table subtable(String keyword) {
        if (!keywords().has(keyword) || keywords().type(keyword) != DataType.TpTable) {
            throw new CasacoreException(dir, "no subtable keyword " + keyword);
        }
        Path sub = resolve(keywords().getTableRef(keyword).storedPath());
        if (!Files.isDirectory(sub)) {
            throw new CasacoreException(sub, "subtable " + keyword + " does not exist");
        }
        return open(sub);
    }

    /** casacore's relative table names: "././X" is X inside this table's directory. */
    private Path resolve(String stored) {
        if (stored.startsWith("././")) {
            return dir.resolve(stored.substring(4));
        }
        if (stored.startsWith("./")) {
            Path parent = dir.toAbsolutePath().getParent();
            return parent.resolve(stored.substring(2));
        }
        return Path.of(stored).isAbsolute() ? Path.of(stored) : dir.resolve(stored);
    }

    @Override
    public void close() {
        for (DataManager dm : managers.values()) {
            dm.close();
        }
        managers.clear();
    }

    @Override
    public String toString() {
        return "Table(" + dir + ", " + nrow + " rows)";
    }
}
