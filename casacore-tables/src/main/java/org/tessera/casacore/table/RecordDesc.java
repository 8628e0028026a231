package org.tessera.casacore.table;

import java.util.List;

/**
 * The description of a record's fields as stored on disk ("RecordDesc" v2), kept verbatim
 * so that a writer can reproduce it byte for byte.
 */
public record RecordDesc(List<FieldDesc> fields) {
    public RecordDesc {
        fields = List.copyOf(fields);
    }

    /**
     * One field: name, type, comment, and what the type needs on disk: the array shape
     * (TpArray...; [-1] style shapes kept as stored), the table description name (TpTable)
     * or the sub-record description (TpRecord; empty for variable-structure sub-records).
     */
    public record FieldDesc(String name, DataType type, String comment, int[] shape,
                            String tableDescName, RecordDesc subDesc) {
    }
}
