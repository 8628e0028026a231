package org.tessera.imaging;

import org.tessera.casacore.ms.Field;
import org.tessera.casacore.ms.MeasurementSet;
import org.tessera.casacore.ms.SpectralWindow;
import org.tessera.imaging.deconvolution.DeconvolutionResult;
import org.tessera.imaging.deconvolution.Deconvolver;
import org.tessera.imaging.deconvolution.IterationState;
import org.tessera.imaging.deconvolution.RunSummary;
import org.tessera.imaging.fits.FitsImageWriter;
import org.tessera.imaging.gridding.CpuGridderFactory;
import org.tessera.imaging.gridding.GriddedImage;
import org.tessera.imaging.gridding.Gridder;
import org.tessera.imaging.gridding.GridderFactory;
import org.tessera.imaging.gridding.GridderSettings;
import org.tessera.imaging.gridding.WRange;
import org.tessera.imaging.ms.MsVisibilitySource;
import org.tessera.imaging.restore.Beam;
import org.tessera.imaging.restore.Restorer;
import org.tessera.imaging.weighting.ImagingWeights;
import org.tessera.imaging.weighting.WeightDensity;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The whole imaging run in one process: weights, PSF, dirty image, Cotton-Schwab major and
 * Högbom minor cycles, beam fit, restore, FITS and summary. The distributed pipeline runs the
 * same steps as separate tasks; this is the reference it must agree with.
 */
public final class Imager {
    /** Bytes of visibility arrays read from the MS at a time. */
    private static final long CHUNK_BYTES = 32L << 20;

    private final ImagingParameters parameters;
    private final Consumer<String> log;
    private final GridderFactory gridders;

    /** Grids on the CPU. */
    public Imager(ImagingParameters parameters, Consumer<String> log) {
        this(parameters, log, CpuGridderFactory.DEFAULT);
    }

    /** Grids with {@code gridders}, whose device and reason go into the log and the summary file. */
    public Imager(ImagingParameters parameters, Consumer<String> log, GridderFactory gridders) {
        this.parameters = parameters;
        this.log = log;
        this.gridders = gridders;
    }

    /** Images {@code msPath} and writes {@code PREFIX-psf.fits} ... {@code PREFIX-summary.json}. */
    public RunSummary run(Path msPath, String prefix) throws IOException {
        RunSummary summary = new RunSummary();
        summary.parameters.putAll(describe(parameters));
        Stopwatch clock = new Stopwatch();
        log.accept("device: " + gridders.device() + " (" + gridders.reason() + ")");
        summary.device = gridders.device();
        summary.deviceReason = gridders.reason();
        try (MeasurementSet ms = MeasurementSet.open(msPath)) {
            Field field = ms.fields().isEmpty() ? new Field(0, "", 0, 0) : ms.fields().get(0);
            ImageGeometry geometry = new ImageGeometry(parameters.width(), parameters.height(),
                    parameters.cellRad(), field.raRad(), field.decRad());
            MsVisibilitySource source = new MsVisibilitySource(ms, parameters.dataColumn(), field.id(), CHUNK_BYTES);
            summary.parameters.put("dataColumn", source.dataColumn());
            // one plan, from the w range of all the data, for every grid and predict (as the pipeline does)
            // one pass, without the data column, for the data's extents: the gridding plan, the
            // coarse-pixel warning, the beam's start
            WRange.Builder range = new WRange.Builder();
            UvExtent maxUv = new UvExtent();
            WscleanRules.MaxBaseline maxBaseline = new WscleanRules.MaxBaseline(parameters.cellRad());
            source.withoutVisibilities().forEach(chunk -> {
                range.accept(chunk);
                maxUv.accept(chunk);
                maxBaseline.accept(chunk);
            });
            Gridder gridder = gridders.create(new GridderSettings(geometry, parameters.epsilon(), parameters.threads()),
                    range.build());

            ImagingWeights weights = imagingWeights(geometry, source);
            summary.addStageSeconds("weights", clock.lap());
            // one read and sort of the MS serves both the PSF and the dirty image
            GriddedImage[] psfAndDirty = gridder.gridPsfAndDirty(source, weights);
            GriddedImage psfGrid = psfAndDirty[0];
            summary.visibilitiesUsed = source.counts().used;
            summary.visibilitiesFlagged = source.counts().flagged;
            summary.visibilitiesNonFinite = source.counts().nonFinite;
            if (psfGrid.sumWeights() <= 0) {
                throw new IllegalArgumentException(msPath + ": no unflagged visibilities to image");
            }
            summary.sumOfWeights = psfGrid.sumWeights();
            Image psf = psfGrid.normalised();
            summary.addStageSeconds("psf", clock.lap());
            warnIfTooCoarse(maxUv.max(), geometry);
            Image dirty = psfAndDirty[1].normalised();
            psfAndDirty = null;
            summary.addStageSeconds("dirty", clock.lap());
            log.accept(String.format("dirty image: peak %.6g Jy/beam, %d visibilities used", dirty.maxAbs(),
                    summary.visibilitiesUsed));

            Beam beam = WscleanRules.fitBeam(psf, parameters.cellRad(), maxBaseline.value());
            summary.beam = beam;
            log.accept(String.format("fitted beam: %.4g x %.4g arcsec, PA %.2f deg", beam.majorDeg() * 3600,
                    beam.minorDeg() * 3600, beam.positionAngleDeg()));
            summary.addStageSeconds("beam", clock.lap());

            double sumWeights = summary.sumOfWeights;
            DeconvolutionResult result = Deconvolver.run(dirty, psf, model -> {
                summary.addStageSeconds("minor", clock.lap());
                double[] predicted = gridder.predict(model, source);
                summary.addStageSeconds("predict", clock.lap());
                Image residual = gridder.grid(new ResidualVisibilities(source, predicted), weights, false).image();
                residual.scale(1 / sumWeights);
                summary.addStageSeconds("residual", clock.lap());
                log.accept(String.format("major cycle: model flux %.6g Jy, residual peak %.6g Jy/beam",
                        sum(model), residual.maxAbs()));
                return residual;
            }, parameters.iteration());
            summary.addStageSeconds("deconvolution", clock.lap());
            IterationState state = result.state();
            summary.setIteration(state);
            log.accept("stopped: " + state.stopCode().words);

            Image restored = Restorer.restore(result.model(), result.residual(), beam, parameters.cellRad());
            summary.addStageSeconds("restore", clock.lap());
            double[] band = band(ms);
            writeFits(geometry, band, List.of(
                    new FitsOutput(prefix + "-psf.fits", psf, null, FitsImageWriter.UNIT_RESTORED),
                    new FitsOutput(prefix + "-dirty.fits", dirty, null, FitsImageWriter.UNIT_RESTORED),
                    new FitsOutput(prefix + "-model.fits", result.model(), null, FitsImageWriter.UNIT_MODEL),
                    new FitsOutput(prefix + "-residual.fits", result.residual(), beam, FitsImageWriter.UNIT_RESTORED),
                    new FitsOutput(prefix + "-image.fits", restored, beam, FitsImageWriter.UNIT_RESTORED)));
            summary.addStageSeconds("write", clock.lap());
            summary.write(Path.of(prefix + "-summary.json"));
            return summary;
        }
    }

    private ImagingWeights imagingWeights(ImageGeometry geometry, VisibilitySource source) {
        WeightDensity density = WscleanRules.needsDensity(parameters.weighting())
                ? WscleanRules.weightDensity(geometry, source) : null;
        return WscleanRules.imagingWeights(parameters.weighting(), parameters.robust(), density);
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

    private record FitsOutput(String path, Image image, Beam beam, String unit) {
    }

    /** Writes the images on up to {@code threads} threads: each is converted and written on its own. */
    private void writeFits(ImageGeometry g, double[] band, List<FitsOutput> outputs) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parameters.threads(), outputs.size())));
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (FitsOutput o : outputs) {
                writes.add(pool.submit(() -> {
                    FitsImageWriter.write(Path.of(o.path()), o.image(), g, band[0], band[1], o.beam(), o.unit(), Map.of());
                    return null;
                }));
            }
            for (Future<?> w : writes) {
                w.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing FITS images", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Centre frequency and total bandwidth over all spectral windows, Hz. */
    private static double[] band(MeasurementSet ms) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (SpectralWindow spw : ms.spectralWindows()) {
            for (int c = 0; c < spw.channels(); c++) {
                double half = Math.abs(spw.chanWidth()[c]) / 2;
                lo = Math.min(lo, spw.chanFreq()[c] - half);
                hi = Math.max(hi, spw.chanFreq()[c] + half);
            }
        }
        return new double[] {(lo + hi) / 2, hi - lo};
    }

    private static double sum(Image image) {
        double s = 0;
        for (double p : image.pixels) {
            s += p;
        }
        return s;
    }

    static Map<String, Object> describe(ImagingParameters p) {
        var it = p.iteration();
        var map = new java.util.LinkedHashMap<String, Object>();
        map.put("size", new int[] {p.width(), p.height()});
        map.put("scaleArcsec", Math.toDegrees(p.cellRad()) * 3600);
        map.put("weight", p.weighting().equals("briggs") ? "briggs " + p.robust() : p.weighting());
        map.put("gridderAccuracy", p.epsilon());
        map.put("threads", p.threads());
        map.put("niter", it.niter());
        map.put("nmiter", it.nmajor());
        map.put("gain", it.gain());
        map.put("mgain", it.mgain());
        map.put("threshold", it.threshold());
        map.put("autoThreshold", it.nsigma());
        return map;
    }

    /** Seconds between successive calls. */
    private static final class Stopwatch {
        private long last = System.nanoTime();

        double lap() {
            long now = System.nanoTime();
            double s = (now - last) / 1e9;
            last = now;
            return s;
        }
    }
}
