package org.tessera.testsupport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * One random damage to a file, drawn from a seeded {@link Random} so that a failing case can be
 * replayed: bit flips, a zeroed span, a truncation, or an absurd value written over a word that
 * looks like a count, length or offset. Returns what it did, for the failure message.
 */
public final class RandomDamage {
    /** Values that break counts and offsets: negative, zero, huge, just past the end. */
    private static final long[] ABSURD = {-1, 0, Integer.MIN_VALUE, Integer.MAX_VALUE, 0x7FFFFFF0L, 1L << 30,
        0xFFFFFFFFL, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 40};

    private RandomDamage() {
    }

    /**
     * Damages file; absurd words are only written when {@code structured} (table.dat and the data
     * managers' own files, where a small integer is likely a count or an offset).
     */
    public static String apply(Path file, Random rnd, boolean structured) throws IOException {
        byte[] b = Files.readAllBytes(file);
        int kind = rnd.nextInt(structured ? 4 : 3);
        if (b.length == 0) {
            return "nothing to damage (empty file)";
        }
        String done = switch (kind) {
            case 0 -> flipBits(b, rnd);
            case 1 -> zeroSpan(b, rnd);
            case 2 -> {
                int size = rnd.nextInt(b.length);
                String what = "truncated from " + b.length + " to " + size + " bytes";
                b = Arrays.copyOf(b, size);
                yield what;
            }
            default -> absurdWord(b, rnd);
        };
        Files.write(file, b);
        return done;
    }

    /** Offsets near the start (headers) are drawn as often as the rest of the file. */
    private static int offset(byte[] b, Random rnd) {
        return rnd.nextBoolean() ? rnd.nextInt(Math.min(b.length, 4096)) : rnd.nextInt(b.length);
    }

    private static String flipBits(byte[] b, Random rnd) {
        int n = 1 + rnd.nextInt(8);
        StringBuilder what = new StringBuilder(n + " bit(s) flipped at");
        for (int i = 0; i < n; i++) {
            int at = offset(b, rnd);
            int bit = rnd.nextInt(8);
            b[at] ^= (byte) (1 << bit);
            what.append(' ').append(at).append('.').append(bit);
        }
        return what.toString();
    }

    private static String zeroSpan(byte[] b, Random rnd) {
        int at = offset(b, rnd);
        int len = Math.min(b.length - at, 1 + rnd.nextInt(rnd.nextBoolean() ? 16 : 1024));
        Arrays.fill(b, at, at + len, (byte) 0);
        return len + " bytes zeroed at " + at;
    }

    /** Overwrites a 4- or 8-byte word holding a small positive value (in either byte order) with an absurd one. */
    private static String absurdWord(byte[] b, Random rnd) {
        int width = rnd.nextBoolean() ? 4 : 8;
        ByteOrder order = rnd.nextBoolean() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        ByteBuffer bb = ByteBuffer.wrap(b).order(order);
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i + width <= b.length; i++) {
            long v = width == 4 ? bb.getInt(i) : bb.getLong(i);
            if (v > 0 && v <= 2L * b.length + 65536) {
                candidates.add(i);
            }
        }
        if (candidates.isEmpty()) {
            return zeroSpan(b, rnd);
        }
        int at = candidates.get(rnd.nextInt(candidates.size()));
        long old = width == 4 ? bb.getInt(at) : bb.getLong(at);
        long value = switch (rnd.nextInt(4)) {
            case 0 -> old + 1;
            case 1 -> old - 1;
            case 2 -> b.length + rnd.nextInt(64);
            default -> ABSURD[rnd.nextInt(ABSURD.length)];
        };
        if (width == 4) {
            bb.putInt(at, (int) value);
        } else {
            bb.putLong(at, value);
        }
        return width + "-byte " + order + " word at " + at + " changed from " + old + " to "
                + (width == 4 ? (int) value : value);
    }
}
