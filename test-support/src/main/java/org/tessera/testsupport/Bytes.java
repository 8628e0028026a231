package org.tessera.testsupport;

/** Searching raw file contents, for tests that find (or damage) a structure inside a binary table file. */
public final class Bytes {
    private Bytes() {
    }

    /** Position of the first {@code pattern} in {@code b}, or -1. */
    public static int indexOf(byte[] b, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= b.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (b[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
