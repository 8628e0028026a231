package org.tessera.imaging.sequence;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tessera.imaging.ImagingParameters;
import org.tessera.imaging.RunParameters;
import org.tessera.imaging.deconvolution.CycleRecord;
import org.tessera.imaging.deconvolution.IterationState;
import org.tessera.imaging.restore.Beam;
import org.tessera.imaging.spectral.ChannelGroup;

/**
 * {@code summary.json}, one layout for the in-process run and the services: what was asked, what
 * data went in, the beam, every cycle, why it stopped, and per stage the tasks with where they ran
 * and how long. An in-process run is one partition whose tasks all ran on this host.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public final class RunSummary {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The job's id; null for an in-process run. */
    public String jobId;
    /** DONE, FAILED, or the stage still running (a summary written while a job runs). */
    public String status;
    /** Why the run failed; null otherwise. */
    public String failure;
    /** The MS: a path, or the {@code bucket/key} of its tarball. */
    public String source;
    /** Imaging and deconvolution parameters, as {@link #describe} names them. */
    public Map<String, Object> parameters = new LinkedHashMap<>();
    public int partitions;
    /** Where the gridding ran ("cpu" or "gpu: NAME") and why that device was chosen. */
    public String device;
    public String deviceReason;
    public long visibilitiesUsed;
    public long visibilitiesFlagged;
    public long visibilitiesNonFinite;
    /** Sum of the imaging weights (the dirty-image and PSF normalisation). */
    public double sumOfWeights;
    /** Fitted restoring beam; null when the run did not reach RESTORE. */
    public Beam beam;
    /** |peak| of the restored image, Jy/beam. */
    public Double restoredPeak;
    /** tclean stop code and its words. */
    public int stopCode;
    public String stopWords;
    public long iterationsDone;
    public int majorCyclesDone;
    public List<CycleRecord> cycles = new ArrayList<>();
    /** Wall-clock seconds per stage summed over its cycles, in the order the stages first ran. */
    public Map<String, Double> stageSeconds = new LinkedHashMap<>();
    public Totals totals = new Totals();
    /** Every stage and cycle that ran, with its tasks. */
    public List<StageRecord> stages = new ArrayList<>();
    /** With {@code -channels-out N > 1}: each channel group's band, weights, beam and (in a cube) its own stop. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<GroupRecord> groups = new ArrayList<>();

    /** One channel group of a {@code -channels-out} run. */
    public static final class GroupRecord {
        public int group;
        public double centreHz;
        public double widthHz;
        public int channels;
        public double sumOfWeights;
        public Beam beam;
        public Double restoredPeak;
        public int stopCode;
        public String stopWords;
        public long iterationsDone;
        public int majorCyclesDone;
        public List<CycleRecord> cycles = new ArrayList<>();

        public static GroupRecord of(ChannelGroup g, double sumOfWeights, IterationState state, Beam beam,
                                     double restoredPeak) {
            GroupRecord r = new GroupRecord();
            r.group = g.index();
            r.centreHz = g.band().centreHz();
            r.widthHz = g.band().widthHz();
            r.channels = g.channels();
            r.sumOfWeights = sumOfWeights;
            r.beam = beam;
            r.restoredPeak = restoredPeak;
            r.stopCode = state.stopCode().code;
            r.stopWords = state.stopCode().words;
            r.iterationsDone = state.iterationsDone();
            r.majorCyclesDone = state.majorCyclesDone();
            r.cycles = new ArrayList<>(state.cycles());
            return r;
        }

        /** A group imaged as a job of its own (through the services), from that job's summary. */
        public static GroupRecord of(ChannelGroup g, RunSummary job) {
            GroupRecord r = new GroupRecord();
            r.group = g.index();
            r.centreHz = g.band().centreHz();
            r.widthHz = g.band().widthHz();
            r.channels = g.channels();
            r.sumOfWeights = job.sumOfWeights;
            r.beam = job.beam;
            r.restoredPeak = job.restoredPeak;
            r.stopCode = job.stopCode;
            r.stopWords = job.stopWords;
            r.iterationsDone = job.iterationsDone;
            r.majorCyclesDone = job.majorCyclesDone;
            r.cycles = new ArrayList<>(job.cycles);
            return r;
        }
    }

    /** Wall time of the run and how much of it was task compute. */
    public static final class Totals {
        public double wallSeconds;
        public double summedTaskSeconds;
        /** The longest task of each stage, summed: the compute on the critical path. */
        public double criticalPathTaskSeconds;
        /** Wall time not spent on the critical path's compute (messaging, transfers, waiting). */
        public double overheadSeconds;
        public double overheadSecondsPerMajorCycle;
    }

    /** One stage of one cycle: from dispatch to its barrier. */
    public static final class StageRecord {
        public String stage;
        public int cycle;
        /** The channel group of a cube's stage; null when the stage is the whole run's. */
        @JsonInclude(JsonInclude.Include.NON_NULL)
        public Integer group;
        public Double wallSeconds;
        public double longestTaskSeconds;
        public List<TaskEntry> tasks = new ArrayList<>();

        /** @param wallSeconds null while the stage's barrier is not met */
        public static StageRecord of(Stage stage, int cycle, Double wallSeconds) {
            StageRecord r = new StageRecord();
            r.stage = stage.key();
            r.cycle = cycle;
            r.wallSeconds = wallSeconds;
            return r;
        }
    }

    /** One task: the partition it worked on, where it ran, on which device, and what it reported. */
    public static final class TaskEntry {
        public int part;
        public String host;
        public String device;
        /** When it started, epoch milliseconds (a timeline of the run). */
        public long started;
        public double seconds;
        public Map<String, Object> facts = new LinkedHashMap<>();

        public static TaskEntry of(int part, String host, long started, double seconds, Map<String, Object> facts) {
            TaskEntry t = new TaskEntry();
            t.part = part;
            t.host = host;
            t.started = started;
            t.seconds = seconds;
            t.facts = new LinkedHashMap<>(facts);
            t.device = (String) facts.getOrDefault(TaskFacts.DEVICE, "cpu");
            return t;
        }
    }

    /** The parameters as a summary names them (the same for both paths). */
    public static Map<String, Object> describe(RunParameters run, String dataColumn) {
        ImagingParameters p = run.imaging();
        var it = p.iteration();
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("size", new int[] {p.width(), p.height()});
        map.put("scaleArcsec", Math.toDegrees(p.cellRad()) * 3600);
        map.put("weight", p.weighting().equals("briggs") ? "briggs " + p.robust() : p.weighting());
        map.put("dataColumn", dataColumn);
        map.put("gridderAccuracy", p.epsilon());
        map.put("threads", p.threads());
        map.put("niter", it.niter());
        map.put("nmiter", it.nmajor());
        map.put("gain", it.gain());
        map.put("mgain", it.mgain());
        map.put("threshold", it.threshold());
        map.put("autoThreshold", it.nsigma());
        // as asked; null: auto in process, the gridder service's TESSERA_DEVICE through the services
        map.put("device", run.device() == null ? null : run.device().text());
        // only when given, so that a Högbom run's summary keeps its layout
        if (it.multiscale() != null) {
            var ms = it.multiscale();
            map.put("multiscale", Map.of("scales", ms.scales(), "scaleBias", ms.scaleBias(), "shape", ms.shape().text,
                    "maxScales", ms.maxScales(), "gain", ms.gain()));
        }
        if (run.fitsMask() != null) {
            map.put("fitsMask", run.fitsMask());
        }
        if (it.autoMaskActive()) {
            map.put("autoMask", it.autoMask());
        }
        var spectral = run.spectral();
        if (spectral.isMultiChannel() || spectral.channelEnd() >= 0) {
            map.put("channelsOut", spectral.channelsOut());
            if (spectral.channelEnd() >= 0) {
                map.put("channelRange", new int[] {spectral.channelStart(), spectral.channelEnd()});
            }
            map.put("joinChannels", spectral.joinChannels());
            if (spectral.fit().fits()) {
                map.put(spectral.fit().mode() == org.tessera.imaging.spectral.SpectralFit.Mode.POLYNOMIAL
                        ? "fitSpectralPol" : "fitSpectralLogPol", spectral.fit().terms());
            }
        }
        return map;
    }

    /** Copies cycles, stop code and counters from the iteration state. */
    public void setIteration(IterationState state) {
        cycles = new ArrayList<>(state.cycles());
        stopCode = state.stopCode().code;
        stopWords = state.stopCode().words;
        iterationsDone = state.iterationsDone();
        majorCyclesDone = state.majorCyclesDone();
    }

    /**
     * Adds a stage's record: its seconds to {@link #stageSeconds}, its tasks to the totals, and what
     * its tasks report ({@link TaskFacts}) to the run's counts, device and beam.
     */
    public void addStage(StageRecord record) {
        stages.add(record);
        if (record.wallSeconds != null) {
            stageSeconds.merge(record.stage, record.wallSeconds, Double::sum);
        }
        double longest = 0;
        for (TaskEntry t : record.tasks) {
            longest = Math.max(longest, t.seconds);
            totals.summedTaskSeconds += t.seconds;
            if (record.stage.equals(Stage.IMAGE.key())) {
                visibilitiesUsed += count(t, TaskFacts.VISIBILITIES_USED);
                visibilitiesFlagged += count(t, TaskFacts.VISIBILITIES_FLAGGED);
                visibilitiesNonFinite += count(t, TaskFacts.VISIBILITIES_NON_FINITE);
                if (device == null) {
                    device = t.device;
                    deviceReason = (String) t.facts.get(TaskFacts.DEVICE_REASON);
                }
            } else if (record.stage.equals(Stage.RESTORE.key()) && TaskFacts.beam(t.facts) != null) {
                beam = TaskFacts.beam(t.facts);
                restoredPeak = TaskFacts.number(t.facts, "restoredPeak");
            }
        }
        record.longestTaskSeconds = longest;
        totals.criticalPathTaskSeconds += longest;
    }

    private static long count(TaskEntry t, String fact) {
        return t.facts.get(fact) instanceof Number n ? n.longValue() : 0;
    }

    /** Sets the wall time and the overhead from it. */
    public void setWallSeconds(double wall) {
        totals.wallSeconds = wall;
        totals.overheadSeconds = wall - totals.criticalPathTaskSeconds;
        totals.overheadSecondsPerMajorCycle = totals.overheadSeconds / Math.max(1, majorCyclesDone);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public byte[] toBytes() {
        return toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Writes to a temporary file beside {@code path} and renames it, so readers never see half a file. */
    public void write(Path path) throws IOException {
        Path absolute = path.toAbsolutePath();
        Path tmp = Files.createTempFile(absolute.getParent(), absolute.getFileName().toString(), ".tmp");
        try {
            Files.writeString(tmp, toJson());
            Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public static RunSummary read(Path path) throws IOException {
        return JSON.readValue(path.toFile(), RunSummary.class);
    }

    public static RunSummary read(byte[] json) throws IOException {
        return JSON.readValue(json, RunSummary.class);
    }
}
