package org.tessera.casacore.table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/** Finds the shared test MeasurementSets and python-casacore; tests skip when either is absent. */
public final class SharedData {
    static final Path PYTHON = Path.of("/usr/bin/python3");

    private SharedData() {
    }

    /** The directory holding the shared MSs, or null. */
    static Path msDir() {
        List<Path> candidates = new ArrayList<>();
        String root = System.getProperty("tessera.root");
        if (root != null && !root.isBlank()) {
            candidates.add(Path.of(root).resolve("../shared/data/ms"));
        }
        candidates.add(Path.of("../shared/data/ms"));
        candidates.add(Path.of("../../shared/data/ms"));
        for (Path p : candidates) {
            if (Files.isDirectory(p)) {
                return p.toAbsolutePath().normalize();
            }
        }
        return null;
    }

    public static Path requireMsDir() {
        Path dir = msDir();
        Assumptions.assumeTrue(dir != null,
                "shared test data ../shared/data/ms not found (set -Dtessera.root); skipping");
        return dir;
    }

    /** Every MS in the shared data, edge cases included. */
    public static List<Path> allMeasurementSets() {
        Path dir = msDir();
        if (dir == null) {
            return List.of();
        }
        List<Path> out = new ArrayList<>();
        for (Path d : List.of(dir, dir.resolve("edge"))) {
            try (Stream<Path> s = Files.list(d)) {
                s.filter(p -> p.getFileName().toString().endsWith(".ms")).sorted().forEach(out::add);
            } catch (IOException e) {
                throw new IllegalStateException("cannot list " + d, e);
            }
        }
        return out;
    }

    static void requirePythonCasacore() {
        boolean ok = false;
        if (Files.isExecutable(PYTHON)) {
            try {
                Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import casacore.tables")
                        .redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                ok = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException e) {
                ok = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Assumptions.assumeTrue(ok, "/usr/bin/python3 with python-casacore not available; skipping");
    }

    /** A small real MS copied into dir (without its lock file), for tests that damage it. */
    static Path copySmallMs(Path dir) throws IOException {
        Path src = requireMsDir().resolve("edge/lwasv-nan.ms");
        Assumptions.assumeTrue(Files.isDirectory(src), "shared MS " + src + " not found; skipping");
        Path dst = dir.resolve("small.ms");
        try (Stream<Path> walk = Files.walk(src)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = dst.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                    target.toFile().setWritable(true);
                }
            }
        }
        return dst;
    }
}
