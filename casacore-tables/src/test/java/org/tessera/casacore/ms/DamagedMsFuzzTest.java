package org.tessera.casacore.ms;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.casacore.CasacoreException;
import org.tessera.testsupport.RandomDamage;
import org.tessera.testsupport.SharedMs;
import org.tessera.testsupport.TreeCopy;

/**
 * Damaged copies of real MSs (seeded bit flips, zeroed spans, truncations, absurd counts and offsets
 * in table.dat and the data managers' files): each must be read, or refused with one
 * {@link CasacoreException} naming the damaged table and the problem (see {@link DamagedRead}).
 * {@code -Dtessera.fuzz.seed=S} replays the single case S that a failure names.
 */
class DamagedMsFuzzTest {
    private static final long SEED = 20_261_202L;
    /** 100 per MS keeps the test near 20 s; {@code -Dtessera.fuzz.cases=N} runs more. */
    private static final int CASES_PER_MS = Integer.getInteger("tessera.fuzz.cases", 100);
    /** Small MSs that together use every storage manager, both byte orders and indirect arrays. */
    private static final List<String> MSS = List.of("vla-tdem0003.ms", "lofar-hba-3c48.ms",
            "edge/mwa-1baseline-768ch.ms");

    @TempDir
    Path tmp;

    @Test
    void everyRandomlyDamagedCopyIsReadOrRefusedWithOneClearError() throws IOException {
        Long only = Long.getLong("tessera.fuzz.seed");
        List<String> failures = new ArrayList<>();
        for (int m = 0; m < MSS.size(); m++) {
            Path ms = TreeCopy.writable(SharedMs.require(MSS.get(m)), tmp.resolve("copy" + m + ".ms"));
            List<Path> files = readFiles(ms);
            DamagedRead verdict = DamagedRead.budgetFrom(ms);
            for (int i = 0; i < CASES_PER_MS; i++) {
                long seed = SEED + 1_000_000L * m + i;
                if (only != null && only != seed) {
                    continue;
                }
                Random rnd = new Random(seed);
                // One damaged file in most cases, two in a quarter of them (the message may name either table).
                List<Path> damaged = new ArrayList<>();
                List<byte[]> originals = new ArrayList<>();
                StringBuilder damage = new StringBuilder();
                for (int k = rnd.nextInt(4) == 0 ? 2 : 1; k > 0; k--) {
                    Path file = files.get(rnd.nextInt(files.size()));
                    if (!damaged.contains(file)) {
                        damaged.add(file);
                        originals.add(Files.readAllBytes(file));
                    }
                    damage.append(damage.length() > 0 ? "; " : "").append(MSS.get(m)).append('/')
                            .append(ms.relativize(file)).append(": ").append(RandomDamage.apply(file, rnd, structured(file)));
                }
                String wrong = verdict.misbehaviour(ms, damaged.stream().map(Path::getParent).toList());
                for (int k = 0; k < damaged.size(); k++) {
                    Files.write(damaged.get(k), originals.get(k));
                }
                if (wrong != null) {
                    failures.add("seed " + seed + ", " + damage + ": " + wrong);
                }
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " damaged copies misbehaved:\n"
                + String.join("\n", failures));
    }

    /** The case of issue 16: zeros in the TiledShapeStMan header of vla-tdem0003.ms, at every offset. */
    @Test
    void everyZeroedSpanOfATiledHeaderIsReadOrRefusedWithOneClearError() throws IOException {
        Path ms = TreeCopy.writable(SharedMs.require("vla-tdem0003.ms"), tmp.resolve("vla.ms"));
        Path file = ms.resolve("table.f5");
        byte[] original = Files.readAllBytes(file);
        DamagedRead verdict = DamagedRead.budgetFrom(ms);
        List<String> failures = new ArrayList<>();
        for (int at = 0; at < original.length; at += 4) {
            byte[] damaged = original.clone();
            Arrays.fill(damaged, at, Math.min(damaged.length, at + 16), (byte) 0);
            Files.write(file, damaged);
            String wrong = verdict.misbehaviour(ms, List.of(ms));
            if (wrong != null) {
                failures.add("16 bytes zeroed at " + at + ": " + wrong);
            }
        }
        Files.write(file, original);
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    /** The files that reading the MS opens: table.dat, table.lock and the data managers' files. */
    private static List<Path> readFiles(Path ms) throws IOException {
        List<Path> out = new ArrayList<>();
        List<Path> tables = new ArrayList<>(List.of(ms));
        FullRead.SUBTABLES.forEach(s -> tables.add(ms.resolve(s)));
        for (Path t : tables) {
            try (Stream<Path> s = Files.list(t)) {
                s.filter(p -> p.getFileName().toString().matches("table\\.(dat|lock|f\\d+.*)")).sorted()
                        .forEach(out::add);
            }
        }
        return out;
    }

    /** Headers and indices rather than bulk data: all but the tile files of the tiled managers. */
    private static boolean structured(Path file) {
        return !file.getFileName().toString().contains("_TSM");
    }
}
