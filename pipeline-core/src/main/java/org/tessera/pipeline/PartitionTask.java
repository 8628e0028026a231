package org.tessera.pipeline;

import org.tessera.casacore.CasacoreException;
import org.tessera.casacore.ms.Field;
import org.tessera.casacore.ms.MeasurementSet;
import org.tessera.imaging.Band;
import org.tessera.imaging.ParameterException;
import org.tessera.imaging.spectral.ChannelGroup;
import org.tessera.imaging.spectral.ChannelGroups;
import org.tessera.imaging.spectral.SpectralParameters;
import org.tessera.imaging.RunParameters;
import org.tessera.imaging.gridding.WRange;
import org.tessera.imaging.ms.MsVisibilitySource;
import org.tessera.partition.PartitionManifest;
import org.tessera.partition.PartitionPlan;
import org.tessera.partition.PartitionPlanner;
import org.tessera.partition.Partitioner;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * PARTITION: fetches the MS tarball, extracts it safely, splits it by time or channel with
 * ms-partition, and uploads one tarball per sub-MS plus the manifest and the job setup.
 * A tarball that is not a readable MS fails the job with the reader's message.
 */
public final class PartitionTask implements Task {
    private final JobContext jobs;
    private final Path scratch;

    public PartitionTask(JobContext jobs, Path scratch) {
        this.jobs = jobs;
        this.scratch = scratch;
    }

    @Override
    public Map<String, Object> execute(TaskMessage task) throws IOException {
        ObjectStore store = jobs.store();
        RunParameters params = jobs.parameters(task.jobId());
        String source = task.input("ms");
        int slash = source.indexOf('/');
        Path work = Files.createDirectories(scratch).resolve(task.jobId() + "-" + System.nanoTime());
        try {
            Path extracted = work.resolve("in");
            String bucket = source.substring(0, slash);
            String key = source.substring(slash + 1);
            try (InputStream in = store.open(bucket, key)) {
                SafeTar.extract(in, extracted, TarLimits.forCompressedSize(store.size(bucket, key)));
            } catch (IOException e) {
                throw new JobFailure(source + " is not a readable tar or tar.gz: " + e.getMessage(), e);
            }
            Path msPath = SafeTar.findMeasurementSet(extracted);
            try (MeasurementSet ms = MeasurementSet.open(msPath)) {
                JobSetup setup = split(task, store, params, ms, work.resolve("out"));
                store.put(ObjectStore.WORK, Keys.setup(task.jobId()), Json.bytes(setup));
                return Map.of("parts", setup.parts(), "rows", setup.rows());
            } catch (CasacoreException e) {
                throw new JobFailure("bad MeasurementSet " + source + ": " + e.getMessage(), e);
            }
        } finally {
            SubMsCache.deleteTree(work);
        }
    }

    private JobSetup split(TaskMessage task, ObjectStore store, RunParameters params, MeasurementSet ms, Path out)
            throws IOException {
        if (ms.rows() == 0) {
            throw new JobFailure("the MeasurementSet has no rows");
        }
        PartitionPlan plan = params.partitionBy().equals("channel")
                ? PartitionPlanner.byChannel(ms, params.partitions())
                : byTimeOrRows(ms, params.partitions());
        PartitionManifest manifest = Partitioner.write(ms, plan, out);
        Field field = ms.fields().isEmpty() ? new Field(0, "", 0, 0) : ms.fields().get(0);
        String column = new MsVisibilitySource(ms, params.imaging().dataColumn(), field.id(), 1 << 20).dataColumn();
        if (!ms.mainTable().hasColumn(column)) {
            throw new JobFailure("the MeasurementSet has no data column " + column);
        }
        List<WRange> wRanges = new ArrayList<>();
        for (PartitionManifest.Entry e : manifest.parts()) {
            wRanges.add(wRange(out.resolve(e.path()), column, field.id()));
            Path tar = out.resolve(e.path() + ".tar");
            try (OutputStream o = Files.newOutputStream(tar)) {
                SafeTar.create(out.resolve(e.path()), o);
            }
            store.putFile(ObjectStore.WORK, Keys.part(task.jobId(), e.index()), tar);
            Files.delete(tar);
        }
        store.putFile(ObjectStore.WORK, Keys.manifest(task.jobId()), out.resolve(Partitioner.MANIFEST));
        List<ChannelGroup> groups;
        try {
            groups = ChannelGroups.of(ms.spectralWindows(), params.spectral(), task.input("ms"));
        } catch (ParameterException e) {
            throw new JobFailure(e.getMessage(), e);
        }
        SpectralParameters spectral = params.spectral();
        boolean everyChannel = spectral.channelStart() == 0 && spectral.channelEnd() < 0;
        // one image of a channel range grids that range; a cube's groups each get a job of their own
        ChannelGroup group = !spectral.isMultiChannel() && !everyChannel ? groups.get(0) : null;
        Band band = group != null ? group.band() : Band.of(ms.spectralWindows());
        List<Long> visibilities = manifest.parts().stream().map(PartitionManifest.Entry::visibilities).toList();
        return new JobSetup(manifest.parts().size(), manifest.mode(), field.id(), field.raRad(), field.decRad(),
                band.centreHz(), band.widthHz(), column, ms.rows(), visibilities, wRanges, groups, group, null);
    }

    /** The w range of one sub-MS, read as its gridder will read it. */
    private static WRange wRange(Path subMs, String column, int fieldId) {
        try (MeasurementSet part = MeasurementSet.open(subMs)) {
            // as the in-process imager: the extent of the samples that carry weight, data column unread
            return WRange.of(new MsVisibilitySource(part, column, fieldId, GridTask.CHUNK_BYTES).withoutVisibilities());
        }
    }

    /** By time; a snapshot with fewer time steps than parts is split by rows instead. */
    private static PartitionPlan byTimeOrRows(MeasurementSet ms, int parts) {
        try {
            return PartitionPlanner.byTime(ms, parts);
        } catch (CasacoreException e) {
            if (!e.getMessage().contains("distinct time steps")) {
                throw e;
            }
            return RowSplit.plan(ms, parts);
        }
    }
}
