package org.tessera.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Sub-MSs a gridder has fetched, kept on local disk between major cycles so that each cycle
 * costs compute, not downloads. Extraction goes to a temporary directory renamed into place,
 * so a crash never leaves half an MS that looks complete. The oldest jobs are evicted first.
 */
public final class SubMsCache {
    private final Path dir;
    private final int maxJobs;

    public SubMsCache(Path dir, int maxJobs) {
        this.dir = dir;
        this.maxJobs = maxJobs;
    }

    /** The extracted sub-MS of a partition, downloading it on first use. */
    public synchronized Path get(ObjectStore store, String job, int part) throws IOException {
        Path partDir = dir.resolve(job).resolve(String.format("%03d", part));
        if (Files.isDirectory(partDir)) {
            touch(dir.resolve(job));
            return SafeTar.findMeasurementSet(partDir);
        }
        evict(job);
        Path tmp = Files.createDirectories(dir.resolve(job)).resolve(String.format(".%03d-%d", part, System.nanoTime()));
        try (InputStream in = store.open(ObjectStore.WORK, Keys.part(job, part))) {
            SafeTar.extract(in, tmp, TarLimits.forCompressedSize(store.size(ObjectStore.WORK, Keys.part(job, part))));
            Files.move(tmp, partDir, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            deleteTree(tmp);
        }
        return SafeTar.findMeasurementSet(partDir);
    }

    public synchronized void forget(String job) {
        deleteTree(dir.resolve(job));
    }

    private void evict(String keep) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> jobs;
        try (Stream<Path> s = Files.list(dir)) {
            jobs = s.filter(p -> !p.getFileName().toString().equals(keep))
                    .sorted(Comparator.comparingLong(SubMsCache::modified)).toList();
        }
        for (int i = 0; i < jobs.size() - maxJobs + 1; i++) {
            deleteTree(jobs.get(i));
        }
    }

    private static void touch(Path p) {
        p.toFile().setLastModified(System.currentTimeMillis());
    }

    private static long modified(Path p) {
        return p.toFile().lastModified();
    }

    static void deleteTree(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
