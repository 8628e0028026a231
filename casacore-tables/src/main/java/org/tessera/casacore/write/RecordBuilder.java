package org.tessera.casacore.write;

import java.util.ArrayList;
import java.util.List;
import org.tessera.casacore.table.ArrayValue;
import org.tessera.casacore.table.DataType;
import org.tessera.casacore.table.RecordDesc;
import org.tessera.casacore.table.TableRecord;
import org.tessera.casacore.table.TableRef;

/**
 * Builds a {@link TableRecord} (table or column keywords) field by field, with the field
 * descriptions casacore gives keywords defined one by one: arrays of variable shape [-1],
 * sub-records of variable structure (empty description).
 */
public final class RecordBuilder {
    private final List<RecordDesc.FieldDesc> fields = new ArrayList<>();
    private final List<Object> values = new ArrayList<>();

    public static RecordBuilder create() {
        return new RecordBuilder();
    }

    public RecordBuilder add(String name, DataType type, Object value) {
        if (type.isArray()) {
            fields.add(new RecordDesc.FieldDesc(name, type, "", new int[] {-1}, null, null));
        } else if (type == DataType.TpRecord) {
            fields.add(new RecordDesc.FieldDesc(name, type, "", null, null, new RecordDesc(List.of())));
        } else if (type == DataType.TpTable) {
            fields.add(new RecordDesc.FieldDesc(name, type, "", null, "", null));
        } else {
            fields.add(new RecordDesc.FieldDesc(name, type, "", null, null, null));
        }
        values.add(value);
        return this;
    }

    public RecordBuilder addString(String name, String value) {
        return add(name, DataType.TpString, value);
    }

    public RecordBuilder addDouble(String name, double value) {
        return add(name, DataType.TpDouble, value);
    }

    public RecordBuilder addInt(String name, int value) {
        return add(name, DataType.TpInt, value);
    }

    public RecordBuilder addStrings(String name, String... value) {
        return add(name, DataType.TpArrayString, new ArrayValue(DataType.TpString, new int[] {value.length}, value));
    }

    public RecordBuilder addRecord(String name, TableRecord value) {
        return add(name, DataType.TpRecord, value);
    }

    /** A subtable keyword pointing at a subdirectory of the table ("././NAME"). */
    public RecordBuilder addSubtable(String name) {
        return add(name, DataType.TpTable, new TableRef("././" + name));
    }

    public TableRecord build() {
        return new TableRecord(new RecordDesc(fields), 1, values, null);
    }
}
