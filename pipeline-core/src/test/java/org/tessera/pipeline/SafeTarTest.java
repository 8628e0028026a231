package org.tessera.pipeline;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SafeTarTest {
    @TempDir
    Path dir;

    private static byte[] tar(String name, byte type, String link) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
            // preserveAbsolutePath: the writer must not quietly strip the leading '/' we test for.
            TarArchiveEntry e = link == null ? new TarArchiveEntry(name, true) : new TarArchiveEntry(name, type, true);
            if (link != null) {
                e.setLinkName(link);
                out.putArchiveEntry(e);
            } else {
                byte[] data = "x".getBytes(StandardCharsets.UTF_8);
                e.setSize(data.length);
                out.putArchiveEntry(e);
                out.write(data);
            }
            out.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }

    @Test
    void refusesParentTraversalAbsolutePathsAndLinksOut() throws IOException {
        Path target = dir.resolve("x");
        for (byte[] evil : new byte[][] {tar("../escape.txt", (byte) 0, null), tar("a/../../escape.txt", (byte) 0, null),
            tar("/etc/escape.txt", (byte) 0, null), tar("link", TarArchiveEntry.LF_SYMLINK, "../../etc"),
            tar("link", TarArchiveEntry.LF_SYMLINK, "/etc/passwd"), tar("hard", TarArchiveEntry.LF_LINK, "../secret")}) {
            JobFailure e = assertThrows(JobFailure.class, () -> SafeTar.extract(new ByteArrayInputStream(evil), target));
            assertTrue(e.getMessage().contains("refused"), e.getMessage());
        }
        assertFalse(Files.exists(dir.resolve("escape.txt")));
    }

    @Test
    void roundTripOfADirectoryAndGzipRecognised() throws IOException {
        Path ms = Files.createDirectories(dir.resolve("a.ms/sub"));
        Files.writeString(ms.resolve("table.dat"), "t");
        Files.writeString(dir.resolve("a.ms/table.dat"), "top");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SafeTar.create(dir.resolve("a.ms"), out);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (var z = new java.util.zip.GZIPOutputStream(gz)) {
            z.write(out.toByteArray());
        }
        Path target = dir.resolve("out");
        SafeTar.extract(new ByteArrayInputStream(gz.toByteArray()), target);
        assertEquals("top", Files.readString(target.resolve("a.ms/table.dat")));
        assertEquals(target.resolve("a.ms").toRealPath(), SafeTar.findMeasurementSet(target).toRealPath());
    }
}
