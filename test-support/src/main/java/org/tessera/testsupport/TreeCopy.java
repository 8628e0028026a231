package org.tessera.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Writable copies of directory trees: the shared MSs are read-only, and some tests damage a table or let WSClean write into it. */
public final class TreeCopy {
    private TreeCopy() {
    }

    /** Copies {@code source} to {@code target} (which must not exist), every copied file writable; returns target. */
    public static Path writable(Path source, Path target) throws IOException {
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path t = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                    t.toFile().setWritable(true);
                }
            }
        }
        return target;
    }
}
