package org.tessera.casacore.dm;

import org.tessera.casacore.CasacoreException;

/** Opens the data manager named in table.dat; unsupported types give a clear error. */
public final class DataManagers {
    private DataManagers() {
    }

    public static DataManager open(TableContext ctx) {
        String type = ctx.entry().type();
        return switch (type) {
            case "StandardStMan" -> new StandardStMan(ctx);
            case "IncrementalStMan" -> new IncrementalStMan(ctx);
            case "TiledShapeStMan", "TiledColumnStMan", "TiledCellStMan" -> new TiledStMan(ctx);
            default -> throw new CasacoreException(ctx.dir(), "unsupported data manager " + type
                    + " for column " + ctx.columnNames());
        };
    }
}
