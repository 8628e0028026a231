package org.tessera.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Locates ../shared/data/ms and the python-casacore reference, skipping tests when absent. */
final class SharedData {
    static final Path PYTHON = Path.of("/usr/bin/python3");

    private SharedData() {
    }

    static Path root() {
        String root = System.getProperty("tessera.root");
        return root != null ? Path.of(root) : Path.of("..").toAbsolutePath().normalize();
    }

    static Path msDir() {
        Path dir = root().resolve("../shared/data/ms").normalize();
        assumeTrue(Files.isDirectory(dir), "skipped: real MeasurementSets not found at " + dir
                + " (../shared is absent in a plain clone)");
        return dir;
    }

    static Path ms(String name) {
        Path p = msDir().resolve(name);
        assumeTrue(Files.isDirectory(p), "skipped: " + p + " not found");
        return p;
    }

    /** Every MS in ../shared/data/ms and its edge/ folder. */
    static List<Path> allMs() throws Exception {
        List<Path> list = new ArrayList<>();
        Path dir = msDir();
        try (Stream<Path> s = Stream.concat(Files.list(dir), Files.list(dir.resolve("edge")))) {
            s.filter(p -> p.getFileName().toString().endsWith(".ms")).sorted().forEach(list::add);
        }
        return list;
    }

    static void assumePythonCasacore() throws Exception {
        boolean ok = false;
        if (Files.isExecutable(PYTHON)) {
            Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import casacore.tables, numpy")
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            ok = p.waitFor() == 0;
        }
        assumeTrue(ok, "skipped: /usr/bin/python3 with python-casacore is not installed (apt-get install python3-casacore)");
    }

    /** Runs a python script from src/test/python and returns its standard output. */
    static String python(String script, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(PYTHON.toString(),
                root().resolve("tessera-cli/src/test/python").resolve(script).toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new AssertionError(script + " failed with exit code " + p.exitValue());
        }
        return out;
    }
}
