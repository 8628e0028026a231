package org.tessera.testsupport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Command-line tools the tests call when they are installed (WSClean, casacore's msselect and showtableinfo). */
public final class Tools {
    private Tools() {
    }

    /** On the PATH, or in /usr/bin where the packages put them (a test JVM may run with a narrow PATH). */
    public static boolean onPath(String tool) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        dirs.add("/usr/bin");
        return dirs.stream().anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, tool)));
    }

    /** Skips the test unless every tool is installed; the message names those that are not. */
    public static void assumeInstalled(String... tools) {
        List<String> missing = List.of(tools).stream().filter(t -> !onPath(t)).toList();
        assumeTrue(missing.isEmpty(), () -> "skipped: " + String.join(" and ", missing) + " not installed (not on the PATH)");
    }
}
