package org.tessera.imaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.Cleaner;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Large primitive arrays moved out of the heap while a run does not need them (the PSF's spectrum
 * during a major cycle, the sorted samples during a minor cycle), into a temporary file in the system
 * temp directory, and read back, in the order written, through a small buffer. The file is unlinked as
 * soon as it is opened, so nothing is left on disk whatever way the process ends; its pages live in
 * the page cache, which is not the process's resident memory. {@link #close} frees the space, as does
 * the collector when the parked arrays are dropped unread. Where the file cannot be made or written
 * (a full disk), an array stays on the heap, as it would without parking.
 */
public final class ParkedArrays implements AutoCloseable {
    /** Arrays smaller than this stay on the heap: the file costs more than they save. */
    public static final long MIN_BYTES = 64L << 20;
    private static final int BUFFER_BYTES = 4 << 20;
    private static final Cleaner CLOSER = Cleaner.create();

    /** Null when no file could be made. */
    private final FileChannel file;
    private final Cleaner.Cleanable closing;
    private ByteBuffer buffer;
    /** Per written array, in write order: where it is in the file, or the array itself if it stayed. */
    private final Deque<Object> written = new ArrayDeque<>();
    private long end;

    /** An array in the file: its type, length and first byte. */
    private record InFile(Class<?> type, int length, long offset) {
    }

    /** A null array, kept as null. */
    private static final Object NULL = new Object();

    public ParkedArrays() {
        this(openUnlinked());
    }

    /** Parks in {@code file} (null: nowhere, every array stays on the heap). */
    ParkedArrays(FileChannel file) {
        this.file = file;
        FileChannel channel = file;
        closing = channel == null ? null : CLOSER.register(this, () -> {
            try {
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static FileChannel openUnlinked() {
        try {
            Path path = Files.createTempFile("tessera-parked-", ".bin");
            FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    StandardOpenOption.DELETE_ON_CLOSE);
            try {
                Files.delete(path);
            } catch (IOException notOnThisSystem) {
                // an open file cannot be unlinked on some systems: DELETE_ON_CLOSE removes it then
            }
            return channel;
        } catch (IOException e) {
            return null;
        }
    }

    /** Whether {@code bytes} of arrays are worth a file. */
    public static boolean worthParking(long bytes) {
        return bytes >= MIN_BYTES;
    }

    /** Appends {@code array} (double[], float[], int[] or char[]; null is kept as null). */
    public void write(Object array) {
        if (array == null) {
            written.add(NULL);
            return;
        }
        int elementBytes = elementBytes(array);
        int length = Array.getLength(array);
        if (file == null) {
            written.add(array);
            return;
        }
        long offset = end;
        try {
            for (int from = 0; from < length; ) {
                ByteBuffer b = buffer();
                int n = Math.min(length - from, BUFFER_BYTES / elementBytes);
                if (array instanceof double[] a) {
                    b.asDoubleBuffer().put(a, from, n);
                } else if (array instanceof float[] a) {
                    b.asFloatBuffer().put(a, from, n);
                } else if (array instanceof int[] a) {
                    b.asIntBuffer().put(a, from, n);
                } else {
                    b.asCharBuffer().put((char[]) array, from, n);
                }
                b.limit(n * elementBytes);
                while (b.hasRemaining()) {
                    end += file.write(b, end);
                }
                from += n;
            }
            written.add(new InFile(array.getClass(), length, offset));
        } catch (IOException e) {
            end = offset;
            written.add(array);
        }
    }

    /** The next array in write order (or null); one that was in the file comes back in a fresh array. */
    public Object read() {
        Object next = written.poll();
        if (next == null) {
            throw new IllegalStateException("no more parked arrays");
        }
        if (next == NULL) {
            return null;
        }
        if (!(next instanceof InFile w)) {
            return next;
        }
        Object array = Array.newInstance(w.type.getComponentType(), w.length);
        int elementBytes = elementBytes(array);
        long position = w.offset;
        try {
            for (int from = 0; from < w.length; ) {
                int n = Math.min(w.length - from, BUFFER_BYTES / elementBytes);
                ByteBuffer b = buffer();
                b.limit(n * elementBytes);
                while (b.hasRemaining()) {
                    int got = file.read(b, position);
                    if (got < 0) {
                        throw new IOException("parked file ended early");
                    }
                    position += got;
                }
                b.flip();
                if (array instanceof double[] a) {
                    b.asDoubleBuffer().get(a, from, n);
                } else if (array instanceof float[] a) {
                    b.asFloatBuffer().get(a, from, n);
                } else if (array instanceof int[] a) {
                    b.asIntBuffer().get(a, from, n);
                } else {
                    b.asCharBuffer().get((char[]) array, from, n);
                }
                from += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read parked arrays back", e);
        }
        return array;
    }

    public double[] readDoubles() {
        return (double[]) read();
    }

    /** Frees the file (and any arrays that stayed). */
    @Override
    public void close() {
        written.clear();
        buffer = null;
        if (closing != null) {
            closing.clean();
        }
    }

    /** The transfer buffer, cleared; made on first use only, so that a parking without a file costs none. */
    private ByteBuffer buffer() {
        if (buffer == null) {
            buffer = ByteBuffer.allocateDirect(BUFFER_BYTES).order(ByteOrder.nativeOrder());
        }
        return buffer.clear();
    }

    private static int elementBytes(Object array) {
        if (array instanceof double[]) {
            return Double.BYTES;
        } else if (array instanceof float[] || array instanceof int[]) {
            return Float.BYTES;
        } else if (array instanceof char[]) {
            return Character.BYTES;
        }
        throw new IllegalArgumentException("not a parkable array: " + array.getClass());
    }
}
