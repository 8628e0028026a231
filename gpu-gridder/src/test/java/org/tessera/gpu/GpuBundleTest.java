package org.tessera.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.testsupport.SharedMs;

/**
 * bench/gpu-bundle.sh makes a bundle of at most 60 MiB (the device call carries 64 MiB) from this
 * module's classpath; its runtime runs MakeWideMs; its run-gpu-checks.sh, on a machine without a
 * GPU, prints one line and exits 2.
 */
class GpuBundleTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theBundleFitsRunsAndSaysWhenThereIsNoGpu(@TempDir Path tmp) throws Exception {
        assumeTrue(SharedMs.present(), "GPU bundle test skipped: no shared MSs (" + SharedMs.location() + ")");
        Path bundle = tmp.resolve("bundle");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Result made = run(Map.of("BUNDLE_CLASSPATH", classpath.replace(File.pathSeparatorChar, ':'),
                "TEMPLATE_MS", SharedMs.require("mwa-pupa.ms").toString()), 600,
                "bash", ROOT.resolve("bench/gpu-bundle.sh").toString(), bundle.toString());
        assertEquals(0, made.code, made.output);
        long size;
        try (Stream<Path> files = Files.walk(bundle)) {
            size = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        assertTrue(size <= 60L << 20, "bundle is " + size + " bytes");
        assertTrue(size > 20L << 20, "bundle holds a runtime: " + size + " bytes");
        for (String f : List.of("jre/bin/java", "run-gpu-checks.sh", "data/template.ms.tar.gz")) {
            assertTrue(Files.exists(bundle.resolve(f)), f);
        }

        Path ms = tmp.resolve("one-step.ms");
        Result made2 = run(Map.of(), 300, bundle.resolve("jre/bin/java").toString(), "-cp", bundle.resolve("lib") + "/*",
                "org.tessera.imaging.simulation.MakeWideMs", SharedMs.require("mwa-pupa.ms").toString(), ms.toString(), "1");
        assertEquals(0, made2.code, made2.output);
        assertTrue(made2.output.contains("8128 rows x 24 channels"), made2.output);

        assumeFalse(GpuDevice.probe().usable(), "this machine has a GPU: run-gpu-checks.sh would run the checks");
        Result checks = run(Map.of(), 120, "bash", bundle.resolve("run-gpu-checks.sh").toString(),
                tmp.resolve("results").toString());
        assertEquals(2, checks.code, checks.output);
        List<String> lines = checks.output.lines().toList();
        assertEquals(1, lines.size(), checks.output);
        assertTrue(lines.get(0).startsWith("run-gpu-checks: no usable GPU here (no usable CUDA device: "), lines.get(0));
    }

    private record Result(int code, String output) {
    }

    private static Result run(Map<String, String> env, int timeoutSeconds, String... command)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true);
        pb.environment().putAll(env);
        pb.environment().remove("OUT");
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " ran over " + timeoutSeconds + " s");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
