package org.tessera.imaging;

import org.tessera.casacore.ms.Field;
import org.tessera.casacore.ms.MeasurementSet;
import org.tessera.imaging.deconvolution.CleanMask;
import org.tessera.imaging.deconvolution.IterationState;
import org.tessera.imaging.fits.FitsMask;
import org.tessera.imaging.deconvolution.PsfInfo;
import org.tessera.imaging.deconvolution.ScaleMasks;
import org.tessera.imaging.fits.RunImages;
import org.tessera.imaging.gridding.CpuGridderFactory;
import org.tessera.imaging.gridding.GriddedImage;
import org.tessera.imaging.gridding.Gridder;
import org.tessera.imaging.gridding.GridderFactory;
import org.tessera.imaging.gridding.GridderSettings;
import org.tessera.imaging.gridding.MajorCycle;
import org.tessera.imaging.gridding.WRange;
import org.tessera.imaging.ms.MsVisibilitySource;
import org.tessera.imaging.ms.VisibilityCounts;
import org.tessera.imaging.restore.Restoration;
import org.tessera.imaging.sequence.ImagingSequence;
import org.tessera.imaging.sequence.RunSummary;
import org.tessera.imaging.sequence.Step;
import org.tessera.imaging.sequence.TaskFacts;
import org.tessera.imaging.weighting.ImagingWeights;
import org.tessera.imaging.weighting.WeightDensity;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.tessera.imaging.spectral.ChannelGroup;
import org.tessera.imaging.spectral.ChannelGroups;
import org.tessera.imaging.spectral.JoinedGroups;
import org.tessera.imaging.spectral.Mfs;
import org.tessera.imaging.spectral.SpectralFit;
import org.tessera.imaging.spectral.SpectralFitter;
import org.tessera.imaging.spectral.SpectralParameters;
import org.tessera.imaging.spectral.WidebandImages;

/**
 * The imaging run in one process: the steps of {@link ImagingSequence}, each executed here on
 * this JVM's threads, with every product kept in memory. The MS is the run's single partition;
 * it is opened once and its gridder (one plan for every grid and predict) serves every stage.
 */
public final class Imager {
    /** Bytes of visibility arrays read from the MS at a time. */
    private static final long CHUNK_BYTES = 32L << 20;

    private final RunParameters runParameters;
    private final ImagingParameters parameters;
    private final Consumer<String> log;
    private final GridderFactory gridders;

    /** Grids on the CPU. */
    public Imager(ImagingParameters parameters, Consumer<String> log) {
        this(RunParameters.inProcess(parameters), log, CpuGridderFactory.DEFAULT);
    }

    /** Grids with {@code gridders}, whose device and reason go into the log and the summary file. */
    public Imager(RunParameters run, Consumer<String> log, GridderFactory gridders) {
        this.runParameters = run;
        this.parameters = run.imaging();
        this.log = log;
        this.gridders = gridders;
    }

    /**
     * Images {@code msPath} and writes {@code PREFIX-psf.fits} ... {@code PREFIX-summary.json}; with
     * {@code -channels-out N > 1} the groups' {@code PREFIX-0000-*.fits} ..., the {@code PREFIX-MFS-*.fits} and
     * {@code PREFIX-cube-image.fits}.
     */
    public RunSummary run(Path msPath, String prefix) throws IOException {
        long started = System.nanoTime();
        ImagingSequence sequence = ImagingSequence.of(parameters);
        RunSummary summary = new RunSummary();
        summary.status = "DONE";
        summary.source = msPath.toString();
        summary.partitions = 1;
        SpectralParameters spectral = runParameters.spectral();
        try (MeasurementSet ms = MeasurementSet.open(msPath)) {
            List<ChannelGroup> groups = ChannelGroups.of(ms.spectralWindows(), spectral, msPath.toString());
            log.accept("device: " + gridders.device() + " (" + gridders.reason() + ")");
            MsVisibilitySource all = new MsVisibilitySource(ms, parameters.dataColumn(), field(ms).id(), CHUNK_BYTES);
            summary.parameters.putAll(RunSummary.describe(runParameters, all.dataColumn()));
            boolean everyChannel = spectral.channelStart() == 0 && spectral.channelEnd() < 0;
            MsVisibilitySource selected = everyChannel ? all : all.inGroup(new ChannelGroup(-1, groups.get(0).lowestHz(),
                    groups.get(groups.size() - 1).highestHz(), 0, null));
            if (!spectral.isMultiChannel()) {
                Run run = new Run(ms, msPath, prefix, sequence, selected,
                        everyChannel ? Band.of(ms.spectralWindows()) : groups.get(0).band());
                steps(run, summary, null);
                summary.sumOfWeights = run.sumWeights;
                summary.setIteration(run.iteration);
            } else {
                WRange range = WRange.of(selected.withoutVisibilities());
                WidebandImages.Accumulator sums = new WidebandImages.Accumulator(parameters.width(),
                        parameters.height(), spectral.joinChannels());
                List<Path> groupImages = new ArrayList<>();
                double maxBaseline = 0;
                if (spectral.joinChannels()) {
                    List<Run> runs = new ArrayList<>();
                    for (ChannelGroup g : groups) {
                        runs.add(groupRun(ms, msPath, prefix, sequence, all, g, range));
                    }
                    JoinedRun joined = new JoinedRun(runs, selected, sequence);
                    steps(joined, summary, null);
                    summary.setIteration(joined.iteration);
                    for (int g = 0; g < runs.size(); g++) {
                        maxBaseline = Math.max(maxBaseline, keep(runs.get(g), groups.get(g), summary, sums,
                                groupImages));
                    }
                } else {
                    // one group at a time: only its images and the MFS sums are in memory
                    IterationState busiest = null;
                    long iterations = 0;
                    for (ChannelGroup g : groups) {
                        log.accept("channel group " + g.tag() + ": " + g.channels() + " channels at "
                                + g.band().centreHz() / 1e6 + " MHz");
                        Run run = groupRun(ms, msPath, prefix, sequence, all, g, range);
                        steps(run, summary, g.index());
                        maxBaseline = Math.max(maxBaseline, keep(run, g, summary, sums, groupImages));
                        iterations += run.iteration.iterationsDone();
                        // the run-level stop: that of the group that ran the most major cycles
                        if (busiest == null || run.iteration.majorCyclesDone() > busiest.majorCyclesDone()) {
                            busiest = run.iteration;
                        }
                    }
                    summary.setIteration(busiest);
                    summary.iterationsDone = iterations;
                }
                Field field = field(ms);
                WidebandImages.write(prefix, new ImageGeometry(parameters.width(), parameters.height(),
                                parameters.cellRad(), field.raRad(), field.decRad()), groups, sums, groupImages,
                        maxBaseline, spectral.joinChannels() ? spectral.fit() : SpectralFit.NONE, parameters.threads(),
                        log);
            }
            summary.setWallSeconds((System.nanoTime() - started) / 1e9);
            summary.write(Path.of(prefix + "-summary.json"));
            return summary;
        }
    }

    /** The run's steps, each executed here and recorded (with its channel group, null without one). */
    private void steps(Stages run, RunSummary summary, Integer group) throws IOException {
        ImagingSequence sequence = run.sequence();
        String host = TaskFacts.host();
        Step step = sequence.first();
        while (!step.finished()) {
            long t0 = System.nanoTime();
            long startedMillis = System.currentTimeMillis();
            Step done = step;
            Map<String, Object> facts = run.execute(done);
            step = done.stage().makesResidual() ? sequence.next(done, run.iteration(), run.checkedResidual(),
                    run.mask()) : sequence.next(done);
            run.keepAutoMaskModel();
            double seconds = (System.nanoTime() - t0) / 1e9;
            RunSummary.StageRecord record = RunSummary.StageRecord.of(done.stage(), done.cycle(), seconds);
            record.group = group;
            record.tasks.add(RunSummary.TaskEntry.of(0, host, startedMillis, seconds, facts));
            summary.addStage(record);
        }
    }

    /** The run of one channel group, planned for the w range of all selected channels (as through the services). */
    private Run groupRun(MeasurementSet ms, Path msPath, String prefix, ImagingSequence sequence,
                         MsVisibilitySource all, ChannelGroup g, WRange range) {
        Run run = new Run(ms, msPath, prefix + "-" + g.tag(), sequence, all.inGroup(g), g.band());
        run.planRange = range;
        return run;
    }

    /** A group done: its summary record, its images into the MFS sums; returns its longest baseline. */
    private static double keep(Run run, ChannelGroup g, RunSummary summary, WidebandImages.Accumulator sums,
                               List<Path> groupImages) {
        summary.sumOfWeights += run.sumWeights;
        summary.groups.add(RunSummary.GroupRecord.of(g, run.sumWeights, run.iteration, run.restoration.beam(),
                run.restoration.restored().maxAbs()));
        sums.add(run.products());
        groupImages.add(Path.of(run.prefix + "-image.fits"));
        return run.maxBaselineWavelengths;
    }

    private static Field field(MeasurementSet ms) {
        return ms.fields().isEmpty() ? new Field(0, "", 0, 0) : ms.fields().get(0);
    }

    /** What {@link #steps} needs of a run: one group's, or the joined groups'. */
    private interface Stages {
        ImagingSequence sequence();

        Map<String, Object> execute(Step step) throws IOException;

        IterationState iteration();

        /** The residual the stop check judges. */
        Image checkedResidual();

        CleanMask mask();

        void keepAutoMaskModel();
    }

    /** What the stages of one run share in memory. */
    private final class Run implements Stages {
        final MeasurementSet ms;
        final Path msPath;
        final String prefix;
        final ImagingSequence sequence;
        final ImageGeometry geometry;
        final MsVisibilitySource source;
        Gridder gridder;
        double maxBaselineWavelengths;
        ImagingWeights weights = ImagingWeights.natural();
        IterationState iteration;
        double sumWeights;
        Image psf;
        PsfInfo psfInfo;
        Image dirty;
        /** A large dirty image's pixels while the run cleans it in place (it is needed again only when written). */
        ParkedArrays parkedDirty;
        Image residual;
        final Image model;
        /** The user's {@code -fits-mask}; null without one. */
        final CleanMask userMask;
        /** The model when the auto-mask level was reached: its support is the auto-mask. */
        Image autoMaskModel;
        /** A multiscale auto-mask run's per-scale masks; null in other runs. */
        ScaleMasks scaleMasks;
        /** The FREQ axis of its images. */
        final Band band;
        /** The w range its gridder plans for; null: its own data's. A channel group plans for all the selected
         *  channels, as each group's job through the services does, so that both make the same plan. */
        WRange planRange;
        Restoration restoration;
        /** The major cycles' gridding, made at the first one: it may keep the sorted samples for the next. */
        MajorCycle majorCycle;

        Run(MeasurementSet ms, Path msPath, String prefix, ImagingSequence sequence, MsVisibilitySource source,
            Band band) {
            this.ms = ms;
            this.msPath = msPath;
            this.prefix = prefix;
            this.sequence = sequence;
            this.source = source;
            this.band = band;
            Field field = field(ms);
            geometry = new ImageGeometry(parameters.width(), parameters.height(), parameters.cellRad(),
                    field.raRad(), field.decRad());
            model = new Image(parameters.width(), parameters.height());
            userMask = runParameters.fitsMask() == null ? null
                    : FitsMask.read(Path.of(runParameters.fitsMask()), geometry);
        }

        @Override
        public ImagingSequence sequence() {
            return sequence;
        }

        @Override
        public IterationState iteration() {
            return iteration;
        }

        @Override
        public Image checkedResidual() {
            return residual;
        }

        WidebandImages.Products products() {
            return new WidebandImages.Products(psf, dirty(), model, residual, restoration, sumWeights);
        }

        /** The dirty image, read back if parked. */
        Image dirty() {
            if (parkedDirty != null) {
                try {
                    dirty = new Image(geometry.width(), geometry.height(), parkedDirty.readDoubles());
                } finally {
                    parkedDirty.close();
                    parkedDirty = null;
                }
            }
            return dirty;
        }

        /** The clean mask now: the user's, and the auto-mask once made. */
        @Override
        public CleanMask mask() {
            return ImagingSequence.mask(iteration, userMask, () -> autoMaskModel);
        }

        @Override
        public void keepAutoMaskModel() {
            if (iteration != null && iteration.autoMaskCycles() != null && autoMaskModel == null) {
                autoMaskModel = model.copy();
            }
        }

        /** Runs a step's work here; returns what its task reports. */
        @Override
        public Map<String, Object> execute(Step step) throws IOException {
            return switch (step.stage()) {
                case PARTITION -> partition();
                case WEIGHTS -> weights();
                case IMAGE -> image();
                case CLEAN -> clean();
                case RESIDUAL -> residual();
                case RESTORE -> restore();
                default -> throw new IllegalStateException("no work for " + step.stage());
            };
        }

        /**
         * The run's one partition is the MS itself. One pass without the data column gives the
         * data's extents: the gridding plan, the coarse-pixel warning and the beam fit's start.
         */
        Map<String, Object> partition() {
            WRange.Builder range = new WRange.Builder();
            UvExtent maxUv = new UvExtent();
            WscleanRules.MaxBaseline maxBaseline = new WscleanRules.MaxBaseline(parameters.cellRad());
            source.withoutVisibilities().forEach(chunk -> {
                range.accept(chunk);
                maxUv.accept(chunk);
                maxBaseline.accept(chunk);
            });
            gridder = gridders.create(new GridderSettings(geometry, parameters.epsilon(), parameters.threads()),
                    planRange != null ? planRange : range.build());
            maxBaselineWavelengths = maxBaseline.value();
            warnIfTooCoarse(maxUv.max(), geometry);
            return Map.of();
        }

        /** The PSF's sidelobe level, for the minor-cycle controls: measured once, and only when cleaning. */
        PsfInfo psfInfo() {
            if (psfInfo == null) {
                psfInfo = PsfInfo.of(psf, 1 / maxBaselineWavelengths / parameters.cellRad());
            }
            return psfInfo;
        }

        Map<String, Object> weights() {
            WeightDensity density = WscleanRules.weightDensity(geometry, source);
            weights = WscleanRules.imagingWeights(parameters.weighting(), parameters.robust(), density);
            return Map.of();
        }

        /** PSF and dirty image from one read and sort of the MS; the dirty image is the first residual checked. */
        Map<String, Object> image() {
            GriddedImage[] psfAndDirty = gridder.gridPsfAndDirty(source, weights);
            sumWeights = psfAndDirty[0].sumWeights();
            if (sumWeights <= 0) {
                throw new IllegalArgumentException(msPath + ": no unflagged visibilities to image");
            }
            psf = psfAndDirty[0].normalisedInPlace();
            dirty = psfAndDirty[1].normalisedInPlace();
            log.accept(String.format("dirty image: peak %.6g Jy/beam, %d visibilities used", dirty.maxAbs(),
                    source.counts().used));
            iteration = sequence.startIteration();
            residual = dirty;
            return TaskFacts.image(source.counts(), maxBaselineWavelengths, gridders);
        }

        /**
         * One minor cycle; it consumes its residual, so the dirty image is copied before the first, or, when large,
         * parked and cleaned in place.
         */
        Map<String, Object> clean() {
            if (residual == dirty && ParkedArrays.worthParking(dirty.pixels.length * (long) Double.BYTES)) {
                parkedDirty = new ParkedArrays();
                parkedDirty.write(dirty.pixels);
                dirty = null;
            } else if (residual == dirty) {
                residual = dirty.copy();
            }
            if (scaleMasks == null) {
                scaleMasks = ImagingSequence.newScaleMasks(iteration.parameters(), model);
            }
            return TaskFacts.clean(ImagingSequence.clean(iteration, residual, psf, psfInfo(), model, mask(),
                    scaleMasks));
        }

        /** The major cycle: predict the model, subtract, grid the residual. */
        Map<String, Object> residual() {
            if (majorCycle == null) {
                majorCycle = gridder.majorCycle(source, weights);
            }
            double predictedBefore = majorCycle.predictSeconds();
            residual = null; // replaced below: its room goes to the major cycle's arrays
            residual = majorCycle.residual(model).image();
            double predictSeconds = majorCycle.predictSeconds() - predictedBefore;
            residual.scale(1 / sumWeights);
            log.accept(String.format("major cycle: model flux %.6g Jy, residual peak %.6g Jy/beam",
                    model.sum(), residual.maxAbs()));
            Map<String, Object> facts = TaskFacts.device(gridders);
            facts.put("predictSeconds", predictSeconds);
            return facts;
        }

        Map<String, Object> restore() throws IOException {
            log.accept("stopped: " + iteration.stopCode().words);
            restoration = Restoration.of(psf, model, residual, parameters.cellRad(), maxBaselineWavelengths);
            log.accept(String.format("fitted beam: %.4g x %.4g arcsec, PA %.2f deg", restoration.beam().majorDeg() * 3600,
                    restoration.beam().minorDeg() * 3600, restoration.beam().positionAngleDeg()));
            RunImages.write(prefix, geometry, band, psf, dirty(), model, residual, restoration, parameters.threads());
            return TaskFacts.restore(restoration);
        }
    }

    /**
     * The groups of a {@code -join-channels} run: each grids its own channels, with weights from all of them
     * (WSClean's MF weighting), and they are cleaned together, peaks found on their MFS residual.
     */
    private final class JoinedRun implements Stages {
        final List<Run> runs;
        final MsVisibilitySource selected;
        final ImagingSequence sequence;
        final CleanMask userMask;
        IterationState iteration;
        double[] weights;
        Image mfsResidual;
        Image mfsPsf;
        PsfInfo mfsPsfInfo;
        SpectralFitter fitter;
        Image autoMaskModel;
        /** A multiscale auto-mask run's per-scale masks, on the MFS images; null in other runs. */
        ScaleMasks scaleMasks;

        JoinedRun(List<Run> runs, MsVisibilitySource selected, ImagingSequence sequence) {
            this.runs = runs;
            this.selected = selected;
            this.sequence = sequence;
            this.userMask = runs.get(0).userMask;
        }

        @Override
        public ImagingSequence sequence() {
            return sequence;
        }

        @Override
        public IterationState iteration() {
            return iteration;
        }

        @Override
        public Image checkedResidual() {
            return mfsResidual;
        }

        @Override
        public CleanMask mask() {
            return ImagingSequence.mask(iteration, userMask, () -> autoMaskModel);
        }

        @Override
        public void keepAutoMaskModel() {
            if (iteration != null && iteration.autoMaskCycles() != null && autoMaskModel == null) {
                autoMaskModel = Mfs.mean(runs.stream().map(r -> r.model).toList(), weights);
            }
        }

        @Override
        public Map<String, Object> execute(Step step) throws IOException {
            switch (step.stage()) {
                case PARTITION -> runs.forEach(Run::partition);
                case WEIGHTS -> {
                    WeightDensity density = WscleanRules.weightDensity(runs.get(0).geometry, selected);
                    ImagingWeights w = WscleanRules.imagingWeights(parameters.weighting(), parameters.robust(), density);
                    runs.forEach(r -> r.weights = w);
                }
                case IMAGE -> {
                    return image();
                }
                case CLEAN -> {
                    if (mfsPsf == null) {
                        double maxBaseline = runs.stream().mapToDouble(r -> r.maxBaselineWavelengths).max().orElse(0);
                        mfsPsf = Mfs.mean(runs.stream().map(r -> r.psf).toList(), weights);
                        mfsPsfInfo = PsfInfo.of(mfsPsf, 1 / maxBaseline / parameters.cellRad());
                    }
                    JoinedGroups groups = new JoinedGroups(runs.stream().map(r -> r.residual).toList(),
                            runs.stream().map(r -> r.psf).toList(), runs.stream().map(r -> r.model).toList(), weights,
                            mfsResidual, mfsPsf, mfsPsfInfo, fitter);
                    if (scaleMasks == null) {
                        scaleMasks = ImagingSequence.newScaleMasks(iteration.parameters(), mfsResidual);
                    }
                    return TaskFacts.clean(ImagingSequence.clean(iteration, groups, mask(), scaleMasks));
                }
                case RESIDUAL -> {
                    Map<String, Object> facts = new java.util.LinkedHashMap<>();
                    for (Run r : runs) {
                        facts = r.residual();
                    }
                    mfsResidual = Mfs.mean(runs.stream().map(r -> r.residual).toList(), weights);
                    return facts;
                }
                case RESTORE -> {
                    for (Run r : runs) {
                        r.restore();
                    }
                }
                default -> throw new IllegalStateException("no work for " + step.stage());
            }
            return Map.of();
        }

        /** Every group's PSF and dirty image; the MFS dirty image is the first residual checked. */
        Map<String, Object> image() {
            VisibilityCounts counts = new VisibilityCounts();
            for (Run r : runs) {
                r.image();
                counts.used += r.source.counts().used;
                counts.flagged += r.source.counts().flagged;
                counts.nonFinite += r.source.counts().nonFinite;
            }
            weights = Mfs.normalised(runs.stream().mapToDouble(r -> r.sumWeights).toArray());
            fitter = new SpectralFitter(runParameters.spectral().fit(),
                    runs.stream().mapToDouble(r -> r.band.centreHz()).toArray(), weights);
            iteration = sequence.startIteration();
            for (Run r : runs) {
                r.iteration = iteration;
                r.residual = r.dirty.copy();
            }
            mfsResidual = Mfs.mean(runs.stream().map(r -> r.dirty).toList(), weights);
            return TaskFacts.image(counts, runs.stream().mapToDouble(r -> r.maxBaselineWavelengths).max().orElse(0),
                    gridders);
        }
    }

    /** The image must sample the longest baseline: cell ≤ 1/(2 uv_max); otherwise suggest a scale. */
    private void warnIfTooCoarse(double maxUvLambda, ImageGeometry geometry) {
        if (maxUvLambda <= 0) {
            return;
        }
        double nyquist = 1 / (2 * maxUvLambda);
        if (geometry.cellRad() > nyquist) {
            log.accept(String.format("warning: pixel scale %.4g asec is too coarse for the longest baseline"
                    + " (%.0f wavelengths); suggested scale: %.4gasec or smaller",
                    Math.toDegrees(geometry.cellRad()) * 3600, maxUvLambda, Math.toDegrees(nyquist / 2) * 3600));
        }
    }
}
