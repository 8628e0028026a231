package org.tessera.cli;

import org.tessera.gpu.DeviceGridderFactory;
import org.tessera.imaging.ImagingParameters;
import org.tessera.imaging.deconvolution.IterationParameters;
import org.tessera.imaging.gridding.DeviceMode;
import org.tessera.imaging.gridding.GridderFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code tessera image [options] MS}: PSF, dirty, model, residual and restored images, with WSClean's option names. */
@Command(name = "image", mixinStandardHelpOptions = true,
        description = "Image a MeasurementSet (Stokes I): writes PREFIX-psf/-dirty/-model/-residual/-image.fits and PREFIX-summary.json.")
public final class ImageCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MS", description = "MeasurementSet directory")
    Path ms;

    @Option(names = "-size", arity = "2", paramLabel = "N", required = true, description = "Image width and height in pixels.")
    int[] size;

    @Option(names = "-scale", required = true, paramLabel = "ANGLE", description = "Pixel size, e.g. 0.4asec, 1amin, 0.01deg.")
    String scale;

    @Option(names = "-name", defaultValue = "wsclean", paramLabel = "PREFIX", description = "Output prefix (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "-niter", defaultValue = "0", description = "Maximum CLEAN iterations (0: PSF and dirty image only).")
    int niter;

    @Option(names = "-nmiter", defaultValue = "20", description = "Maximum number of major cycles (default: ${DEFAULT-VALUE}).")
    int nmiter;

    @Option(names = "-gain", defaultValue = "0.1", description = "Loop gain of the minor cycle.")
    double gain;

    @Option(names = "-mgain", defaultValue = "1.0", description = "Major-cycle gain: a minor cycle stops when the peak has dropped by this fraction.")
    double mgain;

    @Option(names = "-threshold", defaultValue = "0", paramLabel = "JY", description = "Stop when the peak residual is below this flux (Jy; mJy/uJy suffixes allowed).")
    String threshold;

    @Option(names = "-auto-threshold", defaultValue = "0", paramLabel = "SIGMA", description = "Stop at SIGMA times the MAD-based rms of the residual (0: off).")
    double autoThreshold;

    @Option(names = "-weight", arity = "1..2", paramLabel = "MODE", description = "natural, uniform or briggs R (default: uniform, as WSClean).")
    List<String> weight;

    @Option(names = "-data-column", paramLabel = "NAME", description = "DATA, CORRECTED_DATA or MODEL_DATA (default: CORRECTED_DATA if present, else DATA).")
    String dataColumn;

    @Option(names = "-gridder-accuracy", defaultValue = "1e-4", paramLabel = "EPS", description = "Gridder accuracy epsilon (default: ${DEFAULT-VALUE}; below 1e-5 double precision is used).")
    double epsilon;

    @Option(names = "-j", paramLabel = "THREADS", description = "Number of threads (default: all cores).")
    Integer threads;

    @Option(names = "-device", paramLabel = "MODE", description = "auto, cpu or gpu: where gridding runs (default: auto,"
            + " a usable CUDA device, else the CPU; with -partitions the gridder-service's TESSERA_DEVICE).")
    String device;

    @Option(names = "-partitions", paramLabel = "K", description = "Image through the services with K partitions (starts the embedded stack when none is running).")
    Integer partitions;

    @Option(names = "-partition-by", defaultValue = "time", paramLabel = "AXIS", description = "time or channel (with -partitions; default: ${DEFAULT-VALUE}).")
    String partitionBy;

    @CommandLine.Mixin
    ServiceConnection connection;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        DeviceMode mode = DeviceMode.parse(device, "-device");
        ImagingParameters parameters = parameters();
        CliPaths.requireExisting(ms, "MeasurementSet");
        if (partitions != null) {
            return PipelineRun.run(ms, name, jobParameters(), connection, spec.commandLine().getOut());
        }
        return ImageRun.run(ms, name, parameters, gridders(mode), spec.commandLine().getOut());
    }

    /** The gridders of an in-process run; -device gpu without a usable device stops here, before any output. */
    static GridderFactory gridders(DeviceMode mode) {
        try {
            return DeviceGridderFactory.forMode(mode.text());
        } catch (IllegalStateException e) {
            throw new UserError(e.getMessage());
        }
    }

    /** These options as a job's parameters (the option names without the dash). */
    java.util.Map<String, Object> jobParameters() {
        java.util.Map<String, Object> p = new java.util.LinkedHashMap<>();
        p.put("size", List.of(size[0], size[1]));
        p.put("scale", scale);
        p.put("niter", niter);
        p.put("nmiter", nmiter);
        p.put("gain", gain);
        p.put("mgain", mgain);
        p.put("threshold", threshold);
        p.put("auto-threshold", autoThreshold);
        if (weight != null && !weight.isEmpty()) {
            p.put("weight", String.join(" ", weight));
        }
        if (dataColumn != null) {
            p.put("data-column", dataColumn);
        }
        p.put("gridder-accuracy", epsilon);
        if (threads != null) {
            p.put("j", threads);
        }
        if (device != null) {
            p.put("device", DeviceMode.parse(device, "-device").text());
        }
        p.put("partitions", partitions);
        p.put("partition-by", partitionBy);
        p.put("name", java.nio.file.Path.of(name).getFileName().toString());
        return p;
    }

    /** The imaging parameters these options describe; impossible values fail before any work. */
    ImagingParameters parameters() {
        if (niter < 0) {
            throw new UserError("-niter must be >= 0, got " + niter);
        }
        double cell = Angles.parse(scale);
        String mode = weight == null || weight.isEmpty() ? "uniform" : weight.get(0).toLowerCase();
        double robust = 0;
        if (mode.equals("briggs")) {
            if (weight.size() < 2) {
                throw new UserError("-weight briggs needs a robustness value, e.g. -weight briggs 0");
            }
            robust = Double.parseDouble(weight.get(1));
        } else if (weight != null && weight.size() > 1) {
            throw new UserError("-weight " + mode + " takes no value");
        }
        IterationParameters iteration = IterationParameters.builder()
                .niter(niter).nmajor(nmiter).gain(gain).mgain(mgain)
                .threshold(Flux.parseJy(threshold)).nsigma(autoThreshold).build();
        int cores = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        return new ImagingParameters(size[0], size[1], cell, mode, robust, dataColumn, epsilon, cores, iteration);
    }
}
