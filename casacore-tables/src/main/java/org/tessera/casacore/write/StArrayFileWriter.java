package org.tessera.casacore.write;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The indirect-array file {@code table.f<n>i} of a StandardStMan ({@code StArrayFile.cc},
 * version 0, big-endian): a 16-byte header (version, used length, 0), then each array on an
 * 8-byte boundary as ndim, shape, values. Arrays are only appended, so the file is streamed.
 */
final class StArrayFileWriter implements AutoCloseable {
    private static final int HEADER = 16;

    private final Path path;
    private final OutputStream out;
    private long length = HEADER;
    private boolean closed;

    StArrayFileWriter(Path path) throws IOException {
        this.path = path;
        this.out = new BufferedOutputStream(Files.newOutputStream(path, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), 1 << 16);
        out.write(new byte[HEADER]);
    }

    Path path() {
        return path;
    }

    /**
     * Appends one array and returns its file offset (what the data bucket stores).
     * The values must already be in canonical big-endian form; Bool values bit-packed.
     *
     * @param valueBytes the number of bytes the values take in the file
     */
    long putArray(int[] shape, byte[] values, int valueBytes) throws IOException {
        long offset = startArray(shape);
        out.write(values, 0, valueBytes);
        length += valueBytes;
        return offset;
    }

    /** Appends a string array: an offset per string, then (length, bytes) records. */
    long putStrings(int[] shape, String[] values) throws IOException {
        long offset = startArray(shape);
        byte[][] encoded = new byte[values.length][];
        long record = length + 4L * values.length;
        byte[] offsets = new byte[4 * values.length];
        for (int i = 0; i < values.length; i++) {
            encoded[i] = values[i].getBytes(StandardCharsets.UTF_8);
            if (record > 0xFFFFFFFFL) {
                throw new IOException("string array file " + path + " exceeds 4 GB");
            }
            SsmStringHeap.putInt(offsets, 4 * i, (int) record);
            record += 4 + encoded[i].length;
        }
        out.write(offsets);
        length += offsets.length;
        byte[] len = new byte[4];
        for (byte[] s : encoded) {
            SsmStringHeap.putInt(len, 0, s.length);
            out.write(len);
            out.write(s);
            length += 4 + s.length;
        }
        return offset;
    }

    private long startArray(int[] shape) throws IOException {
        long aligned = 8 * ((length + 7) / 8);
        out.write(new byte[(int) (aligned - length)]);
        length = aligned;
        byte[] head = new byte[4 + 4 * shape.length];
        SsmStringHeap.putInt(head, 0, shape.length);
        for (int i = 0; i < shape.length; i++) {
            SsmStringHeap.putInt(head, 4 + 4 * i, shape[i]);
        }
        out.write(head);
        long offset = length;
        length += head.length;
        return offset;
    }

    /** Finishes the file: writes the used length into the header. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        out.close();
        try (RandomAccessFile raf = new RandomAccessFile(path.toFile(), "rw")) {
            raf.seek(4);
            raf.writeLong(length);
        }
    }
}
