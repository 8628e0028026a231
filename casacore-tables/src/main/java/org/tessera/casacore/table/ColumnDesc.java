package org.tessera.casacore.table;

/**
 * The description of one column as stored in table.dat (ColumnDesc / BaseColumnDesc).
 *
 * @param className        the stored class name, e.g. {@code "ScalarColumnDesc<Int     "}
 *                         (type id padded to 8 characters, no closing bracket)
 * @param name             column name
 * @param comment          free-text comment
 * @param dataManagerType  data manager type the column was created with, e.g. "StandardStMan"
 * @param dataManagerGroup data manager group name
 * @param dataType         element type (a scalar type such as TpFloat, also for array columns)
 * @param options          bit set: {@link #DIRECT}, {@link #UNDEFINED}, {@link #FIXED_SHAPE}
 * @param ndim             cell dimensionality; 0 for scalars, -1 for arrays of any ndim
 * @param shape            fixed cell shape in Fortran order, empty when not fixed
 * @param maxLength        maximum string length, 0 when unlimited
 * @param keywords         column keywords (QuantumUnits, MEASINFO, ...)
 * @param isArray          true for array columns
 * @param defaultValue     stored default value of a scalar column (boxed), null for arrays
 */
public record ColumnDesc(String className, String name, String comment, String dataManagerType,
                         String dataManagerGroup, DataType dataType, int options, int ndim,
                         int[] shape, int maxLength, TableRecord keywords, boolean isArray,
                         Object defaultValue) {
    public static final int DIRECT = 1;
    public static final int UNDEFINED = 2;
    public static final int FIXED_SHAPE = 4;

    public ColumnDesc {
        shape = shape.clone();
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    public boolean isDirect() {
        return (options & DIRECT) != 0;
    }

    public boolean isFixedShape() {
        return (options & FIXED_SHAPE) != 0;
    }
}
