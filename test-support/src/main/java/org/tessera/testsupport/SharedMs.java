package org.tessera.testsupport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The real MeasurementSets in {@code ../shared/data/ms} beside the checkout. A plain clone has none, so
 * tests that need them skip, saying where they looked.
 */
public final class SharedMs {
    private SharedMs() {
    }

    /** Where the shared MSs are expected, whether or not they are there. */
    public static Path location() {
        return SourceTree.root().resolve("../shared/data/ms").normalize();
    }

    public static boolean present() {
        return Files.isDirectory(location());
    }

    /** The folder of shared MSs; skips the test when it is absent. */
    public static Path dir() {
        Path dir = location();
        assumeTrue(Files.isDirectory(dir), "skipped: shared MeasurementSets not found at " + dir
                + " (../shared is absent in a plain clone; set -Dtessera.root)");
        return dir;
    }

    /** One shared MS by its path below the folder, e.g. {@code edge/lwasv-nan.ms}; skips when it is absent. */
    public static Path require(String name) {
        Path ms = dir().resolve(name);
        assumeTrue(Files.isDirectory(ms), "skipped: shared MS " + ms + " not found");
        return ms;
    }

    /** Every shared MS, those of {@code edge/} after the others; skips when the folder is absent. */
    public static List<Path> all() {
        return list(dir());
    }

    /** As {@link #all}, but empty when absent: for {@code @MethodSource} factories, which cannot skip. */
    public static List<Path> allOrNone() {
        return present() ? list(location()) : List.of();
    }

    private static List<Path> list(Path dir) {
        List<Path> out = new ArrayList<>();
        for (Path d : List.of(dir, dir.resolve("edge"))) {
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (Stream<Path> s = Files.list(d)) {
                s.filter(p -> p.getFileName().toString().endsWith(".ms")).sorted().forEach(out::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + d, e);
            }
        }
        return out;
    }
}
