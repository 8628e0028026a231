package org.tessera.casacore.dm;

import org.tessera.casacore.table.ColumnDesc;
import org.tessera.casacore.table.TableDat;

/** A storage manager of one table, opened from its table.dat entry and its files. */
public interface DataManager extends AutoCloseable {
    /** The manager's type name, e.g. "StandardStMan". */
    String type();

    /** The reader for one of the columns this manager stores. */
    ColumnStorage column(ColumnDesc desc, TableDat.ColumnBinding binding);

    @Override
    void close();
}
