package org.tessera.pipeline;

import org.tessera.casacore.CasacoreException;
import org.tessera.casacore.ms.MeasurementSet;
import org.tessera.imaging.Image;
import org.tessera.imaging.ImageGeometry;
import org.tessera.imaging.ImagingParameters;
import org.tessera.imaging.RunParameters;
import org.tessera.imaging.WscleanRules;
import org.tessera.imaging.gridding.DeviceMode;
import org.tessera.imaging.gridding.GriddedImage;
import org.tessera.imaging.gridding.Gridder;
import org.tessera.imaging.gridding.GridderFactory;
import org.tessera.imaging.gridding.GridderSettings;
import org.tessera.imaging.ms.MsVisibilitySource;
import org.tessera.imaging.sequence.TaskFacts;
import org.tessera.imaging.weighting.ImagingWeights;
import org.tessera.imaging.weighting.WeightDensity;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The gridder's three tasks on one partition: WEIGHTS (partial weight density), IMAGE (partial
 * PSF and dirty image in one visit) and RESIDUAL (degrid the model, subtract, grid). Each writes
 * unnormalised partial products that the gather sums; the sub-MS stays in the local cache.
 * Partial images of single-precision gridding (ε ≥ 1e-5, the default) travel as float32 with
 * their sums of weights in double, half the bytes; the gather sums them in double.
 */
public final class GridTask implements Task {
    /** Bytes of visibility arrays read from the MS at a time (as the in-process imager). */
    static final long CHUNK_BYTES = 32L << 20;

    private final JobContext jobs;
    private final SubMsCache cache;
    private final DeviceMode serviceDevice;
    private final Function<DeviceMode, GridderFactory> devices;

    /**
     * @param serviceDevice the device of jobs that do not name one ({@code TESSERA_DEVICE})
     * @param devices       the gridders for a device mode; throws IllegalStateException when it cannot be had
     */
    public GridTask(JobContext jobs, SubMsCache cache, DeviceMode serviceDevice,
                    Function<DeviceMode, GridderFactory> devices) {
        this.jobs = jobs;
        this.cache = cache;
        this.serviceDevice = serviceDevice;
        this.devices = devices;
    }

    @Override
    public Map<String, Object> execute(TaskMessage task) throws Exception {
        ObjectStore store = jobs.store();
        String job = task.jobId();
        RunParameters parameters = jobs.parameters(job);
        ImagingParameters p = parameters.imaging();
        GridderFactory gridders = gridders(parameters.device() != null ? parameters.device() : serviceDevice);
        JobSetup setup = jobs.setup(job);
        ImageGeometry geometry = setup.geometry(p);
        Path msPath = cache.get(store, setup.partsJob(job), task.part());
        Map<String, Object> facts = new LinkedHashMap<>();
        try (MeasurementSet ms = MeasurementSet.open(msPath)) {
            MsVisibilitySource all = new MsVisibilitySource(ms, setup.dataColumn(), setup.fieldId(), CHUNK_BYTES);
            // a grid task is one partition × one channel group
            MsVisibilitySource source = setup.group() == null ? all : all.inGroup(setup.group());
            // the plan of the job's merged w range: partial images sum to the single-run image
            GridderSettings settings = new GridderSettings(geometry, p.epsilon(), p.threads());
            Gridder gridder = gridders.create(settings, jobs.wRange(job));
            switch (task.stage()) {
                case WEIGHTS -> {
                    WeightDensity density = WscleanRules.weightDensity(geometry, source);
                    put(task, "weights", density.toBytes());
                }
                case IMAGE -> {
                    ImagingWeights weights = jobs.weights(job);
                    GriddedImage[] psfAndDirty = gridder.gridPsfAndDirty(source, weights);
                    facts.putAll(TaskFacts.image(source.counts(),
                            WscleanRules.maxBaselineWavelengths(source, p.cellRad()), gridders));
                    put(task, "psf", partialBytes(psfAndDirty[0], settings));
                    put(task, "dirty", partialBytes(psfAndDirty[1], settings));
                }
                case RESIDUAL -> {
                    Image model = ImageBlob.image(store.get(ObjectStore.WORK, task.input("model")));
                    GriddedImage residual = gridder.majorCycle(source, jobs.weights(job)).residual(model);
                    put(task, "residual", partialBytes(residual, settings));
                    facts.putAll(TaskFacts.device(gridders));
                }
                default -> throw new IllegalArgumentException("gridder cannot run " + task.describe());
            }
        } catch (CasacoreException e) {
            throw new JobFailure("partition " + task.part() + ": " + e.getMessage(), e);
        }
        return facts;
    }

    /** gpu without a usable device fails the job with the reason: replicas are alike, so a redelivery would fail too. */
    private GridderFactory gridders(DeviceMode mode) {
        try {
            return devices.apply(mode);
        } catch (IllegalStateException e) {
            throw new JobFailure(e.getMessage(), e);
        }
    }

    /** float32 when the gridder's planes are float anyway; doubles for a double-precision run. */
    private static byte[] partialBytes(GriddedImage image, GridderSettings settings) {
        return settings.singlePrecision() ? ImageBlob.toFloatBytes(image) : ImageBlob.toBytes(image);
    }

    private void put(TaskMessage task, String name, byte[] bytes) {
        jobs.store().put(ObjectStore.WORK, Keys.partial(task.jobId(), task.stage(), task.cycle(), task.part(), name),
                bytes);
    }
}
