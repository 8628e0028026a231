package org.tessera.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The checkout the tests run in. Surefire passes {@code -Dtessera.root} (the reactor root); a test run
 * from a module's folder without it finds the root one level up.
 */
public final class SourceTree {
    /** The root is the folder that holds this module. */
    private static final String MARKER = "test-support";

    private SourceTree() {
    }

    public static Path root() {
        List<Path> candidates = new ArrayList<>();
        String property = System.getProperty("tessera.root");
        if (property != null && !property.isBlank()) {
            candidates.add(Path.of(property).toAbsolutePath().normalize());
        }
        candidates.add(Path.of("").toAbsolutePath());
        candidates.add(Path.of("..").toAbsolutePath().normalize());
        for (Path p : candidates) {
            if (Files.isDirectory(p.resolve(MARKER))) {
                return p;
            }
        }
        return candidates.get(0);
    }

    /** A file of the checkout by its path from the root; a missing one is a broken checkout, not a skip. */
    public static Path file(String relative) {
        Path p = root().resolve(relative);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("test file " + p + " not found");
        }
        return p;
    }
}
