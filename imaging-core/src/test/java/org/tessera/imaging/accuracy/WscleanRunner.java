package org.tessera.imaging.accuracy;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Runs the reference imager WSClean 3.1 on a copy of a MeasurementSet (it writes into the MS). */
final class WscleanRunner {
    private WscleanRunner() {
    }

    static void assumeInstalled() throws Exception {
        boolean ok;
        try {
            ProcessBuilder pb = new ProcessBuilder("wsclean", "-version").redirectErrorStream(true);
            pb.environment().put("OPENBLAS_NUM_THREADS", "1");
            Process p = pb.start();
            p.getInputStream().readAllBytes();
            ok = p.waitFor() == 0;
        } catch (IOException e) {
            ok = false;
        }
        assumeTrue(ok, "skipped: wsclean is not installed (apt-get install wsclean)");
    }

    /** Copies a MeasurementSet directory tree, making the copy writable. */
    static Path copyMs(Path ms, Path dir) throws IOException {
        Path target = dir.resolve(ms.getFileName());
        try (Stream<Path> files = Files.walk(ms)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.naturalOrder())::iterator) {
                Path t = target.resolve(ms.relativize(p).toString());
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

    /** {@code wsclean -use-wgridder -no-small-inversion ... -name prefix ms} with the given extra options. */
    static void run(Path ms, String prefix, String... options) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("wsclean", "-quiet", "-j", "1", "-use-wgridder",
                "-no-small-inversion"));
        cmd.addAll(List.of(options));
        cmd.addAll(List.of("-name", prefix, ms.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("OPENBLAS_NUM_THREADS", "1");
        Process p = pb.start();
        String log = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new AssertionError("wsclean failed (" + String.join(" ", cmd) + "):\n" + log);
        }
    }
}
