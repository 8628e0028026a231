package org.tessera.casacore.table;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tessera.casacore.CasacoreException;

/**
 * A casacore TableRecord (table or column keywords): ordered fields, each with name, type,
 * comment and value. Values are boxed scalars (Boolean, Byte, Short, Integer, Long, Float,
 * Double, String, {@link Complex}, {@link DComplex}), {@link ArrayValue}, nested
 * {@link TableRecord} or {@link TableRef} (subtables). The stored {@link RecordDesc} and
 * record type are kept so that a writer can serialise the record back unchanged.
 */
public final class TableRecord {
    /** One field as seen by users of the record. */
    public record Field(String name, DataType type, String comment, Object value) {
    }

    private final RecordDesc desc;
    private final int recordType;
    private final List<Object> values;
    private final Path source;

    /**
     * @param desc       field descriptions, in field order
     * @param recordType the stored record type (1 = variable structure, as casacore writes)
     * @param values     one value per field, in field order
     * @param source     the file the record came from, named in error messages (may be null)
     */
    public TableRecord(RecordDesc desc, int recordType, List<Object> values, Path source) {
        if (desc.fields().size() != values.size()) {
            throw new IllegalArgumentException(desc.fields().size() + " field descriptions but "
                    + values.size() + " values");
        }
        this.desc = desc;
        this.recordType = recordType;
        this.values = List.copyOf(values);
        this.source = source;
    }

    /** An empty record, as casacore writes for tables and columns without keywords. */
    public static TableRecord empty() {
        return new TableRecord(new RecordDesc(List.of()), 1, List.of(), null);
    }

    public RecordDesc desc() {
        return desc;
    }

    public int recordType() {
        return recordType;
    }

    /** Values in field order (unmodifiable). */
    public List<Object> values() {
        return values;
    }

    public int size() {
        return values.size();
    }

    public List<Field> fields() {
        List<Field> out = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            RecordDesc.FieldDesc f = desc.fields().get(i);
            out.add(new Field(f.name(), f.type(), f.comment(), values.get(i)));
        }
        return out;
    }

    public List<String> names() {
        return desc.fields().stream().map(RecordDesc.FieldDesc::name).toList();
    }

    /** Index of the named field, or -1. */
    public int indexOf(String name) {
        for (int i = 0; i < desc.fields().size(); i++) {
            if (desc.fields().get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    public boolean has(String name) {
        return indexOf(name) >= 0;
    }

    /** The value of the named field; throws when the field does not exist. */
    public Object get(String name) {
        return values.get(require(name));
    }

    public DataType type(String name) {
        return desc.fields().get(require(name)).type();
    }

    public String comment(String name) {
        return desc.fields().get(require(name)).comment();
    }

    public String getString(String name) {
        return (String) typed(name, DataType.TpString);
    }

    public boolean getBool(String name) {
        return (Boolean) typed(name, DataType.TpBool);
    }

    public int getInt(String name) {
        return (Integer) typed(name, DataType.TpInt, DataType.TpUInt);
    }

    public long getLong(String name) {
        Object v = typed(name, DataType.TpInt64, DataType.TpInt, DataType.TpUInt);
        return v instanceof Integer i ? i : (Long) v;
    }

    public float getFloat(String name) {
        return (Float) typed(name, DataType.TpFloat);
    }

    /** A TpDouble field; a TpFloat field is widened. */
    public double getDouble(String name) {
        Object v = typed(name, DataType.TpDouble, DataType.TpFloat);
        return v instanceof Float f ? f : (Double) v;
    }

    public TableRecord getRecord(String name) {
        return (TableRecord) typed(name, DataType.TpRecord);
    }

    public TableRef getTableRef(String name) {
        return (TableRef) typed(name, DataType.TpTable);
    }

    /** Any TpArray... field. */
    public ArrayValue getArray(String name) {
        int i = require(name);
        if (!(values.get(i) instanceof ArrayValue a)) {
            throw wrongType(i, "an array");
        }
        return a;
    }

    private Object typed(String name, DataType... accepted) {
        int i = require(name);
        DataType t = desc.fields().get(i).type();
        for (DataType a : accepted) {
            if (t == a) {
                return values.get(i);
            }
        }
        throw wrongType(i, accepted[0].toString());
    }

    private int require(String name) {
        int i = indexOf(name);
        if (i < 0) {
            throw new CasacoreException(where(), "keyword " + name + " does not exist (fields: " + names() + ")");
        }
        return i;
    }

    private CasacoreException wrongType(int i, String wanted) {
        RecordDesc.FieldDesc f = desc.fields().get(i);
        return new CasacoreException(where(), "keyword " + f.name() + " has type " + f.type()
                + ", not " + wanted);
    }

    private Path where() {
        return source != null ? source : Path.of("<record>");
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (Field f : fields()) {
            sb.append(sb.length() > 1 ? ", " : "").append(f.name()).append('=').append(f.value());
        }
        return sb.append('}').toString();
    }
}
