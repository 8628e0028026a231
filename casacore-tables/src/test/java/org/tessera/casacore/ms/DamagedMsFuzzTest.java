package org.tessera.casacore.ms;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.tessera.casacore.CasacoreException;
import org.tessera.testsupport.RandomDamage;
import org.tessera.testsupport.SharedMs;
import org.tessera.testsupport.TreeCopy;

/**
 * Seeded random damage to copies of real MSs (bit flips, zeroed spans, truncations, absurd counts and
 * offsets in table.dat and the data managers' files). Each damaged copy must be read, or refused with
 * one {@link CasacoreException} naming the damaged table and the problem: no Java exception name, no
 * hang, and no allocation beyond what a valid read of the same MS needs.
 * {@code -Dtessera.fuzz.seed=S} replays the single case S that a failure names.
 */
class DamagedMsFuzzTest {
    private static final long SEED = 20_261_202L;
    /** 100 per MS keeps the test near 20 s; {@code -Dtessera.fuzz.cases=N} runs more. */
    private static final int CASES_PER_MS = Integer.getInteger("tessera.fuzz.cases", 100);
    /** Small MSs that together use every storage manager, both byte orders and indirect arrays. */
    private static final List<String> MSS = List.of("vla-tdem0003.ms", "lofar-hba-3c48.ms",
            "edge/mwa-1baseline-768ch.ms");
    private static final Duration PER_COPY = Duration.ofSeconds(20);
    private static final Pattern JAVA_NAME = Pattern.compile("[A-Z]\\w*(Exception|Error)\\b|java\\.");

    @TempDir
    Path tmp;

    @Test
    void everyDamagedCopyIsReadOrRefusedWithOneClearError() throws IOException {
        Long only = Long.getLong("tessera.fuzz.seed");
        List<String> failures = new ArrayList<>();
        for (int m = 0; m < MSS.size(); m++) {
            Path ms = TreeCopy.writable(SharedMs.require(MSS.get(m)), tmp.resolve("copy" + m + ".ms"));
            List<Path> files = readFiles(ms);
            long budget = allocationBudget(ms);
            for (int i = 0; i < CASES_PER_MS; i++) {
                long seed = SEED + 1_000_000L * m + i;
                if (only != null && only != seed) {
                    continue;
                }
                Random rnd = new Random(seed);
                Path file = files.get(rnd.nextInt(files.size()));
                byte[] original = Files.readAllBytes(file);
                String damage = RandomDamage.apply(file, rnd, structured(file));
                String wrong = misbehaviour(ms, file.getParent(), budget);
                Files.write(file, original);
                if (wrong != null) {
                    failures.add("seed " + seed + ", " + MSS.get(m) + "/" + ms.relativize(file) + ", " + damage
                            + ": " + wrong);
                }
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " damaged copies misbehaved:\n"
                + String.join("\n", failures));
    }

    /** The files that reading the MS opens: table.dat, table.lock and the data managers' files. */
    private static List<Path> readFiles(Path ms) throws IOException {
        List<Path> out = new ArrayList<>();
        List<Path> tables = new ArrayList<>(List.of(ms));
        FullRead.SUBTABLES.forEach(s -> tables.add(ms.resolve(s)));
        for (Path t : tables) {
            try (Stream<Path> s = Files.list(t)) {
                s.filter(p -> p.getFileName().toString().matches("table\\.(dat|lock|f\\d+.*)")).sorted().forEach(out::add);
            }
        }
        return out;
    }

    /** Headers and indices rather than bulk data: all but the tile files of the tiled managers. */
    private static boolean structured(Path file) {
        return !file.getFileName().toString().contains("_TSM");
    }

    /** What a damaged copy may allocate: a few times what reading the intact MS does. */
    private static long allocationBudget(Path ms) {
        long before = allocatedBytes();
        FullRead.of(ms);
        return 4 * (allocatedBytes() - before) + (64L << 20);
    }

    /** Null when the read succeeded or was refused as it should be, else what went wrong. */
    private static String misbehaviour(Path ms, Path table, long budget) {
        AtomicLong allocated = new AtomicLong();
        Throwable thrown;
        try {
            thrown = assertTimeoutPreemptively(PER_COPY, () -> {
                long before = allocatedBytes();
                try {
                    FullRead.of(ms);
                    return null;
                } catch (Throwable t) {
                    return t;
                } finally {
                    allocated.set(allocatedBytes() - before);
                }
            });
        } catch (AssertionFailedError e) {
            return "no answer within " + PER_COPY.toSeconds() + " s";
        }
        if (allocated.get() > budget) {
            return "allocated " + allocated.get() + " bytes, over the budget of " + budget
                    + (thrown == null ? "" : " (then " + thrown + ")");
        }
        if (thrown == null) {
            return null;
        }
        if (!(thrown instanceof CasacoreException)) {
            return "threw " + thrown + " at " + origin(thrown);
        }
        String message = thrown.getMessage();
        int at = message.indexOf(table.toString());
        if (at < 0) {
            return "the message does not name " + table + ": " + message;
        }
        if (JAVA_NAME.matcher(message).find()) {
            return "the message names a Java exception: " + message;
        }
        if (message.length() - message.indexOf(": ", at) < 10) {
            return "the message does not say what is wrong: " + message;
        }
        return null;
    }

    private static String origin(Throwable t) {
        for (StackTraceElement e : t.getStackTrace()) {
            if (e.getClassName().startsWith("org.tessera")) {
                return e.toString();
            }
        }
        return t.getStackTrace().length > 0 ? t.getStackTrace()[0].toString() : "?";
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
