package org.tessera.casacore.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.tessera.casacore.CasacoreException;
import org.tessera.casacore.table.DataType;
import org.tessera.casacore.table.RecordReader;
import org.tessera.casacore.table.TableRecord;
import org.tessera.casacore.table.TableRef;

/** Hand-made AipsIO streams, in both byte orders; needs no shared data. */
class AipsIOReaderTest {
    private static final Path SOURCE = Path.of("hand-made.aipsio");

    /** Writes AipsIO primitives; objects are written with their length patched in at the end. */
    private static final class Writer {
        private final ByteBuffer buf;

        Writer(ByteOrder order) {
            buf = ByteBuffer.allocate(4096).order(order);
        }

        Writer i(int v) {
            buf.putInt(v);
            return this;
        }

        Writer s(String v) {
            byte[] b = v.getBytes(StandardCharsets.US_ASCII);
            buf.putInt(b.length).put(b);
            return this;
        }

        Writer b(int v) {
            buf.put((byte) v);
            return this;
        }

        Writer d(double v) {
            buf.putDouble(v);
            return this;
        }

        /** Starts an object; returns the position of its length field for {@link #end}. */
        int start(String type, int version) {
            int at = buf.position();
            buf.putInt(0);
            s(type).i(version);
            return at;
        }

        void end(int at) {
            buf.putInt(at, buf.position() - at);
        }

        ByteBuffer bytes() {
            return ByteBuffer.wrap(buf.array(), 0, buf.position());
        }
    }

    private static ByteBuffer record(ByteOrder order) {
        Writer w = new Writer(order);
        w.i(AipsIOReader.MAGIC);
        int rec = w.start("TableRecord", 1);
        int desc = w.start("RecordDesc", 2);
        w.i(4);
        w.s("MS_VERSION").i(DataType.TpFloat.id()).s("version");
        w.s("ANTENNA").i(DataType.TpTable.id()).s("").s("");
        w.s("FLAGS").i(DataType.TpArrayBool.id());
        int ip = w.start("IPosition", 1);
        w.i(1).i(-1);
        w.end(ip);
        w.s("");
        w.s("REF").i(DataType.TpDouble.id()).s("Hz");
        w.end(desc);
        w.i(1);
        w.buf.putFloat(2.0f);
        w.s("././ANTENNA");
        int arr = w.start("Array<void>", 3);
        w.i(2).i(5).i(2).i(10).b(0b1000_0101).b(0b10);
        w.end(arr);
        w.d(1.4e9);
        w.end(rec);
        return w.bytes();
    }

    @Test
    void readsTableRecordInBothByteOrders() {
        for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
            TableRecord r = RecordReader.readTableRecord(AipsIOReader.withMagic(record(order), order, SOURCE));
            assertEquals(java.util.List.of("MS_VERSION", "ANTENNA", "FLAGS", "REF"), r.names());
            assertEquals(2.0f, r.getFloat("MS_VERSION"));
            assertEquals("version", r.comment("MS_VERSION"));
            assertEquals(new TableRef("././ANTENNA"), r.getTableRef("ANTENNA"));
            assertArrayEquals(new int[] {5, 2}, r.getArray("FLAGS").shape());
            // Bit-packed, least significant bit first.
            assertArrayEquals(new boolean[] {true, false, true, false, false, false, false, true, false, true},
                    r.getArray("FLAGS").booleans());
            assertEquals(1.4e9, r.getDouble("REF"));
            assertEquals("Hz", r.comment("REF"));
        }
    }

    @Test
    void wrongKeywordTypeNamesTheField() {
        TableRecord r = RecordReader.readTableRecord(
                AipsIOReader.withMagic(record(ByteOrder.BIG_ENDIAN), ByteOrder.BIG_ENDIAN, SOURCE));
        CasacoreException e = assertThrows(CasacoreException.class, () -> r.getString("REF"));
        assertTrue(e.getMessage().contains("REF") && e.getMessage().contains("TpDouble"), e.getMessage());
    }

    @Test
    void truncatedStreamNamesTheFile() {
        ByteBuffer full = record(ByteOrder.BIG_ENDIAN);
        ByteBuffer cut = ByteBuffer.wrap(full.array(), 0, full.limit() - 5);
        CasacoreException e = assertThrows(CasacoreException.class, () -> RecordReader.readTableRecord(
                AipsIOReader.withMagic(cut, ByteOrder.BIG_ENDIAN, SOURCE)));
        assertTrue(e.getMessage().contains("hand-made.aipsio") && e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void wrongMagicIsReported() {
        ByteBuffer b = ByteBuffer.allocate(8).putInt(0x12345678).putInt(0).flip();
        CasacoreException e = assertThrows(CasacoreException.class,
                () -> AipsIOReader.withMagic(b, ByteOrder.BIG_ENDIAN, SOURCE));
        assertTrue(e.getMessage().contains("magic"), e.getMessage());
    }

    @Test
    void readsIPositionAndBlock() {
        Writer w = new Writer(ByteOrder.LITTLE_ENDIAN);
        int ip = w.start("IPosition", 2);
        w.i(2);
        w.buf.putLong(4).putLong(768);
        w.end(ip);
        int blk = w.start("Block", 1);
        w.i(3).i(7).i(8).i(9);
        w.end(blk);
        AipsIOReader r = new AipsIOReader(w.bytes(), ByteOrder.LITTLE_ENDIAN, SOURCE);
        assertArrayEquals(new int[] {4, 768}, r.readIPosition());
        assertArrayEquals(new int[] {7, 8, 9}, r.readIntBlock());
        assertEquals(0, r.remaining());
    }
}
