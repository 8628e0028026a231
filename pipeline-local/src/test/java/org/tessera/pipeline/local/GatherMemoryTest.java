package org.tessera.pipeline.local;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.imaging.sequence.Stage;
import org.tessera.pipeline.ImageBlob;
import org.tessera.pipeline.Keys;
import org.tessera.pipeline.ObjectStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gather holds two images' worth for any number of partitions: 64 float32 partial images of
 * 1024² on the embedded S3 are summed exactly by a JVM whose heap is two double images (16.8 MB)
 * plus a constant (48 MB), where merely holding the 64 partial objects (268 MB) runs out of memory.
 */
class GatherMemoryTest {
    static final String HEAP = "-Xmx" + (2 * 8 * GatherMemoryCheck.SIZE * GatherMemoryCheck.SIZE / (1 << 20) + 48) + "m";
    @TempDir
    static Path dir;
    static LocalStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = LocalStack.start(dir.resolve("stack"), Set.of(), 1, 1);
        ObjectStore store = stack.config().objectStore();
        for (int p = 0; p < 64; p++) {
            store.put(ObjectStore.WORK, Keys.partial("gather", Stage.IMAGE, 0, p, "dirty"),
                    ImageBlob.toFloatBytes(GatherMemoryCheck.partial(p)));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void sixtyFourPartialImagesAreGatheredInTwoImagesOfHeap() throws Exception {
        for (int parts : new int[] {16, 64}) {
            Result r = check(parts, false);
            System.out.printf("K = %d, %s: %s", parts, HEAP, r.output);
            assertEquals(0, r.exit, r.output);
            assertTrue(r.output.contains("max error 0"), r.output);
        }
        Result holding = check(64, true);
        System.out.printf("holding all 64 partials, %s: exit %d%n", HEAP, holding.exit);
        assertNotEquals(0, holding.exit, "the heap limit must be too small to hold the 64 partials: " + holding.output);
        assertTrue(holding.output.contains("OutOfMemoryError"), holding.output);
    }

    private record Result(int exit, String output) {
    }

    private static Result check(int parts, boolean hold) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP, "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                GatherMemoryCheck.class.getName(), "gather", String.valueOf(parts)));
        if (hold) {
            cmd.add("hold");
        }
        Path log = dir.resolve("gather-" + parts + (hold ? "-hold" : "") + ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(stack.config().toEnvironment());
        Process process = pb.start();
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("gather check did not finish: " + Files.readString(log));
        }
        return new Result(process.exitValue(), Files.readString(log));
    }
}
