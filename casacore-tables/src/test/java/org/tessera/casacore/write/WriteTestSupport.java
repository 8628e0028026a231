package org.tessera.casacore.write;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.tessera.casacore.table.Column;
import org.tessera.casacore.table.Table;

/** Locating shared data and external tools, running them, and comparing tables. */
final class WriteTestSupport {
    static final String PYTHON = "/usr/bin/python3";

    private WriteTestSupport() {
    }

    /** The shared MS directory: {@code <tessera.root>/../shared/data/ms}, else ../shared. */
    static Path sharedMsDir() {
        String root = System.getProperty("tessera.root");
        List<Path> candidates = new ArrayList<>();
        if (root != null) {
            candidates.add(Path.of(root).resolve("../shared/data/ms").normalize());
        }
        candidates.add(Path.of("../shared/data/ms").toAbsolutePath().normalize());
        candidates.add(Path.of("../../shared/data/ms").toAbsolutePath().normalize());
        for (Path p : candidates) {
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        Assumptions.assumeTrue(false, "shared test MeasurementSets not found (looked in " + candidates + ")");
        return null;
    }

    static Path sharedMs(String relative) {
        Path p = sharedMsDir().resolve(relative);
        Assumptions.assumeTrue(Files.isDirectory(p), "shared MS " + p + " is missing");
        return p;
    }

    /** All shared MSs, edge cases included. */
    static List<Path> allSharedMss() throws IOException {
        Path dir = sharedMsDir();
        List<Path> out = new ArrayList<>();
        for (Path base : List.of(dir, dir.resolve("edge"))) {
            if (!Files.isDirectory(base)) {
                continue;
            }
            try (var s = Files.list(base)) {
                s.filter(p -> p.getFileName().toString().endsWith(".ms")).sorted().forEach(out::add);
            }
        }
        return out;
    }

    static void assumePythonCasacore() {
        Assumptions.assumeTrue(Files.isExecutable(Path.of(PYTHON))
                && run(List.of(PYTHON, "-c", "import casacore.tables"), Map.of()).exit == 0,
                "python-casacore (/usr/bin/python3 with casacore.tables) is not installed");
    }

    static void assumeTool(String tool) {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin", tool)) || onPath(tool),
                tool + " is not installed");
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    /** The python helper scripts next to the Java tests. */
    static Path pythonScript(String name) {
        String root = System.getProperty("tessera.root");
        for (Path p : List.of(Path.of("src/test/python", name),
                Path.of(root == null ? "." : root, "casacore-tables/src/test/python", name))) {
            if (Files.isRegularFile(p)) {
                return p.toAbsolutePath();
            }
        }
        throw new IllegalStateException("test helper " + name + " not found");
    }

    record Result(int exit, String output) {
    }

    static Result run(List<String> command, Map<String, String> env) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().putAll(env);
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(600, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "timed out: " + command);
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, e.toString());
        }
    }

    /** Runs a command and fails the test with its output when it does not succeed. */
    static String runOk(List<String> command, Map<String, String> env) {
        Result r = run(command, env);
        assertEquals(0, r.exit, () -> "command failed: " + command + "\n" + r.output);
        return r.output;
    }

    static String python(String code) {
        return runOk(List.of(PYTHON, "-c", code), Map.of());
    }

    /** Every cell of every column of a (source rows → expected rows) mapping equal, read with the Java reader. */
    static void assertSameCells(Table expected, long[] expectedRows, Table actual) {
        assertEquals(expectedRows.length, actual.nrow(), "row count of " + actual.path());
        for (String name : expected.columnNames()) {
            Column e = expected.column(name);
            Column a = actual.column(name);
            for (int i = 0; i < expectedRows.length; i++) {
                Object ev = e.get(expectedRows[i]);
                Object av = a.get(i);
                if (!equalValues(ev, av)) {
                    throw new AssertionError(actual.path() + ": column " + name + " row " + i + " is " + av
                            + ", expected " + ev + " (source row " + expectedRows[i] + ")");
                }
            }
        }
    }

    static boolean equalValues(Object a, Object b) {
        if (a instanceof Double x && b instanceof Double y) {
            return Double.doubleToLongBits(x) == Double.doubleToLongBits(y);
        }
        if (a instanceof Float x && b instanceof Float y) {
            return Float.floatToIntBits(x) == Float.floatToIntBits(y);
        }
        if (a instanceof org.tessera.casacore.table.ArrayValue x && b instanceof org.tessera.casacore.table.ArrayValue y) {
            return x.equals(y) || (Arrays.equals(x.shape(), y.shape())
                    && Arrays.deepEquals(new Object[] {x.data()}, new Object[] {y.data()}));
        }
        return java.util.Objects.equals(a, b);
    }

    static long[] range(long start, long end) {
        long[] r = new long[(int) (end - start)];
        for (int i = 0; i < r.length; i++) {
            r[i] = start + i;
        }
        return r;
    }
}
