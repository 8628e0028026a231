package org.tessera.pipeline;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * Tarballs of MeasurementSets in and out. Extraction refuses any entry that would land outside
 * the target directory ({@code ../}, absolute paths) and any link, hard or symbolic, that
 * points outside it: a tarball comes from users and must not write elsewhere on a service.
 */
public final class SafeTar {
    private SafeTar() {
    }

    /** Extracts a .tar or .tar.gz stream (gzip recognised by its magic bytes) into {@code dir}. */
    public static void extract(InputStream raw, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path root = dir.toRealPath();
        BufferedInputStream in = new BufferedInputStream(raw);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        InputStream tarStream = b0 == 0x1f && b1 == 0x8b ? new GzipCompressorInputStream(in, true) : in;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(tarStream)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path target = inside(root, root, entry.getName(), entry.getName());
                if (entry.isSymbolicLink()) {
                    inside(root, target.getParent(), entry.getLinkName(), entry.getName() + " -> " + entry.getLinkName());
                    Files.createDirectories(target.getParent());
                    Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                } else if (entry.isLink()) {
                    Path source = inside(root, root, entry.getLinkName(), entry.getName() + " => " + entry.getLinkName());
                    Files.createDirectories(target.getParent());
                    Files.createLink(target, source);
                } else if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else if (entry.isFile()) {
                    Files.createDirectories(target.getParent());
                    refuseLinkedParents(root, target, entry.getName());
                    Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                } else {
                    throw new JobFailure("tarball entry " + entry.getName() + ": unsupported type (devices, fifos)");
                }
            }
        }
    }

    /** {@code name} resolved against {@code base}; refused unless it stays inside {@code root}. */
    private static Path inside(Path root, Path base, String name, String shown) {
        if (name.isEmpty() || name.startsWith("/") || name.startsWith("\\") || name.matches("^[A-Za-z]:.*")) {
            throw new JobFailure("tarball entry " + shown + " is an absolute path: refused");
        }
        Path target = base.resolve(name).normalize();
        if (!target.startsWith(root)) {
            throw new JobFailure("tarball entry " + shown + " points outside the extraction directory: refused");
        }
        return target;
    }

    /** A file written through a symbolic link extracted earlier could still escape: refuse that too. */
    private static void refuseLinkedParents(Path root, Path target, String name) throws IOException {
        Path real = target.getParent().toRealPath();
        if (!real.startsWith(root) || Files.isSymbolicLink(target)) {
            throw new JobFailure("tarball entry " + name + " would be written through a link: refused");
        }
    }

    /** Writes {@code dir} as a tar whose entries start with the directory's own name. */
    public static void create(Path dir, OutputStream out) throws IOException {
        Path base = dir.getParent() == null ? Path.of("") : dir.getParent();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
             Stream<Path> walk = Files.walk(dir)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            List<Path> paths = walk.sorted().toList();
            for (Path p : paths) {
                String name = base.relativize(p).toString().replace('\\', '/');
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    tar.putArchiveEntry(new TarArchiveEntry(name + "/"));
                    tar.closeArchiveEntry();
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    TarArchiveEntry e = new TarArchiveEntry(p.toFile(), name);
                    tar.putArchiveEntry(e);
                    Files.copy(p, tar);
                    tar.closeArchiveEntry();
                }
            }
            tar.finish();
        }
    }

    /** The MeasurementSet inside an extracted tarball: the directory holding table.dat nearest the top. */
    public static Path findMeasurementSet(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.getFileName() != null && p.getFileName().toString().equals("table.dat"))
                    .map(Path::getParent)
                    .min((a, b) -> Integer.compare(a.getNameCount(), b.getNameCount()))
                    .orElseThrow(() -> new JobFailure("the tarball holds no MeasurementSet (no table.dat)"));
        }
    }
}
