package org.tessera.pipeline;

import org.tessera.casacore.CasacoreException;
import org.tessera.casacore.ms.Field;
import org.tessera.casacore.ms.MeasurementSet;
import org.tessera.imaging.Band;
import org.tessera.imaging.ImageGeometry;
import org.tessera.imaging.ImagingParameters;
import org.tessera.imaging.ParameterException;
import org.tessera.imaging.spectral.ChannelGroup;
import org.tessera.imaging.spectral.ChannelGroups;
import org.tessera.imaging.spectral.SpectralParameters;
import org.tessera.imaging.RunParameters;
import org.tessera.imaging.gridding.GridderSettings;
import org.tessera.imaging.gridding.WGridPlan;
import org.tessera.imaging.gridding.WRange;
import org.tessera.imaging.ms.MsVisibilitySource;
import org.tessera.partition.PartitionManifest;
import org.tessera.partition.PartitionPlan;
import org.tessera.partition.PartitionPlanner;
import org.tessera.partition.Partitioner;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * PARTITION: fetches the MS tarball, extracts it safely, splits it by time, channel or w with
 * ms-partition, and uploads one tarball per sub-MS plus the manifest and the job setup.
 * A tarball that is not a readable MS fails the job with the reader's message; a disk that
 * fills up is an IOException, so the broker delivers the task again (to this or another replica).
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
            // an unreadable or unsafe tarball fails the job; a full disk or a dropped connection is retried
            try (InputStream in = store.open(bucket, key)) {
                SafeTar.extract(in, extracted, TarLimits.forCompressedSize(store.size(bucket, key)));
            } catch (JobFailure e) {
                throw new JobFailure(source + ": " + e.getMessage(), e);
            }
            Path msPath = SafeTar.findMeasurementSet(extracted);
            try (MeasurementSet ms = MeasurementSet.open(msPath)) {
                long t0 = System.nanoTime();
                JobSetup setup = split(task, store, params, ms, work.resolve("out"));
                store.put(ObjectStore.WORK, Keys.setup(task.jobId()), Json.bytes(setup));
                Map<String, Object> facts = facts(setup, params);
                // the split's wall: planning, writing the sub-MSs and shipping them (uploads overlap writing)
                facts.put("splitSeconds", (System.nanoTime() - t0) / 1e9);
                return facts;
            } catch (CasacoreException e) {
                if (diskFull(e)) {
                    throw new IOException("scratch disk full under " + scratch + " while splitting " + source + ": "
                            + e.getMessage(), e);
                }
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
        Field field = ms.fields().isEmpty() ? new Field(0, "", 0, 0) : ms.fields().get(0);
        String column = new MsVisibilitySource(ms, params.imaging().dataColumn(), field.id(), 1 << 20).dataColumn();
        if (!ms.mainTable().hasColumn(column)) {
            throw new JobFailure("the MeasurementSet has no data column " + column);
        }
        // the plan of the whole MS decides auto and balances w slabs (one pass over UVW, flags, weights)
        boolean alongW = params.partitions() > 1 && (params.partitionBy().equals("auto")
                || params.partitionBy().endsWith("w"));
        WRange whole = alongW ? WRange.of(new MsVisibilitySource(ms, column, field.id(), GridTask.CHUNK_BYTES)
                .withoutVisibilities()) : null;
        GridderSettings settings = settings(params, field.raRad(), field.decRad());
        WGridPlan wholePlan = whole != null ? WGridPlan.forRange(settings, whole) : null;
        String axis = axis(params, wholePlan);
        double share = wholePlan != null ? wholePlan.griddingShare(settings.geometry(), whole.samples()) : 1;
        PartitionPlan plan = switch (axis) {
            case "channel" -> PartitionPlanner.byChannel(ms, params.partitions());
            case "w" -> PartitionPlanner.byW(ms, params.partitions(), share);
            case "channel,w" -> PartitionPlanner.byChannelAndW(ms, params.partitions(), share);
            default -> byTimeOrRows(ms, params.partitions());
        };
        String job = task.jobId();
        List<WRange> wRanges = new ArrayList<>();
        PartitionManifest manifest;
        if (Partitioner.keepsEverything(ms, plan)) {
            // one part of everything: the uploaded tarball is the part, copied on the server, not rewritten
            manifest = Partitioner.passThrough(ms, plan);
            wRanges.add(wRange(ms.path(), column, field.id()));
            String source = task.input("ms");
            int slash = source.indexOf('/');
            store.copy(source.substring(0, slash), source.substring(slash + 1), ObjectStore.WORK, Keys.part(job, 0));
        } else {
            manifest = writeAndShip(ms, plan, out, store, job, column, field.id(), wRanges);
        }
        Path manifestFile = out.resolve(Partitioner.MANIFEST);
        if (!Files.exists(manifestFile)) {
            Files.createDirectories(out);
            Partitioner.writeManifest(manifest, manifestFile);
        }
        store.putFile(ObjectStore.WORK, Keys.manifest(job), manifestFile);
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

    /**
     * Writes the sub-MSs one after another while a second thread ships each finished one (its w
     * range read, then tarred straight into a multipart upload, then deleted from the scratch disk):
     * writing part k+1 overlaps the upload of part k.
     */
    private static PartitionManifest writeAndShip(MeasurementSet ms, PartitionPlan plan, Path out, ObjectStore store,
                                                  String job, String column, int fieldId, List<WRange> wRanges)
            throws IOException {
        ExecutorService shipper = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "partition-ship");
            t.setDaemon(true);
            return t;
        });
        Transfers transfers = Transfers.current();
        List<Future<WRange>> shipped = new ArrayList<>();
        try {
            PartitionManifest manifest = Partitioner.write(ms, plan, out, entry -> shipped.add(shipper.submit(() -> {
                Transfers.attach(transfers);
                Path part = out.resolve(entry.path());
                WRange range = wRange(part, column, fieldId);
                store.putStream(ObjectStore.WORK, Keys.part(job, entry.index()), o -> SafeTar.create(part, o));
                SubMsCache.deleteTree(part);
                return range;
            })));
            for (Future<WRange> f : shipped) {
                wRanges.add(f.get());
            }
            return manifest;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while shipping the sub-MSs", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(cause);
        } finally {
            shipper.shutdownNow();
        }
    }

    /**
     * Parts, rows, the axis and, on the job's plan, its w-planes, those each part's samples reach
     * (what its gridder transforms) and the estimated share of gridding in the work.
     */
    private static Map<String, Object> facts(JobSetup setup, RunParameters params) {
        GridderSettings settings = settings(params, setup.raRad(), setup.decRad());
        WGridPlan plan = WGridPlan.forRange(settings, setup.wRange());
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("parts", setup.parts());
        facts.put("rows", setup.rows());
        facts.put("by", setup.mode());
        facts.put("wPlanes", plan.planes());
        facts.put("partWPlanes", setup.partWRanges().stream().map(plan::planesReached).toList());
        // the estimated share of gridding, by which w slabs are balanced against planes
        facts.put("griddingShare", plan.griddingShare(settings.geometry(), setup.wRange().samples()));
        return facts;
    }

    private static GridderSettings settings(RunParameters params, double raRad, double decRad) {
        ImagingParameters p = params.imaging();
        return new GridderSettings(new ImageGeometry(p.width(), p.height(), p.cellRad(), raRad, decRad),
                p.epsilon(), p.threads());
    }

    /**
     * The axis of {@code -partition-by}; auto is w when the job's plan has more w-planes than the
     * kernel's support (w slabs then reach fewer planes each), else time. One partition is time.
     */
    private static String axis(RunParameters params, WGridPlan wholePlan) {
        if (!params.partitionBy().equals("auto")) {
            return params.partitionBy();
        }
        return wholePlan != null && wholePlan.planes() > wholePlan.kernel().support() ? "w" : "time";
    }

    /** The w range of one sub-MS, read as its gridder will read it. */
    private static WRange wRange(Path subMs, String column, int fieldId) {
        try (MeasurementSet part = MeasurementSet.open(subMs)) {
            // as the in-process imager: the extent of the samples that carry weight, data column unread
            return WRange.of(new MsVisibilitySource(part, column, fieldId, GridTask.CHUNK_BYTES).withoutVisibilities());
        }
    }

    /** Whether writing the sub-MSs ran out of space (the MS writer reports it as its own error). */
    private static boolean diskFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (t instanceof IOException && m != null
                    && (m.contains("No space left on device") || m.contains("Disk quota exceeded"))) {
                return true;
            }
        }
        return false;
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
