package org.tessera.pipeline;

/**
 * How much one tarball may expand to: a tarball comes from users, and a few kilobytes of gzip
 * can claim terabytes. An MS is a few dozen files per table, so entry counts stay small too.
 *
 * @param maxEntries    entries (files and directories)
 * @param maxTotalBytes bytes of all files together
 * @param maxEntryBytes bytes of one file
 */
public record TarLimits(long maxEntries, long maxTotalBytes, long maxEntryBytes) {
    public static final long DEFAULT_MAX_ENTRIES = 100_000;
    /** The default expansion: 4 × the compressed size + 1 GiB (an MS compresses by 2-3 × at most, zeros aside). */
    public static final long DEFAULT_EXPANSION = 4;
    public static final long DEFAULT_EXTRA_BYTES = 1L << 30;

    /** The default limits of a tarball of {@code compressedBytes}. */
    public static TarLimits forCompressedSize(long compressedBytes) {
        return forCompressedSize(compressedBytes, DEFAULT_MAX_ENTRIES, DEFAULT_EXPANSION);
    }

    /** {@code expansion} × the compressed size + 1 GiB in all and for one file, at most {@code maxEntries} entries. */
    public static TarLimits forCompressedSize(long compressedBytes, long maxEntries, long expansion) {
        long total = compressedBytes > (Long.MAX_VALUE - DEFAULT_EXTRA_BYTES) / expansion ? Long.MAX_VALUE
                : expansion * compressedBytes + DEFAULT_EXTRA_BYTES;
        return new TarLimits(maxEntries, total, total);
    }
}
