package org.tessera.casacore.write;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The bucket file of a StandardStMan ({@code table.f<n>}): a 512-byte header, then buckets
 * of one size, numbered in the order they are handed out. Buckets are written whole when
 * they are complete, so only the buckets being filled are in memory.
 */
final class BucketFile implements AutoCloseable {
    static final int HEADER_SIZE = 512;

    private final Path path;
    private final FileChannel channel;
    private final int bucketSize;
    private int nBuckets;

    BucketFile(Path path, int bucketSize) throws IOException {
        this.path = path;
        this.bucketSize = bucketSize;
        this.channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    Path path() {
        return path;
    }

    int bucketSize() {
        return bucketSize;
    }

    /** Hands out the next bucket number. */
    int newBucket() {
        return nBuckets++;
    }

    int nBuckets() {
        return nBuckets;
    }

    void writeBucket(int number, byte[] bucket) throws IOException {
        writeFully(ByteBuffer.wrap(bucket, 0, bucketSize), HEADER_SIZE + (long) number * bucketSize);
    }

    /** Writes the header, padded to its 512 bytes. */
    void writeHeader(byte[] header) throws IOException {
        if (header.length > HEADER_SIZE) {
            throw new IOException("StandardStMan header of " + header.length + " bytes exceeds 512");
        }
        byte[] padded = new byte[HEADER_SIZE];
        System.arraycopy(header, 0, padded, 0, header.length);
        writeFully(ByteBuffer.wrap(padded), 0);
    }

    private void writeFully(ByteBuffer b, long position) throws IOException {
        while (b.hasRemaining()) {
            position += channel.write(b, position);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
