package org.tessera.testsupport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Ways to damage a copied table the way real files get damaged, for the bad-input tests of the table
 * reader and of the command line. Plain bytes and files, so it needs no casacore-tables types.
 */
public final class TableDamage {
    private TableDamage() {
    }

    /** Cuts a file to {@code size} bytes, as an interrupted copy would. */
    public static void truncate(Path file, long size) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(size);
        }
    }

    /**
     * Renames the first data manager of type {@code from} in table.dat to {@code to}, fixing the
     * Table object's length (just after the magic word) when the name length changes; returns
     * false when table.dat has no such manager.
     */
    public static boolean renameManager(Path tableDat, String from, String to) throws IOException {
        byte[] old = managerEntry(from);
        byte[] replacement = managerEntry(to);
        byte[] b = Files.readAllBytes(tableDat);
        int at = Bytes.indexOf(b, old);
        if (at < 0) {
            return false;
        }
        byte[] out = new byte[b.length - old.length + replacement.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(replacement, 0, out, at, replacement.length);
        System.arraycopy(b, at + old.length, out, at + replacement.length, b.length - at - old.length);
        ByteBuffer header = ByteBuffer.wrap(out);
        header.putInt(4, header.getInt(4) + replacement.length - old.length);
        Files.write(tableDat, out);
        return true;
    }

    /** Removes a directory and everything in it (a subtable, say). */
    public static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    /** The ColumnSet's manager list entry in table.dat: count 1, the type string, sequence number 0. */
    private static byte[] managerEntry(String type) {
        byte[] text = type.getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(12 + text.length).putInt(1).putInt(text.length).put(text).putInt(0).array();
    }
}
