package org.tessera.casacore.write;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.tessera.casacore.table.TableDat;
import org.tessera.testsupport.Bytes;
import org.tessera.testsupport.SharedMs;

class AipsIOWriterTest {
    @Test
    void objectLengthsAreBackPatched() {
        AipsIOWriter w = new AipsIOWriter();
        w.putStart("Outer", 2).putInt(7).putStart("In", 1).putBool(true).putEnd().putEnd();
        byte[] expected = {
            (byte) 0xBE, (byte) 0xBE, (byte) 0xBE, (byte) 0xBE,
            0, 0, 0, 36, 0, 0, 0, 5, 'O', 'u', 't', 'e', 'r', 0, 0, 0, 2,
            0, 0, 0, 7,
            0, 0, 0, 15, 0, 0, 0, 2, 'I', 'n', 0, 0, 0, 1, 1};
        assertArrayEquals(expected, w.toByteArray());
    }

    /** Every shared MS's table description serialises back to the very bytes casacore wrote. */
    @Test
    void tableDescriptionsAreByteIdenticalToCasacores() throws Exception {
        for (Path ms : SharedMs.all()) {
            byte[] original = Files.readAllBytes(ms.resolve("table.dat"));
            AipsIOWriter w = new AipsIOWriter();
            w.putStart("X", 1); // any enclosing object; its header is cut off below
            int start = w.size();
            TableDatWriter.putTableDesc(w, TableDat.read(ms).desc());
            w.putEnd();
            byte[] all = w.toByteArray();
            byte[] desc = java.util.Arrays.copyOfRange(all, start, all.length);
            assertTrue(Bytes.indexOf(original, desc) >= 0, ms + ": re-serialised TableDesc not found in table.dat");
        }
    }
}
