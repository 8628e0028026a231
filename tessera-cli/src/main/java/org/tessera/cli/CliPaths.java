package org.tessera.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Checks on user-given paths, so a typo gives one clear line instead of a deep error. */
final class CliPaths {
    private CliPaths() {
    }

    static void requireExisting(Path path, String what) {
        if (!Files.exists(path)) {
            throw new UserError(path + ": no such " + what + " (the path does not exist)");
        }
    }
}
