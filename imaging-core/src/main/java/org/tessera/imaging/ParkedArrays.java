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
 * the collector when the parked arrays are dropped unread.
 */
public final class ParkedArrays implements AutoCloseable {
    /** Arrays smaller than this stay on the heap: the file costs more than they save. */
    public static final long MIN_BYTES = 64L << 20;
    private static final int BUFFER_BYTES = 4 << 20;

    private static final Cleaner CLOSER = Cleaner.create();
    private final FileChannel file;
    private final Cleaner.Cleanable closing;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES).order(ByteOrder.nativeOrder());
    /** Each written array's element type and length, null for a null array, in write order. */
    private final Deque<Object> written = new ArrayDeque<>();
    private static final Object NULL = new Object();
    private long readPosition;
    private long writePosition;

    public ParkedArrays() {
        try {
            Path path = Files.createTempFile("tessera-parked-", ".bin");
            file = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    StandardOpenOption.DELETE_ON_CLOSE);
            try {
                Files.delete(path);
            } catch (IOException notOnThisSystem) {
                // an open file cannot be unlinked on some systems: DELETE_ON_CLOSE removes it then
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary file for parked arrays", e);
        }
        FileChannel channel = file;
        closing = CLOSER.register(this, () -> {
            try {
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
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
        for (int from = 0; from < length; ) {
            buffer.clear();
            int n = Math.min(length - from, BUFFER_BYTES / elementBytes);
            if (array instanceof double[] a) {
                buffer.asDoubleBuffer().put(a, from, n);
            } else if (array instanceof float[] a) {
                buffer.asFloatBuffer().put(a, from, n);
            } else if (array instanceof int[] a) {
                buffer.asIntBuffer().put(a, from, n);
            } else {
                buffer.asCharBuffer().put((char[]) array, from, n);
            }
            buffer.limit(n * elementBytes);
            writeFully();
            from += n;
        }
        written.add(new Written(array.getClass(), length));
    }

    /** The next array in write order, in a fresh array of its type (or null). */
    public Object read() {
        Object next = written.poll();
        if (next == null) {
            throw new IllegalStateException("no more parked arrays");
        }
        if (next == NULL) {
            return null;
        }
        Written w = (Written) next;
        Object array = Array.newInstance(w.type.getComponentType(), w.length);
        int elementBytes = elementBytes(array);
        for (int from = 0; from < w.length; ) {
            int n = Math.min(w.length - from, BUFFER_BYTES / elementBytes);
            buffer.clear().limit(n * elementBytes);
            readFully();
            buffer.flip();
            if (array instanceof double[] a) {
                buffer.asDoubleBuffer().get(a, from, n);
            } else if (array instanceof float[] a) {
                buffer.asFloatBuffer().get(a, from, n);
            } else if (array instanceof int[] a) {
                buffer.asIntBuffer().get(a, from, n);
            } else {
                buffer.asCharBuffer().get((char[]) array, from, n);
            }
            from += n;
        }
        return array;
    }

    public double[] readDoubles() {
        return (double[]) read();
    }

    @Override
    public void close() {
        closing.clean();
    }

    private record Written(Class<?> type, int length) {
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

    private void writeFully() {
        try {
            while (buffer.hasRemaining()) {
                writePosition += file.write(buffer, writePosition);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write parked arrays", e);
        }
    }

    private void readFully() {
        try {
            while (buffer.hasRemaining()) {
                int n = file.read(buffer, readPosition);
                if (n < 0) {
                    throw new IOException("parked file ended early");
                }
                readPosition += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read parked arrays", e);
        }
    }
}
