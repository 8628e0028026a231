package org.tessera.cli;

import org.tessera.gpu.DeviceGridderFactory;
import org.tessera.imaging.ParameterException;
import org.tessera.imaging.RunParameters;
import org.tessera.imaging.gridding.DeviceMode;
import org.tessera.imaging.gridding.GridderFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Stack;
import java.util.concurrent.Callable;

/** {@code tessera image [options] MS}: PSF, dirty, model, residual and restored images, with WSClean's option names. */
@Command(name = "image", mixinStandardHelpOptions = true,
        description = "Image a MeasurementSet (Stokes I): writes PREFIX-psf/-dirty/-model/-residual/-image.fits and PREFIX-summary.json.")
public final class ImageCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MS", description = "MeasurementSet directory")
    Path ms;

    // Imaging options: strings as typed, null when not given; RunParameters reads, checks and defaults them all.
    @Option(names = "-size", arity = "2", paramLabel = "N", description = "Image width and height in pixels (required).")
    List<String> size;

    @Option(names = "-scale", paramLabel = "ANGLE", description = "Pixel size, e.g. 0.4asec, 1amin, 0.01deg (required).")
    String scale;

    @Option(names = "-name", paramLabel = "PREFIX", description = "Output prefix (default: " + RunParameters.DEFAULT_NAME
            + "; with -partitions the job's file prefix is its last part).")
    String name;

    @Option(names = "-niter", paramLabel = "N", description = "Maximum CLEAN iterations (default: " + RunParameters.DEFAULT_NITER
            + ": PSF and dirty image only).")
    String niter;

    @Option(names = "-nmiter", paramLabel = "N", description = "Maximum number of major cycles (default: " + RunParameters.DEFAULT_NMITER + ").")
    String nmiter;

    @Option(names = "-gain", paramLabel = "G", description = "Loop gain of the minor cycle (default: " + RunParameters.DEFAULT_GAIN + ").")
    String gain;

    @Option(names = "-mgain", paramLabel = "G", description = "Major-cycle gain: a minor cycle stops when the peak has dropped by this fraction"
            + " (default: " + RunParameters.DEFAULT_MGAIN + ").")
    String mgain;

    @Option(names = "-threshold", paramLabel = "JY", description = "Stop when the peak residual is below this flux (Jy; mJy/uJy suffixes allowed;"
            + " default: " + RunParameters.DEFAULT_THRESHOLD + ").")
    String threshold;

    @Option(names = "-auto-threshold", paramLabel = "SIGMA", description = "Stop at SIGMA times the MAD-based rms of the residual (default: "
            + RunParameters.DEFAULT_AUTO_THRESHOLD + ": off).")
    String autoThreshold;

    @Option(names = "-weight", arity = "1..2", parameterConsumer = WeightWords.class, paramLabel = "MODE", description = "natural, uniform or briggs R (default: "
            + RunParameters.DEFAULT_WEIGHT + ", as WSClean).")
    List<String> weight;

    @Option(names = "-data-column", paramLabel = "NAME", description = "DATA, CORRECTED_DATA or MODEL_DATA (default: CORRECTED_DATA if present, else DATA).")
    String dataColumn;

    @Option(names = "-gridder-accuracy", paramLabel = "EPS", description = "Gridder accuracy epsilon (default: " + RunParameters.DEFAULT_GRIDDER_ACCURACY
            + "; below 1e-5 double precision is used).")
    String epsilon;

    @Option(names = "-j", paramLabel = "THREADS", description = "Number of threads (default: all cores).")
    String threads;

    @Option(names = "-device", paramLabel = "MODE", description = "auto, cpu or gpu: where gridding runs (default: auto,"
            + " a usable CUDA device, else the CPU; with -partitions the gridder-service's TESSERA_DEVICE).")
    String device;

    @Option(names = "-partitions", paramLabel = "K", description = "Image through the services with K partitions (starts the embedded stack when none is running).")
    String partitions;

    @Option(names = "-partition-by", paramLabel = "AXIS", description = "auto, time, channel, w or channel,w (with -partitions;"
            + " default: " + RunParameters.DEFAULT_PARTITION_BY + ": w when the plan has more w-planes than the kernel"
            + " support, else time).")
    String partitionBy;

    @Option(names = "-multiscale", arity = "0", description = "Multiscale CLEAN, as WSClean's -multiscale (default: Högbom).")
    Boolean multiscale;

    @Option(names = "-multiscale-scales", paramLabel = "LIST", description = "Scales in pixels, e.g. 0,4,8,16 (default: from the beam size).")
    String multiscaleScales;

    @Option(names = "-multiscale-scale-bias", paramLabel = "BIAS", description = "In (0, 1]; lower values favour larger scales (default: 0.6).")
    String multiscaleScaleBias;

    @Option(names = "-multiscale-shape", paramLabel = "SHAPE", description = "tapered-quadratic or gaussian (default: tapered-quadratic).")
    String multiscaleShape;

    @Option(names = "-multiscale-max-scales", paramLabel = "N", description = "At most N scales (default: no limit).")
    String multiscaleMaxScales;

    @Option(names = "-multiscale-gain", paramLabel = "G", description = "A scale's sub-minor loop stops when its peak has dropped by this fraction (default: 0.2).")
    String multiscaleGain;

    @Option(names = "-fits-mask", paramLabel = "FILE", description = "Clean only where this FITS image (same size and projection) is nonzero.")
    String fitsMask;

    @Option(names = "-auto-mask", paramLabel = "SIGMA", description = "Clean without a mask down to SIGMA times the rms, then only where components were found, down to -auto-threshold (default: off).")
    String autoMask;

    @Option(names = "-local-rms", arity = "0", description = "Thresholds relative to the local rms, as WSClean's -local-rms: sigma is the lowest rms in a sliding window, and a pixel is cleaned while above N times its own (default: the whole image's rms).")
    Boolean localRms;

    @Option(names = "-local-rms-window", paramLabel = "BEAMS", description = "With -local-rms: the window's FWHM in beams (default: 25).")
    String localRmsWindow;

    @Option(names = "-channels-out", paramLabel = "N", description = "Divide the selected channels into N groups of equal"
            + " numbers of channels, as WSClean: PREFIX-0000-image.fits ... and, for N > 1, PREFIX-MFS-*.fits and"
            + " PREFIX-cube-image.fits (default: 1).")
    String channelsOut;

    @Option(names = "-channel-range", arity = "2", paramLabel = "CH", description = "Image channels A up to B (exclusive)"
            + " only, e.g. -channel-range 0 64 (default: all channels).")
    List<String> channelRange;

    @Option(names = "-join-channels", arity = "0", description = "With -channels-out: find peaks on the MFS residual and"
            + " clean every group at once (default: each group on its own).")
    Boolean joinChannels;

    @Option(names = "-fit-spectral-pol", paramLabel = "K", description = "With -join-channels: fit each component's values"
            + " over the groups with a polynomial of K terms in frequency, 1 <= K < -channels-out; K >= 2 also writes"
            + " PREFIX-MFS-alpha.fits.")
    String fitSpectralPol;

    @Option(names = "-fit-spectral-log-pol", paramLabel = "K", description = "As -fit-spectral-pol, with a polynomial of K"
            + " terms in log frequency for log flux.")
    String fitSpectralLogPol;

    @CommandLine.Mixin
    ServiceConnection connection;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        RunParameters run = runParameters();
        CliPaths.requireExisting(ms, "MeasurementSet");
        MaskCheck.check(ms, run);
        String prefix = name != null ? name : run.name();
        if (partitions != null) {
            return PipelineRun.run(ms, prefix, jobParameters(), connection, spec.commandLine().getOut());
        }
        DeviceMode mode = run.device() != null ? run.device() : DeviceMode.AUTO;
        return ImageRun.run(ms, prefix, run, gridders(mode), spec.commandLine().getOut());
    }

    /** The gridders of an in-process run; -device gpu without a usable device stops here, before any output. */
    static GridderFactory gridders(DeviceMode mode) {
        try {
            return DeviceGridderFactory.forMode(mode.text());
        } catch (IllegalStateException e) {
            throw new UserError(e.getMessage());
        }
    }

    /**
     * The imaging options given, as a job's parameters: the option name without the dash, the value as typed
     * (a list for -size, -weight and -channel-range); -name gives only its last part, the job's file prefix.
     */
    Map<String, Object> jobParameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        for (OptionSpec option : spec.options()) {
            String key = option.longestName().substring(1);
            if (RunParameters.NAMES.contains(key) && option.getValue() != null) {
                p.put(key, option.getValue());
            }
        }
        p.computeIfPresent("name", (k, prefix) -> {
            Path file = Path.of(prefix.toString()).getFileName();
            return file != null ? file.toString() : prefix;
        });
        return p;
    }

    /**
     * -weight's words: the mode, and the next argument too when it is a number (RunParameters refuses one after
     * natural or uniform), or follows briggs and is neither an option nor the last argument: the MS after
     * {@code -weight natural} or a bare {@code -weight briggs} stays the MS.
     */
    static final class WeightWords implements CommandLine.IParameterConsumer {
        @Override
        public void consumeParameters(Stack<String> args, CommandLine.Model.ArgSpec option,
                                      CommandLine.Model.CommandSpec command) {
            if (args.isEmpty()) {
                throw new CommandLine.ParameterException(command.commandLine(),
                        "Missing required parameter for option '-weight' (MODE)");
            }
            List<String> words = new ArrayList<>(List.of(args.pop()));
            if (!args.isEmpty() && (isNumber(args.peek())
                    || words.get(0).equalsIgnoreCase("briggs") && !args.peek().startsWith("-") && args.size() > 1)) {
                words.add(args.pop());
            }
            option.setValue(words);
        }

        private static boolean isNumber(String text) {
            try {
                Double.parseDouble(text);
                return true;
            } catch (NumberFormatException e) {
                return false;
            }
        }
    }

    /** What these options describe; impossible values fail here, before any work. */
    RunParameters runParameters() {
        return parse(jobParameters());
    }

    /** The one parser, its errors as the user's: for {@code tessera image} and {@code tessera submit}. */
    static RunParameters parse(Map<String, Object> parameters) {
        try {
            return RunParameters.parse(parameters, Runtime.getRuntime().availableProcessors());
        } catch (ParameterException e) {
            throw new UserError(e.getMessage());
        }
    }
}
