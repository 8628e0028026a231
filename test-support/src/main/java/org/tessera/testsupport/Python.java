package org.tessera.testsupport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /usr/bin/python3}, which runs the reference checks (python-casacore, astropy): the system python,
 * because that is where the distribution's python3-casacore package installs.
 */
public final class Python {
    public static final Path EXECUTABLE = Path.of("/usr/bin/python3");

    private Python() {
    }

    /**
     * Skips the test unless python3 is there and imports {@code modules} (comma-separated, as after
     * {@code import}); the message says which is missing and how to install it.
     */
    public static void assumeModules(String modules, String install) {
        assumeTrue(Files.isExecutable(EXECUTABLE), "skipped: " + EXECUTABLE + " not found");
        ExternalCommand.Result probe = ExternalCommand.of(EXECUTABLE.toString(), "-c", "import " + modules)
                .timeout(Duration.ofSeconds(60)).run();
        assumeTrue(probe.exit() == 0, () -> "skipped: " + EXECUTABLE + " cannot import " + modules + " (" + install + ")");
    }

    /** {@code python3 -c code args...}. */
    public static ExternalCommand code(String code, String... args) {
        List<String> cmd = new ArrayList<>(List.of(EXECUTABLE.toString(), "-c", code));
        cmd.addAll(List.of(args));
        return ExternalCommand.of(cmd);
    }

    /** A script of a module's {@code src/test/python}, e.g. {@code testScript("tessera-cli", "x.py", ...)}. */
    public static ExternalCommand testScript(String module, String script, String... args) {
        List<String> cmd = new ArrayList<>(List.of(EXECUTABLE.toString(),
                SourceTree.file(module + "/src/test/python/" + script).toString()));
        cmd.addAll(List.of(args));
        return ExternalCommand.of(cmd);
    }
}
