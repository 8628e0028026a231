package org.tessera.partition;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.tessera.casacore.CasacoreException;
import org.tessera.casacore.ms.MeasurementSet;
import org.tessera.casacore.table.Column;
import org.tessera.casacore.write.MeasurementSetWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Writes the sub-MSs of a {@link PartitionPlan} and their manifest. On any failure every part
 * written so far is removed (and the output directory, if this call created it), so a failed
 * partition leaves nothing half-written behind.
 */
public final class Partitioner {
    public static final String MANIFEST = "partitions.json";

    private Partitioner() {
    }

    /** Name of part k of an MS called {@code X.ms}: {@code X-part-00k.ms}. */
    public static String partName(Path ms, int index) {
        String name = ms.getFileName().toString();
        String stem = name.toLowerCase().endsWith(".ms") ? name.substring(0, name.length() - 3) : name;
        return String.format("%s-part-%03d.ms", stem, index);
    }

    public static PartitionManifest write(MeasurementSet ms, PartitionPlan plan, Path outDir) {
        return write(ms, plan, outDir, entry -> { });
    }

    /**
     * Writes the parts one after the other, telling {@code written} of each as soon as it is complete
     * (so that a caller can ship part k while part k+1 is written); the listener runs on this thread.
     */
    public static PartitionManifest write(MeasurementSet ms, PartitionPlan plan, Path outDir,
                                          Consumer<PartitionManifest.Entry> written) {
        boolean createdDir = !Files.exists(outDir);
        List<Path> paths = new ArrayList<>();
        try {
            Files.createDirectories(outDir);
            for (PartitionPlan.Part part : plan.parts()) {
                Path target = outDir.resolve(partName(ms.path(), part.index()));
                if (Files.exists(target)) {
                    throw new CasacoreException(target, "already exists; choose an empty output directory");
                }
            }
            List<PartitionManifest.Entry> entries = new ArrayList<>();
            for (PartitionPlan.Part part : plan.parts()) {
                Path target = outDir.resolve(partName(ms.path(), part.index()));
                paths.add(target);
                PartitionManifest.Entry entry = writePart(ms, part, target);
                entries.add(entry);
                written.accept(entry);
            }
            PartitionManifest manifest = new PartitionManifest(ms.path().toString(),
                    plan.mode().label(), ms.rows(), List.copyOf(entries));
            writeManifest(manifest, outDir.resolve(MANIFEST));
            return manifest;
        } catch (IOException e) {
            cleanUp(paths, outDir, createdDir);
            throw new CasacoreException(outDir, "cannot write partitions: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            cleanUp(paths, outDir, createdDir);
            throw e;
        }
    }

    /**
     * The manifest of a one-part plan that keeps every row and channel: the part is the MS itself,
     * so nothing is written (its entry names the MS, its size is the MS's).
     */
    public static PartitionManifest passThrough(MeasurementSet ms, PartitionPlan plan) {
        if (!keepsEverything(ms, plan)) {
            throw new IllegalArgumentException("a pass-through needs one part of every row and channel");
        }
        PartitionPlan.Part part = plan.parts().get(0);
        int channels = ms.spectralWindows().isEmpty() ? 0 : ms.spectralWindows().get(0).channels();
        PartitionManifest.Entry entry = new PartitionManifest.Entry(0, ms.path().getFileName().toString(), ms.rows(),
                part.timeMin(), part.timeMax(), directorySize(ms.path()), visibilities(ms), 0, channels);
        return new PartitionManifest(ms.path().toString(), plan.mode().label(), ms.rows(), List.of(entry));
    }

    /** Whether the plan is one part holding every row and channel of the MS, in order. */
    public static boolean keepsEverything(MeasurementSet ms, PartitionPlan plan) {
        if (plan.parts().size() != 1) {
            return false;
        }
        PartitionPlan.Part part = plan.parts().get(0);
        List<long[]> ranges = part.rowRanges();
        return part.channels() < 0 && ranges.size() == 1 && ranges.get(0)[0] == 0 && ranges.get(0)[1] == ms.rows();
    }

    private static PartitionManifest.Entry writePart(MeasurementSet ms, PartitionPlan.Part part, Path target) {
        List<MeasurementSetWriter.RowRange> ranges = new ArrayList<>();
        for (long[] r : part.rowRanges()) {
            ranges.add(new MeasurementSetWriter.RowRange(r[0], r[1]));
        }
        long rows = part.channels() < 0
                ? MeasurementSetWriter.write(ms.path(), target, ranges)
                : MeasurementSetWriter.write(ms.path(), target, ranges, part.firstChannel(),
                        part.firstChannel() + part.channels());
        try (MeasurementSet sub = MeasurementSet.open(target)) {
            int channels = sub.spectralWindows().isEmpty() ? 0 : sub.spectralWindows().get(0).channels();
            return new PartitionManifest.Entry(part.index(), target.getFileName().toString(), rows,
                    part.timeMin(), part.timeMax(), directorySize(target), visibilities(sub),
                    part.firstChannel(), channels);
        }
    }

    /** Σ over rows of channels × correlations of the row's data description. */
    static long visibilities(MeasurementSet ms) {
        long[] perDd = new long[ms.dataDescriptions().size()];
        ms.dataDescriptions().forEach(dd -> perDd[dd.id()] = (long) ms.spectralWindows()
                .get(dd.spectralWindowId()).channels() * ms.polarizations().get(dd.polarizationId()).correlations());
        Column ddId = ms.mainTable().column("DATA_DESC_ID");
        int chunk = 1 << 16;
        int[] ids = new int[chunk];
        long total = 0;
        for (long start = 0; start < ms.rows(); start += chunk) {
            int n = (int) Math.min(chunk, ms.rows() - start);
            ddId.getInts(start, n, ids, 0);
            for (int i = 0; i < n; i++) {
                total += perDd[ids[i]];
            }
        }
        return total;
    }

    /** Writes a manifest file (through a temporary file, so a reader never sees half of one). */
    public static void writeManifest(PartitionManifest manifest, Path path) throws IOException {
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(tmp.toFile(), manifest);
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public static PartitionManifest readManifest(Path path) {
        try {
            return new ObjectMapper().readValue(path.toFile(), PartitionManifest.class);
        } catch (IOException e) {
            throw new CasacoreException(path, "cannot read partition manifest: " + e.getMessage(), e);
        }
    }

    /** Bytes of all files under a directory (the size of an MS on disk). */
    public static long directorySize(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void cleanUp(List<Path> written, Path outDir, boolean createdDir) {
        for (Path p : written) {
            deleteTree(p);
        }
        deleteTree(outDir.resolve(MANIFEST + ".tmp"));
        if (createdDir) {
            deleteTree(outDir);
        }
    }

    private static void deleteTree(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // Best effort: the original error is what the user needs to see.
        }
    }
}
