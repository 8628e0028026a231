package org.tessera.casacore.table;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.tessera.casacore.io.AipsIOReader;
import org.tessera.casacore.io.DataFile;

/**
 * The row count kept in table.lock ({@code TableLockData.cc}): casacore trusts it over
 * table.dat, so the reader does too.
 */
final class TableLock {
    /** Byte offset of the sync data, after the lock request list. */
    private static final int SYNC_OFFSET = 260;

    private TableLock() {
    }

    /** nrow from dir/table.lock, or empty when there is no lock file or it holds no sync data. */
    static OptionalLong nrow(Path dir) {
        Path file = dir.resolve("table.lock");
        if (!Files.isRegularFile(file)) {
            return OptionalLong.empty();
        }
        ByteBuffer bytes = DataFile.readAll(file);
        if (bytes.remaining() < SYNC_OFFSET + 8) {
            return OptionalLong.empty();
        }
        bytes.position(SYNC_OFFSET);
        int length = bytes.order(ByteOrder.BIG_ENDIAN).getInt();
        if (length <= 0 || length > bytes.remaining()) {
            return OptionalLong.empty();
        }
        AipsIOReader r = AipsIOReader.withMagic(bytes.slice(bytes.position(), length), ByteOrder.BIG_ENDIAN, file);
        int version = r.getStart("sync");
        long nrow = version >= 2 ? r.readLong() : r.readUInt();
        r.getEnd();
        return OptionalLong.of(nrow);
    }
}
