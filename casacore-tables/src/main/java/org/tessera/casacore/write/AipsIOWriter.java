package org.tessera.casacore.write;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.tessera.casacore.table.ArrayValue;
import org.tessera.casacore.table.Complex;
import org.tessera.casacore.table.DComplex;
import org.tessera.casacore.table.DataType;
import org.tessera.casacore.table.RecordDesc;
import org.tessera.casacore.table.TableRecord;
import org.tessera.casacore.table.TableRef;

/**
 * Canonical (big-endian) AipsIO output into memory, as {@code casa/IO/AipsIO.cc} writes it:
 * the magic word before each top-level object, and each object's length back-patched when the
 * object ends. Also serialises the table model (IPosition, Block, Array, RecordDesc,
 * TableRecord) byte for byte like casacore.
 */
public final class AipsIOWriter {
    public static final int MAGIC = 0xBEBEBEBE;

    /** casacore's Array&lt;T&gt;::arrayVersion(). */
    private static final int ARRAY_VERSION = 3;

    private byte[] buf = new byte[256];
    private int size;
    /** Position of the length field of each open object, innermost last. */
    private int[] openObjects = new int[16];
    private int level;

    /** Starts an object; at top level the magic word comes first, as in AipsIO::putstart. */
    public AipsIOWriter putStart(String type, int version) {
        if (level == 0) {
            putInt(MAGIC);
        }
        if (level == openObjects.length) {
            openObjects = Arrays.copyOf(openObjects, level * 2);
        }
        openObjects[level++] = size;
        putInt(0); // the length, patched by putEnd
        putString(type);
        putInt(version);
        return this;
    }

    /** Ends the innermost object: its length counts from its own length field. */
    public AipsIOWriter putEnd() {
        if (level == 0) {
            throw new IllegalStateException("putEnd without putStart");
        }
        int start = openObjects[--level];
        patchInt(start, size - start);
        return this;
    }

    public AipsIOWriter putBool(boolean v) {
        return putByte(v ? 1 : 0);
    }

    public AipsIOWriter putByte(int v) {
        ensure(1);
        buf[size++] = (byte) v;
        return this;
    }

    public AipsIOWriter putShort(int v) {
        ensure(2);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
        return this;
    }

    public AipsIOWriter putInt(int v) {
        ensure(4);
        patchInt(size, v);
        size += 4;
        return this;
    }

    public AipsIOWriter putLong(long v) {
        putInt((int) (v >>> 32));
        return putInt((int) v);
    }

    public AipsIOWriter putFloat(float v) {
        return putInt(Float.floatToRawIntBits(v));
    }

    public AipsIOWriter putDouble(double v) {
        return putLong(Double.doubleToRawLongBits(v));
    }

    /** A String: byte count, then the bytes (no terminator). */
    public AipsIOWriter putString(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        putInt(b.length);
        return putBytes(b, 0, b.length);
    }

    public AipsIOWriter putBytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
        return this;
    }

    /** A C-array of bytes as ios.put(n, uChar*) writes it: count, then the bytes. */
    public AipsIOWriter putByteArray(byte[] b) {
        putInt(b.length);
        return putBytes(b, 0, b.length);
    }

    /** Block&lt;uInt&gt; or Block&lt;Int&gt; (BlockIO.tcc): object "Block" v1 with a C-array. */
    public AipsIOWriter putBlock(int[] values, int n) {
        putStart("Block", 1);
        putInt(n);
        for (int i = 0; i < n; i++) {
            putInt(values[i]);
        }
        return putEnd();
    }

    /** IPosition (IPositionIO.cc): v1 with 32-bit values, the only case our shapes need. */
    public AipsIOWriter putIPosition(int[] shape) {
        putStart("IPosition", 1);
        putInt(shape.length);
        for (int s : shape) {
            putInt(s);
        }
        return putEnd();
    }

    /** An Array (ArrayIO.tcc): object named as RecordRep names it, ndim, shape, C-array. */
    public AipsIOWriter putArray(ArrayValue a) {
        putStart(arrayObjectName(a.elementType()), ARRAY_VERSION);
        putInt(a.ndim());
        for (int s : a.shape()) {
            putInt(s);
        }
        int n = (int) a.size();
        putInt(n);
        switch (a.elementType()) {
            case TpBool -> putBytes(BitPacking.pack(a.booleans()), 0, (n + 7) / 8);
            case TpChar, TpUChar -> putBytes(a.bytes(), 0, n);
            case TpShort, TpUShort -> {
                for (short v : a.shorts()) {
                    putShort(v);
                }
            }
            case TpInt, TpUInt -> {
                for (int v : a.ints()) {
                    putInt(v);
                }
            }
            case TpInt64 -> {
                for (long v : a.longs()) {
                    putLong(v);
                }
            }
            case TpFloat, TpComplex -> {
                for (float v : a.floats()) {
                    putFloat(v);
                }
            }
            case TpDouble, TpDComplex -> {
                for (double v : a.doubles()) {
                    putDouble(v);
                }
            }
            case TpString -> {
                for (String v : a.strings()) {
                    putString(v);
                }
            }
            default -> throw new IllegalArgumentException("cannot write an array of " + a.elementType());
        }
        return putEnd();
    }

    /** The type name RecordRep::putDataField gives an array (Bool and complex are "void"). */
    static String arrayObjectName(DataType element) {
        return switch (element) {
            case TpBool, TpComplex, TpDComplex -> "Array<void>";
            case TpChar -> "Array<Char>";
            case TpUChar -> "Array<uChar>";
            case TpShort -> "Array<short>";
            case TpUShort -> "Array<uShort>";
            case TpInt -> "Array<Int>";
            case TpUInt -> "Array<uInt>";
            case TpInt64 -> "Array<Int64>";
            case TpFloat -> "Array<float>";
            case TpDouble -> "Array<double>";
            case TpString -> "Array<String>";
            default -> throw new IllegalArgumentException("no array of " + element);
        };
    }

    /** RecordDesc (RecordDesc.cc) v2. */
    public AipsIOWriter putRecordDesc(RecordDesc desc) {
        putStart("RecordDesc", 2);
        putInt(desc.fields().size());
        for (RecordDesc.FieldDesc f : desc.fields()) {
            putString(f.name());
            putInt(f.type().id());
            if (f.type() == DataType.TpRecord) {
                putRecordDesc(f.subDesc() == null ? new RecordDesc(java.util.List.of()) : f.subDesc());
            } else if (f.type().isArray()) {
                putIPosition(f.shape() == null ? new int[] {-1} : f.shape());
            } else if (f.type() == DataType.TpTable) {
                putString(f.tableDescName() == null ? "" : f.tableDescName());
            }
            putString(f.comment() == null ? "" : f.comment());
        }
        return putEnd();
    }

    /** A TableRecord (TableRecordRep::putRecord): description, record type, values. */
    public AipsIOWriter putTableRecord(TableRecord rec) {
        putStart("TableRecord", 1);
        putRecordDesc(rec.desc());
        putInt(rec.recordType());
        putRecordValues(rec);
        return putEnd();
    }

    private void putRecordValues(TableRecord rec) {
        for (int i = 0; i < rec.size(); i++) {
            RecordDesc.FieldDesc f = rec.desc().fields().get(i);
            Object v = rec.values().get(i);
            if (f.type() == DataType.TpRecord) {
                // A sub-record with a fixed description stores only its values.
                TableRecord sub = (TableRecord) v;
                if (f.subDesc() == null || f.subDesc().fields().isEmpty()) {
                    putTableRecord(sub);
                } else {
                    putRecordValues(sub);
                }
            } else if (f.type() == DataType.TpTable) {
                putString(((TableRef) v).storedPath());
            } else {
                putValue(f.type(), v);
            }
        }
    }

    /** A scalar or array value of the given type (RecordRep::putDataField, ValType::put). */
    public AipsIOWriter putValue(DataType type, Object v) {
        if (type.isArray()) {
            return putArray((ArrayValue) v);
        }
        switch (type) {
            case TpBool -> putBool((Boolean) v);
            case TpChar, TpUChar -> putByte(((Number) v).byteValue());
            case TpShort, TpUShort -> putShort(((Number) v).shortValue());
            case TpInt, TpUInt -> putInt(((Number) v).intValue());
            case TpInt64 -> putLong(((Number) v).longValue());
            case TpFloat -> putFloat(((Number) v).floatValue());
            case TpDouble -> putDouble(((Number) v).doubleValue());
            case TpComplex -> {
                Complex c = (Complex) v;
                putFloat(c.re());
                putFloat(c.im());
            }
            case TpDComplex -> {
                DComplex c = (DComplex) v;
                putDouble(c.re());
                putDouble(c.im());
            }
            case TpString -> putString((String) v);
            default -> throw new IllegalArgumentException("cannot write a value of type " + type);
        }
        return this;
    }

    public int size() {
        return size;
    }

    /** The bytes written so far; all objects must have ended. */
    public byte[] toByteArray() {
        if (level != 0) {
            throw new IllegalStateException(level + " AipsIO object(s) not ended");
        }
        return Arrays.copyOf(buf, size);
    }

    private void patchInt(int pos, int v) {
        buf[pos] = (byte) (v >>> 24);
        buf[pos + 1] = (byte) (v >>> 16);
        buf[pos + 2] = (byte) (v >>> 8);
        buf[pos + 3] = (byte) v;
    }

    private void ensure(int n) {
        if (size + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
        }
    }
}
