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
import java.util.List;

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
            JobFailure e = assertThrows(JobFailure.class, () -> SafeTar.extract(new ByteArrayInputStream(evil), target,
                    TarLimits.forCompressedSize(evil.length)));
            assertTrue(e.getMessage().contains("refused"), e.getMessage());
        }
        assertFalse(Files.exists(dir.resolve("escape.txt")));
    }

    /** A tar of entries given as (name, type, link or content). */
    private static byte[] tar(String[][] entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
            for (String[] e : entries) {
                switch (e[1]) {
                    case "dir" -> out.putArchiveEntry(new TarArchiveEntry(e[0] + "/"));
                    case "file" -> {
                        TarArchiveEntry f = new TarArchiveEntry(e[0]);
                        byte[] data = e[2].getBytes(StandardCharsets.UTF_8);
                        f.setSize(data.length);
                        out.putArchiveEntry(f);
                        out.write(data);
                    }
                    default -> {
                        TarArchiveEntry l = new TarArchiveEntry(e[0], e[1].equals("symlink")
                                ? TarArchiveEntry.LF_SYMLINK : TarArchiveEntry.LF_LINK);
                        l.setLinkName(e[2]);
                        out.putArchiveEntry(l);
                    }
                }
                out.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** The chain of links that each look inside, from the issue: refused at its first link, nothing written. */
    @Test
    void aChainOfLinksCannotEscape() throws IOException {
        Path target = dir.resolve("work/x");
        byte[] chain = tar(new String[][] {{"ok.ms", "dir", ""}, {"ok.ms/table.dat", "file", "t"},
            {"a/b", "symlink", ".."}, {"a/b/c/d", "symlink", ".."}, {"a/b/c/d/x", "symlink", "../../../../.."},
            {"a/b/c/d/x/escaped", "dir", ""}, {"a/b/c/d/x/stolen", "hardlink", "ok.ms/table.dat"}});
        JobFailure e = assertThrows(JobFailure.class, () -> SafeTar.extract(new ByteArrayInputStream(chain), target,
                TarLimits.forCompressedSize(chain.length)));
        assertEquals("tarball entry a/b is a symbolic link to ..: an MS has only directories and files; refused",
                e.getMessage());
        assertFalse(Files.exists(target), "the partial extraction is removed");
        try (var files = Files.walk(dir)) {
            assertEquals(List.of(dir, dir.resolve("work")), files.sorted().toList(), "nothing written anywhere");
        }
    }

    @Test
    void linksInsideAreRefusedToo() throws IOException {
        byte[] hard = tar(new String[][] {{"a.ms/table.dat", "file", "t"}, {"a.ms/copy", "hardlink", "a.ms/table.dat"}});
        JobFailure e = assertThrows(JobFailure.class, () -> SafeTar.extract(new ByteArrayInputStream(hard),
                dir.resolve("h"), TarLimits.forCompressedSize(hard.length)));
        assertEquals("tarball entry a.ms/copy is a hard link to a.ms/table.dat: an MS has only directories and files;"
                + " refused", e.getMessage());
        byte[] dots = tar(new String[][] {{"a.ms/sub/../table.dat", "file", "t"}});
        e = assertThrows(JobFailure.class, () -> SafeTar.extract(new ByteArrayInputStream(dots), dir.resolve("d"),
                TarLimits.forCompressedSize(dots.length)));
        assertEquals("tarball entry a.ms/sub/../table.dat has a '..' component: refused", e.getMessage());
    }

    @Test
    void entryCountTotalAndEntrySizeAreCapped() throws IOException {
        byte[] three = tar(new String[][] {{"a.ms", "dir", ""}, {"a.ms/f1", "file", "0123456789"},
            {"a.ms/f2", "file", "0123456789"}});
        JobFailure count = assertThrows(JobFailure.class, () -> SafeTar.extract(new ByteArrayInputStream(three),
                dir.resolve("c"), new TarLimits(2, 1000, 1000)));
        assertEquals("the tarball has more than 2 entries: refused", count.getMessage());
        JobFailure total = assertThrows(JobFailure.class, () -> SafeTar.extract(new ByteArrayInputStream(three),
                dir.resolve("t"), new TarLimits(10, 15, 1000)));
        assertEquals("tarball entry a.ms/f2 takes the tarball past 15 expanded bytes: refused", total.getMessage());
        JobFailure one = assertThrows(JobFailure.class, () -> SafeTar.extract(new ByteArrayInputStream(three),
                dir.resolve("o"), new TarLimits(10, 1000, 9)));
        assertEquals("tarball entry a.ms/f1 is 10 bytes, more than the limit of 9: refused", one.getMessage());
        for (String d : List.of("c", "t", "o")) {
            assertFalse(Files.exists(dir.resolve(d)), d);
        }
        SafeTar.extract(new ByteArrayInputStream(three), dir.resolve("ok"), new TarLimits(3, 20, 10));
        assertEquals("0123456789", Files.readString(dir.resolve("ok/a.ms/f2")));
        assertEquals(4L * 1000 + (1L << 30), TarLimits.forCompressedSize(1000).maxTotalBytes());
        assertEquals(Long.MAX_VALUE, TarLimits.forCompressedSize(Long.MAX_VALUE / 2).maxTotalBytes());
    }

    /**
     * A tarball that cannot be parsed, or names a file twice, fails the job; the source stream failing
     * (S3 gone mid-download) is an IOException, which the broker retries. Nothing is left either way.
     */
    @Test
    void aCorruptTarballFailsButABrokenSourceStreamIsRetried() throws IOException {
        byte[] good = tar(new String[][] {{"a.ms", "dir", ""}, {"a.ms/table.dat", "file", "x".repeat(5000)},
            {"a.ms/f1", "file", "y".repeat(5000)}});
        // cut in the middle of the first file's bytes
        byte[] corrupt = java.util.Arrays.copyOf(good, 3000);
        JobFailure bad = assertThrows(JobFailure.class, () -> SafeTar.extract(new ByteArrayInputStream(corrupt),
                dir.resolve("c"), TarLimits.forCompressedSize(corrupt.length)));
        assertTrue(bad.getMessage().startsWith("not a readable tar or tar.gz: "), bad.getMessage());

        byte[] twice = tar(new String[][] {{"a.ms/table.dat", "file", "t"}, {"a.ms/table.dat", "file", "u"}});
        JobFailure dup = assertThrows(JobFailure.class, () -> SafeTar.extract(new ByteArrayInputStream(twice),
                dir.resolve("d"), TarLimits.forCompressedSize(twice.length)));
        assertEquals("tarball entry a.ms/table.dat comes twice (or names a directory): refused", dup.getMessage());

        java.io.InputStream dropped = new java.io.FilterInputStream(new ByteArrayInputStream(good)) {
            private int read;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (read > 4096) {
                    throw new java.net.SocketException("Connection reset");
                }
                int n = super.read(b, off, Math.min(len, 1024));
                read += Math.max(n, 0);
                return n;
            }
        };
        IOException retried = assertThrows(IOException.class, () -> SafeTar.extract(dropped, dir.resolve("s"),
                TarLimits.forCompressedSize(good.length)));
        assertEquals("reading the tarball: Connection reset", retried.getMessage());
        for (String d : List.of("c", "d", "s")) {
            assertFalse(Files.exists(dir.resolve(d)), d);
        }
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
        SafeTar.extract(new ByteArrayInputStream(gz.toByteArray()), target, TarLimits.forCompressedSize(gz.size()));
        assertEquals("top", Files.readString(target.resolve("a.ms/table.dat")));
        assertEquals(target.resolve("a.ms").toRealPath(), SafeTar.findMeasurementSet(target).toRealPath());
    }
}
