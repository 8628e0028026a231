package org.tessera.pipeline;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * Tarballs of MeasurementSets in and out. A tarball comes from users and must not write
 * anywhere else on a service, nor fill its disk: extraction takes only directories and regular
 * files (an MS has no links, devices or fifos), refuses absolute and {@code ..} paths, caps the
 * entries and bytes ({@link TarLimits}), and removes what it wrote when it refuses.
 * A tarball that cannot be parsed fails the job; an error reading the source stream (S3 went
 * away) or writing the disk (disk full) is an {@link IOException}, which the broker retries.
 */
public final class SafeTar {
    private SafeTar() {
    }

    /**
     * Extracts a .tar or .tar.gz stream (gzip recognised by its magic bytes) into {@code dir}, which
     * must not exist yet. A refused or broken tarball leaves nothing behind.
     */
    public static void extract(InputStream raw, Path dir, TarLimits limits) throws IOException {
        if (Files.exists(dir)) {
            throw new IOException(dir + " exists: a tarball is extracted into a new directory");
        }
        Files.createDirectories(dir);
        try {
            extractInto(raw, dir.toRealPath(), limits);
        } catch (IOException | RuntimeException e) {
            SubMsCache.deleteTree(dir);
            throw e;
        }
    }

    private static void extractInto(InputStream raw, Path root, TarLimits limits) throws IOException {
        BufferedInputStream in = new BufferedInputStream(new SourceStream(raw));
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        InputStream tarStream = b0 == 0x1f && b1 == 0x8b ? new GzipCompressorInputStream(in, true) : in;
        long entries = 0;
        long bytes = 0;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(tarStream)) {
            TarArchiveEntry entry;
            while ((entry = nextEntry(tar)) != null) {
                String name = entry.getName();
                if (++entries > limits.maxEntries()) {
                    throw new JobFailure("the tarball has more than " + limits.maxEntries() + " entries: refused");
                }
                if (entry.isSymbolicLink() || entry.isLink() || entry.isCharacterDevice() || entry.isBlockDevice()
                        || entry.isFIFO()) {
                    throw new JobFailure("tarball entry " + name + " is " + kind(entry)
                            + ": an MS has only directories and files; refused");
                }
                Path target = inside(root, name);
                if (entry.isDirectory()) {
                    try {
                        Files.createDirectories(target);
                    } catch (FileAlreadyExistsException e) {
                        throw new JobFailure("tarball entry " + name + " is a directory where a file was: refused");
                    }
                } else {
                    if (entry.getSize() > limits.maxEntryBytes()) {
                        throw new JobFailure("tarball entry " + name + " is " + entry.getSize()
                                + " bytes, more than the limit of " + limits.maxEntryBytes() + ": refused");
                    }
                    bytes += entry.getSize();
                    if (bytes > limits.maxTotalBytes()) {
                        throw new JobFailure("tarball entry " + name + " takes the tarball past "
                                + limits.maxTotalBytes() + " expanded bytes: refused");
                    }
                    Files.createDirectories(target.getParent());
                    copy(tar, target, name);
                }
            }
        }
    }

    private static TarArchiveEntry nextEntry(TarArchiveInputStream tar) throws IOException {
        try {
            return tar.getNextEntry();
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    /** Copies one entry's bytes: a read error is the tarball's (or its source's), a write error the disk's. */
    private static void copy(TarArchiveInputStream tar, Path target, String name) throws IOException {
        byte[] buffer = new byte[1 << 16];
        OutputStream file;
        try {
            file = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            throw new JobFailure("tarball entry " + name + " comes twice (or names a directory): refused");
        }
        try (OutputStream out = file) {
            while (true) {
                int n;
                try {
                    n = tar.read(buffer);
                } catch (IOException e) {
                    throw unreadable(e);
                }
                if (n < 0) {
                    return;
                }
                out.write(buffer, 0, n);
            }
        }
    }

    /** A parse error fails the job; an error of the source stream stays an IOException, to be retried. */
    private static IOException unreadable(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SourceReadException source) {
                return source;
            }
        }
        throw new JobFailure("not a readable tar or tar.gz: " + e.getMessage(), e);
    }

    /** An error reading the tarball's source stream (the network, the store), not its content. */
    private static final class SourceReadException extends IOException {
        SourceReadException(IOException cause) {
            super("reading the tarball: " + cause.getMessage(), cause);
        }
    }

    /** Marks the source stream's own errors, so that they are told apart from a corrupt tarball. */
    private static final class SourceStream extends java.io.FilterInputStream {
        SourceStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                throw new SourceReadException(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                throw new SourceReadException(e);
            }
        }
    }

    private static String kind(TarArchiveEntry entry) {
        if (entry.isSymbolicLink()) {
            return "a symbolic link to " + entry.getLinkName();
        }
        if (entry.isLink()) {
            return "a hard link to " + entry.getLinkName();
        }
        return entry.isFIFO() ? "a fifo" : "a device";
    }

    /** {@code name} resolved in {@code root}; absolute paths and any {@code ..} component are refused. */
    private static Path inside(Path root, String name) {
        if (name.isEmpty() || name.startsWith("/") || name.startsWith("\\") || name.matches("^[A-Za-z]:.*")) {
            throw new JobFailure("tarball entry " + name + " is an absolute path: refused");
        }
        for (String part : name.split("[/\\\\]")) {
            if (part.equals("..")) {
                throw new JobFailure("tarball entry " + name + " has a '..' component: refused");
            }
        }
        Path target = root.resolve(name).normalize();
        if (!target.startsWith(root)) {
            throw new JobFailure("tarball entry " + name + " points outside the extraction directory: refused");
        }
        return target;
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
