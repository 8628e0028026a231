package org.tessera.casacore.table;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.casacore.CasacoreException;
import org.tessera.testsupport.Bytes;
import org.tessera.testsupport.SharedMs;
import org.tessera.testsupport.TableDamage;
import org.tessera.testsupport.TreeCopy;

/** Damaged copies of a small real MS: each gives one CasacoreException naming the file and the problem. */
class BadInputTest {
    @TempDir
    Path tmp;

    /** A writable copy of a small real MS (the shared ones are read-only), for the tests to damage. */
    private Path smallMs() throws IOException {
        return TreeCopy.writable(SharedMs.require("edge/lwasv-nan.ms"), tmp.resolve("small.ms"));
    }

    private static void assertError(Executable open, String pathPart, String... problem) {
        CasacoreException e = assertThrows(CasacoreException.class, open);
        String m = e.getMessage();
        assertTrue(m.contains(pathPart), "message should name " + pathPart + ": " + m);
        for (String p : problem) {
            assertTrue(m.contains(p), "message should say '" + p + "': " + m);
        }
    }

    @Test
    void missingPath() {
        Path p = tmp.resolve("nothing.ms");
        assertError(() -> Table.open(p), p.toString(), "does not exist");
    }

    @Test
    void directoryWithoutTableDat() throws IOException {
        Path p = Files.createDirectories(tmp.resolve("empty.ms"));
        assertError(() -> Table.open(p), p.toString(), "not a casacore table");
    }

    @Test
    void truncatedTableDat() throws IOException {
        Path ms = smallMs();
        TableDamage.truncate(ms.resolve("table.dat"), 200);
        assertError(() -> Table.open(ms), "table.dat", "truncated");
    }

    @Test
    void wrongMagic() throws IOException {
        Path ms = smallMs();
        byte[] b = Files.readAllBytes(ms.resolve("table.dat"));
        b[0] = 0x12;
        Files.write(ms.resolve("table.dat"), b);
        assertError(() -> Table.open(ms), "table.dat", "magic");
    }

    @Test
    void truncatedDataManagerFile() throws IOException {
        Path ms = smallMs();
        TableDamage.truncate(ms.resolve("table.f0"), 1000);
        assertError(() -> Table.open(ms), "table.f0", "truncated");
    }

    @Test
    void unsupportedDataManager() throws IOException {
        Path ms = smallMs();
        Path dat = ms.resolve("table.dat");
        assertTrue(TableDamage.renameManager(dat, "StandardStMan", "DyscoStMan"), "no StandardStMan entry in " + dat);
        assertError(() -> Table.open(ms), ms.toString(), "unsupported data manager DyscoStMan", "for column", "TIME");
    }

    @Test
    void missingSubtable() throws IOException {
        Path ms = smallMs();
        TableDamage.deleteTree(ms.resolve("ANTENNA"));
        try (Table t = Table.open(ms)) {
            assertError(() -> t.subtable("ANTENNA"), "ANTENNA", "subtable ANTENNA does not exist");
        }
    }

    @Test
    void rowCountInLockDisagreesWithStorageManager() throws IOException {
        Path ms = smallMs();
        Path lock = ms.resolve("table.lock");
        byte[] b = Files.readAllBytes(lock);
        int sync = Bytes.indexOf(b, "sync".getBytes(StandardCharsets.US_ASCII));
        ByteBuffer bb = ByteBuffer.wrap(b);
        int version = bb.getInt(sync + 4);
        if (version >= 2) {
            bb.putLong(sync + 8, bb.getLong(sync + 8) + 5);
        } else {
            bb.putInt(sync + 8, bb.getInt(sync + 8) + 5);
        }
        Files.write(lock, b);
        assertError(() -> Table.open(ms), "table.f0", "row count mismatch");
    }

    @Test
    void wrongTypeAndRowOutOfRange() throws IOException {
        Path ms = smallMs();
        try (Table t = Table.open(ms)) {
            Column time = t.column("TIME");
            assertError(() -> time.getInts(0, 1, new int[1], 0), ms.toString(), "TIME", "TpDouble", "getInts");
            assertError(() -> t.column("DATA").getDoubles(0, 1, new double[1024], 0), "DATA", "TpComplex");
            assertError(() -> time.getDouble(t.nrow()), "TIME", "outside");
            assertError(() -> t.column("NO_SUCH"), "NO_SUCH", "no column");
        }
    }
}
