package org.tessera.pipeline;

import org.tessera.casacore.CasacoreException;
import org.tessera.casacore.ms.MeasurementSet;
import org.tessera.imaging.Image;
import org.tessera.imaging.ImageGeometry;
import org.tessera.imaging.ImagingParameters;
import org.tessera.imaging.WscleanRules;
import org.tessera.imaging.ResidualVisibilities;
import org.tessera.imaging.gridding.GriddedImage;
import org.tessera.imaging.gridding.GridderSettings;
import org.tessera.imaging.gridding.WGridder;
import org.tessera.imaging.ms.MsVisibilitySource;
import org.tessera.imaging.weighting.ImagingWeights;
import org.tessera.imaging.weighting.WeightDensity;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The gridder's three tasks on one partition: WEIGHTS (partial weight density), IMAGE (partial
 * PSF and dirty image in one visit) and RESIDUAL (degrid the model, subtract, grid). Each writes
 * unnormalised partial products that the gather sums; the sub-MS stays in the local cache.
 */
public final class GridTask implements Task {
    /** Bytes of visibility arrays read from the MS at a time (as the in-process imager). */
    static final long CHUNK_BYTES = 32L << 20;

    private final JobContext jobs;
    private final SubMsCache cache;

    public GridTask(JobContext jobs, SubMsCache cache) {
        this.jobs = jobs;
        this.cache = cache;
    }

    @Override
    public Map<String, Object> execute(TaskMessage task) throws Exception {
        ObjectStore store = jobs.store();
        String job = task.jobId();
        ImagingParameters p = jobs.parameters(job).imaging();
        JobSetup setup = jobs.setup(job);
        ImageGeometry geometry = setup.geometry(p);
        Path msPath = cache.get(store, job, task.part());
        Map<String, Object> facts = new LinkedHashMap<>();
        try (MeasurementSet ms = MeasurementSet.open(msPath)) {
            MsVisibilitySource source = new MsVisibilitySource(ms, setup.dataColumn(), setup.fieldId(), CHUNK_BYTES);
            // the plan of the job's merged w range: partial images sum to the single-run image
            WGridder gridder = new WGridder(new GridderSettings(geometry, p.epsilon(), p.threads()), jobs.wRange(job));
            switch (task.stage()) {
                case WEIGHTS -> {
                    WeightDensity density = WscleanRules.weightDensity(geometry, source);
                    put(task, "weights", density.toBytes());
                }
                case IMAGE -> {
                    ImagingWeights weights = jobs.weights(job);
                    GriddedImage[] psfAndDirty = gridder.gridPsfAndDirty(source, weights);
                    facts.put("visibilitiesUsed", source.counts().used);
                    facts.put("visibilitiesFlagged", source.counts().flagged);
                    facts.put("visibilitiesNonFinite", source.counts().nonFinite);
                    facts.put("maxBaselineWavelengths", WscleanRules.maxBaselineWavelengths(source, p.cellRad()));
                    put(task, "psf", ImageBlob.toBytes(psfAndDirty[0]));
                    put(task, "dirty", ImageBlob.toBytes(psfAndDirty[1]));
                }
                case RESIDUAL -> {
                    Image model = ImageBlob.image(store.get(ObjectStore.WORK, task.input("model")));
                    double[] predicted = gridder.predict(model, source);
                    GriddedImage residual = gridder.grid(new ResidualVisibilities(source, predicted),
                            jobs.weights(job), false);
                    put(task, "residual", ImageBlob.toBytes(residual));
                }
                default -> throw new IllegalArgumentException("gridder cannot run " + task.describe());
            }
        } catch (CasacoreException e) {
            throw new JobFailure("partition " + task.part() + ": " + e.getMessage(), e);
        }
        return facts;
    }

    private void put(TaskMessage task, String name, byte[] bytes) {
        jobs.store().put(ObjectStore.WORK, Keys.partial(task.jobId(), task.stage(), task.cycle(), task.part(), name),
                bytes);
    }
}
