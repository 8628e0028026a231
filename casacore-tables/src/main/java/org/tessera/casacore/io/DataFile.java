package org.tessera.casacore.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.tessera.casacore.CasacoreException;

/**
 * A read-only file read with positional FileChannel reads, so several columns can share
 * it without seeking; short reads become a {@link CasacoreException} naming the file.
 */
public final class DataFile implements AutoCloseable {
    private final Path path;
    private final FileChannel channel;
    private final long size;

    private DataFile(Path path, FileChannel channel, long size) {
        this.path = path;
        this.channel = channel;
        this.size = size;
    }

    public static DataFile open(Path path) {
        try {
            FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
            return new DataFile(path, ch, ch.size());
        } catch (NoSuchFileException e) {
            throw new CasacoreException(path, "file does not exist", e);
        } catch (IOException e) {
            throw new CasacoreException(path, "cannot open: " + e.getMessage(), e);
        }
    }

    /** Reads a whole (small) file into a heap buffer. */
    public static ByteBuffer readAll(Path path) {
        try {
            if (!Files.isRegularFile(path)) {
                throw new CasacoreException(path, "file does not exist");
            }
            return ByteBuffer.wrap(Files.readAllBytes(path));
        } catch (IOException e) {
            throw new CasacoreException(path, "cannot read: " + e.getMessage(), e);
        }
    }

    public Path path() {
        return path;
    }

    public long size() {
        return size;
    }

    /** Fills dst (position to limit) from file offset pos; the bytes must all exist. */
    public void readFully(long pos, ByteBuffer dst) {
        checkSpan(pos, dst.remaining());
        try {
            long p = pos;
            while (dst.hasRemaining()) {
                int n = channel.read(dst, p);
                if (n < 0) {
                    throw new CasacoreException(path, "truncated: unexpected end of file at byte " + p);
                }
                p += n;
            }
        } catch (IOException e) {
            throw new CasacoreException(path, "read error at byte " + pos + ": " + e.getMessage(), e);
        }
    }

    /** Reads n bytes at pos into a new heap buffer, checked against the file first so a corrupt n sizes nothing. */
    public ByteBuffer read(long pos, int n) {
        checkSpan(pos, n);
        ByteBuffer b = ByteBuffer.allocate(n);
        readFully(pos, b);
        return b.flip();
    }

    private void checkSpan(long pos, long n) {
        if (pos < 0 || n < 0 || pos > size || n > size - pos) {
            throw new CasacoreException(path, "truncated or corrupt: need bytes " + pos + ".." + (pos + n)
                    + " but the file has " + size + " bytes");
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new CasacoreException(path, "cannot close: " + e.getMessage(), e);
        }
    }
}
