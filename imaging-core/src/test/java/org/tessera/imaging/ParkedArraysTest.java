package org.tessera.imaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ParkedArraysTest {
    private static long parkedFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> p.getFileName().toString().startsWith("tessera-parked-")).count();
        }
    }

    /** Arrays come back in write order, bit for bit, across buffer boundaries; the file never shows in the temp dir. */
    @Test
    void arraysComeBackInWriteOrder() throws IOException {
        Random random = new Random(7);
        double[] doubles = random.doubles(1_300_001).toArray();
        doubles[5] = Double.NaN;
        float[] floats = new float[700_003];
        for (int i = 0; i < floats.length; i++) {
            floats[i] = (float) random.nextGaussian();
        }
        int[] ints = random.ints(3).toArray();
        char[] chars = {0, 'a', Character.MAX_VALUE};
        long before = parkedFiles();
        try (ParkedArrays store = new ParkedArrays()) {
            store.write(doubles);
            store.write(null);
            store.write(floats);
            store.write(ints);
            store.write(chars);
            store.write(new double[0]);
            assertEquals(before, parkedFiles(), "the file is unlinked once open");
            assertArrayEquals(doubles, store.readDoubles());
            assertNull(store.read());
            assertArrayEquals(floats, (float[]) store.read());
            assertArrayEquals(ints, (int[]) store.read());
            assertArrayEquals(chars, (char[]) store.read());
            assertArrayEquals(new double[0], store.readDoubles());
            assertThrows(IllegalStateException.class, store::read);
        }
        assertThrows(IllegalArgumentException.class, () -> new ParkedArrays().write(new long[1]));
    }

    /** A file that cannot be written (here: closed, as after a full disk's error) leaves the arrays on the heap. */
    @Test
    void arraysStayOnTheHeapWhenTheFileFails() throws IOException {
        Path path = Files.createTempFile("tessera-parked-test-", ".bin");
        FileChannel closed = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        closed.close();
        Files.delete(path);
        double[] doubles = {1, 2, 3};
        int[] ints = {4, 5};
        try (ParkedArrays store = new ParkedArrays(closed)) {
            store.write(doubles);
            store.write(ints);
            assertSame(doubles, store.read());
            assertSame(ints, store.read());
        }
        try (ParkedArrays nowhere = new ParkedArrays(null)) {
            nowhere.write(doubles);
            assertSame(doubles, nowhere.readDoubles());
        }
    }
}
