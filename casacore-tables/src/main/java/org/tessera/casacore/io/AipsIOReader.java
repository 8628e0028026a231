package org.tessera.casacore.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import org.tessera.casacore.CasacoreException;

/**
 * Reads casacore AipsIO streams ({@code casa/IO/AipsIO.cc}): objects framed by a length,
 * a type name and a version, holding unaligned scalars, strings and counted C-arrays in
 * canonical big-endian or little-endian order. Every read checks the bytes that remain,
 * so a truncated stream gives a {@link CasacoreException} naming the file.
 */
public final class AipsIOReader {
    /** The word every AipsIO stream starts with. */
    public static final int MAGIC = 0xBEBEBEBE;

    private final ByteBuffer buf;
    private final Path path;
    private final Deque<Integer> objectEnds = new ArrayDeque<>();

    /** A reader over the buffer's remaining bytes, in the given byte order. */
    public AipsIOReader(ByteBuffer buffer, ByteOrder order, Path path) {
        this.buf = buffer.slice().order(order);
        this.path = path;
    }

    /** A reader over a stream that must start with the AipsIO magic word. */
    public static AipsIOReader withMagic(ByteBuffer buffer, ByteOrder order, Path path) {
        AipsIOReader r = new AipsIOReader(buffer, order, path);
        int magic = r.readInt();
        if (magic != MAGIC) {
            throw new CasacoreException(path, String.format(
                    "not an AipsIO stream: magic word is 0x%08X, expected 0xBEBEBEBE", magic));
        }
        return r;
    }

    public Path path() {
        return path;
    }

    public ByteOrder order() {
        return buf.order();
    }

    public int position() {
        return buf.position();
    }

    public void position(int pos) {
        if (pos < 0 || pos > buf.limit()) {
            throw truncated(pos - buf.position(), "seek");
        }
        buf.position(pos);
    }

    public int remaining() {
        return buf.remaining();
    }

    /**
     * Starts an object: reads its length, type name and version, checks the type name and
     * returns the version.
     */
    public int getStart(String expectedType) {
        skipMagicAtTopLevel();
        int start = buf.position();
        long length = readUInt();
        String type = readString();
        if (!type.equals(expectedType)) {
            throw new CasacoreException(path, "expected AipsIO object " + expectedType
                    + " at offset " + start + " but found '" + type + "'");
        }
        int version = readInt();
        pushEnd(expectedType, start, length);
        return version;
    }

    /** Starts an object whose type name only needs a prefix (e.g. "Array"); returns the name. */
    public String getStartAny(String typePrefix) {
        skipMagicAtTopLevel();
        int start = buf.position();
        long length = readUInt();
        String type = readString();
        if (!type.startsWith(typePrefix)) {
            throw new CasacoreException(path, "expected AipsIO object " + typePrefix
                    + "... at offset " + start + " but found '" + type + "'");
        }
        readInt();
        pushEnd(type, start, length);
        return type;
    }

    /** The object must end inside the stream and after its own header, or it is corrupt. */
    private void pushEnd(String type, int start, long length) {
        long end = start + length;
        if (end > buf.limit()) {
            throw new CasacoreException(path, "truncated: object " + type + " at offset " + start
                    + " claims " + length + " bytes but only " + (buf.limit() - start) + " remain");
        }
        if (end < buf.position()) {
            throw new CasacoreException(path, "corrupt: object " + type + " at offset " + start
                    + " claims " + length + " bytes, less than its own header");
        }
        objectEnds.push((int) end);
    }

    /** casacore writes the magic word again before every top-level object of a stream. */
    private void skipMagicAtTopLevel() {
        if (objectEnds.isEmpty() && buf.remaining() >= 4 && buf.getInt(buf.position()) == MAGIC) {
            buf.position(buf.position() + 4);
        }
    }

    /** Ends the current object, skipping whatever of it was not read. */
    public void getEnd() {
        int end = objectEnds.pop();
        if (buf.position() > end) {
            throw new CasacoreException(path, "corrupt: an object ending at offset " + end
                    + " was read up to offset " + buf.position());
        }
        buf.position(end);
    }

    public byte readByte() {
        need(1, "byte");
        return buf.get();
    }

    public boolean readBool() {
        return readByte() != 0;
    }

    public short readShort() {
        need(2, "short");
        return buf.getShort();
    }

    public int readInt() {
        need(4, "int");
        return buf.getInt();
    }

    /** A uInt, widened so values above 2^31 stay positive. */
    public long readUInt() {
        return readInt() & 0xFFFFFFFFL;
    }

    /** A uInt used as a count or size: must fit in an int. */
    public int readCount(String what) {
        long n = readUInt();
        if (n > Integer.MAX_VALUE) {
            throw new CasacoreException(path, "corrupt " + what + " " + n + " at offset " + (buf.position() - 4));
        }
        return (int) n;
    }

    /**
     * A count of items that take at least {@code bytesEach} bytes each in the stream: a count the
     * remaining bytes cannot hold is corrupt, and refusing it here keeps it from sizing an allocation.
     */
    public int readCount(String what, int bytesEach) {
        int n = readCount(what);
        if ((long) n * bytesEach > buf.remaining()) {
            throw new CasacoreException(path, "corrupt " + what + " " + n + " at offset " + (buf.position() - 4)
                    + ": " + n + " items of at least " + bytesEach + " bytes do not fit in the "
                    + buf.remaining() + " bytes that remain");
        }
        return n;
    }

    public long readLong() {
        need(8, "int64");
        return buf.getLong();
    }

    public float readFloat() {
        need(4, "float");
        return buf.getFloat();
    }

    public double readDouble() {
        need(8, "double");
        return buf.getDouble();
    }

    public String readString() {
        int n = readCount("string length");
        need(n, "string of " + n + " bytes");
        byte[] b = new byte[n];
        buf.get(b);
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    /** Reads n raw bytes. */
    public byte[] readBytes(int n) {
        need(n, n + " bytes");
        byte[] b = new byte[n];
        buf.get(b);
        return b;
    }

    /** An IPosition object (v1 Int32 or v2 Int64 values). */
    public int[] readIPosition() {
        int version = getStart("IPosition");
        int n = readCount("IPosition length", version >= 2 ? 8 : 4);
        int[] shape = new int[n];
        for (int i = 0; i < n; i++) {
            // Negative lengths are legal (-1: not fixed), and are for the users of the shape to judge.
            long axis = version >= 2 ? readLong() : readInt();
            if (axis < Integer.MIN_VALUE || axis > Integer.MAX_VALUE) {
                throw new CasacoreException(path, "corrupt IPosition: axis length " + axis + " at offset "
                        + (buf.position() - (version >= 2 ? 8 : 4)));
            }
            shape[i] = (int) axis;
        }
        getEnd();
        return shape;
    }

    /** A Block of Int/uInt values. */
    public int[] readIntBlock() {
        getStart("Block");
        int[] v = readInts(readCount("Block length"));
        getEnd();
        return v;
    }

    /** A Block of Int64 values. */
    public long[] readLongBlock() {
        getStart("Block");
        int n = readCount("Block length");
        need(8L * n, "Block of " + n + " int64");
        long[] v = new long[n];
        buf.asLongBuffer().get(v);
        buf.position(buf.position() + 8 * n);
        getEnd();
        return v;
    }

    public boolean[] readBools(int n) {
        need((n + 7L) / 8, n + " packed bools");
        byte[] packed = new byte[(n + 7) / 8];
        buf.get(packed);
        boolean[] v = new boolean[n];
        Bits.unpack(packed, 0, v, 0, n);
        return v;
    }

    public byte[] readBytesArray(int n) {
        return readBytes(n);
    }

    public short[] readShorts(int n) {
        need(2L * n, n + " shorts");
        short[] v = new short[n];
        buf.asShortBuffer().get(v);
        buf.position(buf.position() + 2 * n);
        return v;
    }

    public int[] readInts(int n) {
        need(4L * n, n + " ints");
        int[] v = new int[n];
        buf.asIntBuffer().get(v);
        buf.position(buf.position() + 4 * n);
        return v;
    }

    public long[] readLongs(int n) {
        need(8L * n, n + " int64s");
        long[] v = new long[n];
        buf.asLongBuffer().get(v);
        buf.position(buf.position() + 8 * n);
        return v;
    }

    public float[] readFloats(int n) {
        need(4L * n, n + " floats");
        float[] v = new float[n];
        buf.asFloatBuffer().get(v);
        buf.position(buf.position() + 4 * n);
        return v;
    }

    public double[] readDoubles(int n) {
        need(8L * n, n + " doubles");
        double[] v = new double[n];
        buf.asDoubleBuffer().get(v);
        buf.position(buf.position() + 8 * n);
        return v;
    }

    public String[] readStrings(int n) {
        need(4L * n, n + " strings");
        String[] v = new String[n];
        for (int i = 0; i < n; i++) {
            v[i] = readString();
        }
        return v;
    }

    private void need(long n, String what) {
        if (n < 0 || n > buf.remaining()) {
            throw truncated(n, what);
        }
    }

    private CasacoreException truncated(long n, String what) {
        return new CasacoreException(path, "truncated or corrupt: need " + n + " bytes for "
                + what + " at offset " + buf.position() + " but only " + buf.remaining() + " remain");
    }
}
