package org.tessera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tessera.imaging.ImagingParameters;
import org.tessera.imaging.ParameterException;
import org.tessera.imaging.RunParameters;
import org.tessera.imaging.deconvolution.IterationParameters;
import org.tessera.imaging.deconvolution.MultiscaleParameters;
import org.tessera.imaging.deconvolution.ScaleShape;
import org.tessera.imaging.gridding.DeviceMode;
import org.tessera.imaging.spectral.SpectralFit;
import org.tessera.imaging.spectral.SpectralParameters;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every option of {@code tessera image} in three forms: the command line (picocli on ImageCommand, up to the
 * parameters), a JSON job message (read with Jackson, numbers as JSON numbers) and {@code tessera submit -p}
 * (strings). All three give equal {@link RunParameters}, or the same error text.
 */
class ParameterFormsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int THREADS = Runtime.getRuntime().availableProcessors();
    private static final double ASEC = Math.toRadians(1 / 3600.0);

    /** The required options every case starts from, unless the case is about that option. */
    private static final Map<String, Form> BASE = Map.of(
            "size", new Form(List.of("-size", "64", "64"), "\"size\": [64, 64]"),
            "scale", new Form(List.of("-scale", "4asec"), "\"scale\": \"4asec\""));

    /** One option in its command-line and JSON forms. */
    record Form(List<String> cli, String json) {
    }

    /**
     * A case for one option: valid (the parameters' {@code field} equals {@code expected}) or not ({@code error}
     * is the whole text).
     */
    record Case(String option, Form form, Function<RunParameters, Object> field, Object expected, String error) {
        @Override
        public String toString() {
            return option + ": " + String.join(" ", form.cli()) + " | {" + form.json() + "}"
                    + (error != null ? " -> error" : "");
        }
    }

    /** What a form gives: parameters or an error text. */
    record Outcome(RunParameters parameters, String error) {
    }

    static Stream<Case> cases() {
        Function<RunParameters, Object> size = p -> List.of(p.imaging().width(), p.imaging().height());
        Function<RunParameters, Object> cell = p -> p.imaging().cellRad();
        Function<RunParameters, Object> weight = p -> p.imaging().weighting() + " " + p.imaging().robust();
        Function<RunParameters, Object> threshold = p -> p.imaging().iteration().threshold();
        Function<RunParameters, MultiscaleParameters> multiscale = p -> p.imaging().iteration().multiscale();
        return Stream.of(
            ok("size", "-size 128 96", "\"size\": [128, 96]", size, List.of(128, 96)),
            bad("size", "", "", "-size is required: width and height in pixels"),
            bad("size", "-size 0 64", "\"size\": [0, 64]", "image size must be positive, got 0 x 64"),
            bad("size", "-size -64 64", "\"size\": [-64, 64]", "image size must be positive, got -64 x 64"),
            bad("size", "-size 63 64", "\"size\": [63, 64]", "image size must be even, got 63 x 64"),
            bad("size", "-size 1000000 1000000", "\"size\": [1000000, 1000000]",
                    "-size 1000000 x 1000000 is 1000000000000 pixels, more than the 268435456 allowed (TESSERA_MAX_PIXELS)"),
            bad("size", "-size 64.5 64", "\"size\": [64.5, 64]", "-size must be an integer, got 64.5"),
            bad("size", "-size wide 64", "\"size\": [\"wide\", 64]", "-size must be a number, got 'wide'"),

            ok("scale", "-scale 2asec", "\"scale\": \"2asec\"", cell, 2 * ASEC),
            ok("scale", "-scale 2ASEC", "\"scale\": \"2ASEC\"", cell, 2 * ASEC),
            ok("scale", "-scale 500masec", "\"scale\": \"500masec\"", cell, 0.5 * ASEC),
            ok("scale", "-scale 0.1amin", "\"scale\": \"0.1amin\"", cell, 6 * ASEC),
            ok("scale", "-scale 0.001deg", "\"scale\": \"0.001deg\"", cell, 3.6 * ASEC),
            ok("scale", "-scale 1e-5rad", "\"scale\": \"1e-5rad\"", cell, 1e-5),
            ok("scale", "-scale 0.001", "\"scale\": 0.001", cell, 3.6 * ASEC),
            bad("scale", "", "", "-scale is required, e.g. 2asec"),
            bad("scale", "-scale fast", "\"scale\": \"fast\"",
                    "cannot read -scale 'fast' (examples: 0.4asec, 1amin, 0.01deg)"),
            bad("scale", "-scale 2parsec", "\"scale\": \"2parsec\"",
                    "cannot read -scale '2parsec' (examples: 0.4asec, 1amin, 0.01deg)"),
            bad("scale", "-scale 0asec", "\"scale\": \"0asec\"", "pixel scale must be positive, got 0.0 rad"),

            ok("name", "-name out/sim", "\"name\": \"sim\"", RunParameters::name, "sim"),
            ok("name", "-name sim-1.v2", "\"name\": \"sim-1.v2\"", RunParameters::name, "sim-1.v2"),
            bad("name", List.of("-name", "out/a b"), "\"name\": \"a b\"",
                    "-name must be a plain file prefix (letters, digits, . _ -), got 'a b'"),
            bad("name", "-name out/.hidden", "\"name\": \".hidden\"",
                    "-name must be a plain file prefix (letters, digits, . _ -), got '.hidden'"),

            ok("niter", "-niter 200", "\"niter\": 200", p -> p.imaging().iteration().niter(), 200),
            ok("niter", "-niter 1e3", "\"niter\": 1e3", p -> p.imaging().iteration().niter(), 1000),
            bad("niter", "-niter -5", "\"niter\": -5", "-niter must be >= 0, got -5"),
            bad("niter", "-niter 2.5", "\"niter\": 2.5", "-niter must be an integer, got 2.5"),
            bad("niter", "-niter many", "\"niter\": \"many\"", "-niter must be a number, got 'many'"),

            ok("nmiter", "-nmiter 6", "\"nmiter\": 6", p -> p.imaging().iteration().nmajor(), 6),
            bad("nmiter", "-nmiter -1", "\"nmiter\": -1", "-nmiter must be >= 0, got -1"),
            bad("nmiter", "-nmiter few", "\"nmiter\": \"few\"", "-nmiter must be a number, got 'few'"),

            ok("gain", "-gain 0.2", "\"gain\": 0.2", p -> p.imaging().iteration().gain(), 0.2),
            bad("gain", "-gain 0", "\"gain\": 0", "gain must be in (0, 1], got 0.0"),
            bad("gain", "-gain 1.5", "\"gain\": 1.5", "gain must be in (0, 1], got 1.5"),
            bad("gain", "-gain NaN", "\"gain\": \"NaN\"", "-gain must be a number, got 'NaN'"),

            ok("mgain", "-mgain 0.8", "\"mgain\": 0.8", p -> p.imaging().iteration().mgain(), 0.8),
            bad("mgain", "-mgain high", "\"mgain\": \"high\"", "-mgain must be a number, got 'high'"),

            ok("threshold", "-threshold 0.01", "\"threshold\": 0.01", threshold, 0.01),
            ok("threshold", "-threshold 2Jy", "\"threshold\": \"2Jy\"", threshold, 2.0),
            ok("threshold", "-threshold 10mJy", "\"threshold\": \"10mJy\"", threshold, 0.01),
            ok("threshold", "-threshold 10MJY", "\"threshold\": \"10MJY\"", threshold, 0.01),
            ok("threshold", "-threshold 100uJy", "\"threshold\": \"100uJy\"", threshold, 1e-4),
            ok("threshold", "-threshold 100µJy", "\"threshold\": \"100µJy\"", threshold, 1e-4),
            bad("threshold", "-threshold -0.5", "\"threshold\": -0.5", "-threshold must be >= 0, got -0.5"),
            bad("threshold", "-threshold -1mJy", "\"threshold\": \"-1mJy\"", "-threshold must be >= 0, got '-1mJy'"),
            bad("threshold", "-threshold lots", "\"threshold\": \"lots\"",
                    "cannot read -threshold 'lots' (examples: 0.01, 10mJy)"),
            bad("threshold", "-threshold 1kJy", "\"threshold\": \"1kJy\"",
                    "cannot read -threshold '1kJy' (examples: 0.01, 10mJy)"),

            ok("auto-threshold", "-auto-threshold 3", "\"auto-threshold\": 3", p -> p.imaging().iteration().nsigma(),
                    3.0),
            bad("auto-threshold", "-auto-threshold -1", "\"auto-threshold\": -1", "-auto-threshold must be >= 0, got -1"),
            bad("auto-threshold", "-auto-threshold x", "\"auto-threshold\": \"x\"",
                    "-auto-threshold must be a number, got 'x'"),

            ok("weight", "-weight natural", "\"weight\": \"natural\"", weight, "natural 0.0"),
            ok("weight", "-weight uniform", "\"weight\": \"uniform\"", weight, "uniform 0.0"),
            ok("weight", "-weight briggs 0", "\"weight\": \"briggs 0\"", weight, "briggs 0.0"),
            ok("weight", "-weight briggs -0.5", "\"weight\": [\"briggs\", -0.5]", weight, "briggs -0.5"),
            ok("weight", "-weight Briggs 1", "\"weight\": \"Briggs 1\"", weight, "briggs 1.0"),
            bad("weight", "-weight uniform 0", "\"weight\": \"uniform 0\"", "-weight uniform takes no value"),
            bad("weight", "-weight natural 1", "\"weight\": [\"natural\", 1]", "-weight natural takes no value"),
            bad("weight", "-weight briggs", "\"weight\": \"briggs\"",
                    "-weight briggs needs a robustness value, e.g. -weight briggs 0"),
            bad("weight", "-weight briggs x", "\"weight\": \"briggs x\"",
                    "the robustness of -weight briggs must be a number, got 'x'"),
            bad("weight", "-weight superuniform", "\"weight\": \"superuniform\"",
                    "unknown weighting 'superuniform' (natural, uniform or briggs R)"),

            ok("data-column", "-data-column CORRECTED_DATA", "\"data-column\": \"CORRECTED_DATA\"",
                    p -> p.imaging().dataColumn(), "CORRECTED_DATA"),
            ok("data-column", "-data-column model_data", "\"data-column\": \"model_data\"",
                    p -> p.imaging().dataColumn(), "MODEL_DATA"),
            bad("data-column", List.of("-data-column", " "), "\"data-column\": \" \"",
                    "-data-column needs a column name, e.g. DATA or CORRECTED_DATA"),

            ok("gridder-accuracy", "-gridder-accuracy 1e-6", "\"gridder-accuracy\": 1e-6",
                    p -> p.imaging().epsilon(), 1e-6),
            bad("gridder-accuracy", "-gridder-accuracy 0.5", "\"gridder-accuracy\": 0.5",
                    "gridder accuracy must be in (0, 0.1), got 0.5"),
            bad("gridder-accuracy", "-gridder-accuracy tiny", "\"gridder-accuracy\": \"tiny\"",
                    "-gridder-accuracy must be a number, got 'tiny'"),

            ok("j", "-j " + (THREADS + 1), "\"j\": " + (THREADS + 1), p -> p.imaging().threads(), THREADS + 1),
            bad("j", "-j 0", "\"j\": 0", "-j must be >= 1, got 0"),
            bad("j", "-j two", "\"j\": \"two\"", "-j must be a number, got 'two'"),

            ok("device", "-device cpu", "\"device\": \"cpu\"", RunParameters::device, DeviceMode.CPU),
            ok("device", "-device GPU", "\"device\": \"GPU\"", RunParameters::device, DeviceMode.GPU),
            ok("device", "-device auto", "\"device\": \"auto\"", RunParameters::device, DeviceMode.AUTO),
            bad("device", "-device foo", "\"device\": \"foo\"", "-device must be auto, cpu or gpu, got 'foo'"),

            ok("partitions", "-partitions 4", "\"partitions\": 4", RunParameters::partitions, 4),
            bad("partitions", "-partitions 0", "\"partitions\": 0", "-partitions must be in 1..1024, got 0"),
            bad("partitions", "-partitions 100000", "\"partitions\": 100000", "-partitions must be in 1..1024, got 100000"),
            bad("partitions", "-partitions four", "\"partitions\": \"four\"", "-partitions must be a number, got 'four'"),

            ok("partition-by", "-partition-by channel", "\"partition-by\": \"channel\"", RunParameters::partitionBy,
                    "channel"),
            ok("partition-by", "-partition-by TIME", "\"partition-by\": \"TIME\"", RunParameters::partitionBy, "time"),
            ok("partition-by", "-partition-by w", "\"partition-by\": \"w\"", RunParameters::partitionBy, "w"),
            ok("partition-by", "-partition-by channel,w", "\"partition-by\": \"channel,w\"", RunParameters::partitionBy,
                    "channel,w"),
            ok("partition-by", "-partition-by auto", "\"partition-by\": \"auto\"", RunParameters::partitionBy, "auto"),
            bad("partition-by", "-partition-by baseline", "\"partition-by\": \"baseline\"",
                    "-partition-by must be one of auto, time, channel, w, channel,w, got 'baseline'"),

            ok("multiscale", "-multiscale", "\"multiscale\": true", p -> multiscale.apply(p), MultiscaleParameters.defaults()),
            bad("multiscale", "-multiscale-gain 0.3", "\"multiscale-gain\": 0.3", "-multiscale-gain needs -multiscale"),

            ok("multiscale-scales", "-multiscale -multiscale-scales 0,4,8",
                    "\"multiscale\": true, \"multiscale-scales\": [0, 4, 8]", p -> multiscale.apply(p).scales(),
                    List.of(0.0, 4.0, 8.0)),
            bad("multiscale-scales", "-multiscale -multiscale-scales 0,-4",
                    "\"multiscale\": true, \"multiscale-scales\": \"0,-4\"", "-multiscale-scales must be >= 0 pixels, got -4"),
            bad("multiscale-scales", "-multiscale -multiscale-scales 0,wide",
                    "\"multiscale\": true, \"multiscale-scales\": [0, \"wide\"]", "-multiscale-scales must be a number, got 'wide'"),

            ok("multiscale-scale-bias", "-multiscale -multiscale-scale-bias 0.7",
                    "\"multiscale\": true, \"multiscale-scale-bias\": 0.7", p -> multiscale.apply(p).scaleBias(), 0.7),
            bad("multiscale-scale-bias", "-multiscale -multiscale-scale-bias 0",
                    "\"multiscale\": true, \"multiscale-scale-bias\": 0", "-multiscale-scale-bias must be in (0, 1], got 0"),
            bad("multiscale-scale-bias", "-multiscale -multiscale-scale-bias 1.5",
                    "\"multiscale\": true, \"multiscale-scale-bias\": 1.5", "-multiscale-scale-bias must be in (0, 1], got 1.5"),

            ok("multiscale-shape", "-multiscale -multiscale-shape gaussian",
                    "\"multiscale\": true, \"multiscale-shape\": \"gaussian\"", p -> multiscale.apply(p).shape(),
                    ScaleShape.GAUSSIAN),
            bad("multiscale-shape", "-multiscale -multiscale-shape square",
                    "\"multiscale\": true, \"multiscale-shape\": \"square\"",
                    "-multiscale-shape must be tapered-quadratic or gaussian, got 'square'"),

            ok("multiscale-max-scales", "-multiscale -multiscale-max-scales 3",
                    "\"multiscale\": true, \"multiscale-max-scales\": 3", p -> multiscale.apply(p).maxScales(), 3),
            bad("multiscale-max-scales", "-multiscale -multiscale-max-scales -1",
                    "\"multiscale\": true, \"multiscale-max-scales\": -1", "-multiscale-max-scales must be >= 0, got -1"),

            ok("multiscale-gain", "-multiscale -multiscale-gain 0.3",
                    "\"multiscale\": true, \"multiscale-gain\": 0.3", p -> multiscale.apply(p).gain(), 0.3),
            bad("multiscale-gain", "-multiscale -multiscale-gain 0",
                    "\"multiscale\": true, \"multiscale-gain\": 0", "-multiscale-gain must be in (0, 1], got 0"),

            ok("fits-mask", "-fits-mask mask.fits", "\"fits-mask\": \"mask.fits\"", RunParameters::fitsMask, "mask.fits"),
            bad("fits-mask", List.of("-fits-mask", " "), "\"fits-mask\": \" \"", "-fits-mask needs a FITS file"),

            ok("auto-mask", "-auto-mask 5", "\"auto-mask\": 5", p -> p.imaging().iteration().autoMask(), 5.0),
            bad("auto-mask", "-auto-mask -1", "\"auto-mask\": -1", "-auto-mask must be >= 0, got -1"),
            bad("auto-mask", "-auto-mask x", "\"auto-mask\": \"x\"", "-auto-mask must be a number, got 'x'"),
            ok("local-rms", "-local-rms", "\"local-rms\": true", p -> p.imaging().iteration().localRmsWindow(), 25.0),
            ok("local-rms", "", "", p -> p.imaging().iteration().localRmsActive(), false),
            bad("local-rms", "-local-rms-window 10", "\"local-rms-window\": 10", "-local-rms-window needs -local-rms"),
            ok("local-rms-window", "-local-rms -local-rms-window 10", "\"local-rms\": true, \"local-rms-window\": 10",
                    p -> p.imaging().iteration().localRmsWindow(), 10.0),
            bad("local-rms-window", "-local-rms -local-rms-window 0", "\"local-rms\": true, \"local-rms-window\": 0",
                    "-local-rms-window must be > 0 beams, got 0"),
            bad("local-rms-window", "-local-rms -local-rms-window x",
                    "\"local-rms\": true, \"local-rms-window\": \"x\"", "-local-rms-window must be a number, got 'x'"),

            ok("channels-out", "-channels-out 4", "\"channels-out\": 4", p -> p.spectral().channelsOut(), 4),
            bad("channels-out", "-channels-out 0", "\"channels-out\": 0", "-channels-out must be >= 1, got 0"),
            bad("channels-out", "-channels-out four", "\"channels-out\": \"four\"",
                    "-channels-out must be a number, got 'four'"),
            bad("channels-out", "-channels-out 8 -channel-range 0 4", "\"channels-out\": 8, \"channel-range\": [0, 4]",
                    "-channels-out 8 asks for more groups than the 4 channels of -channel-range 0 4"),

            ok("channel-range", "-channel-range 2 10", "\"channel-range\": [2, 10]",
                    p -> List.of(p.spectral().channelStart(), p.spectral().channelEnd()), List.of(2, 10)),
            bad("channel-range", "-channel-range 5 5", "\"channel-range\": [5, 5]",
                    "-channel-range 5 5 selects no channels: the end channel (exclusive) must be above the first"),
            bad("channel-range", "-channel-range 6 2", "\"channel-range\": \"6 2\"",
                    "-channel-range 6 2 selects no channels: the end channel (exclusive) must be above the first"),
            bad("channel-range", "-channel-range -1 4", "\"channel-range\": [-1, 4]", "-channel-range must be >= 0, got -1"),

            ok("join-channels", "-channels-out 2 -join-channels", "\"channels-out\": 2, \"join-channels\": true",
                    p -> p.spectral().joinChannels(), true),
            bad("join-channels", "-join-channels", "\"join-channels\": true", "-join-channels needs -channels-out 2 or more"),
            ok("join-channels", "-channels-out 2 -join-channels -multiscale",
                    "\"channels-out\": 2, \"join-channels\": true, \"multiscale\": true",
                    p -> p.spectral().joinChannels() && p.imaging().iteration().multiscale() != null, true),
            bad("join-channels", "-channels-out 2 -join-channels -multiscale -multiscale-scale-bias 0",
                    "\"channels-out\": 2, \"join-channels\": true, \"multiscale\": true, \"multiscale-scale-bias\": 0",
                    "-multiscale-scale-bias must be in (0, 1], got 0"),
            bad("join-channels", "-channels-out 1 -join-channels", "\"channels-out\": 1, \"join-channels\": true",
                    "-join-channels needs -channels-out 2 or more"),

            ok("fit-spectral-pol", "-channels-out 4 -join-channels -fit-spectral-pol 2",
                    "\"channels-out\": 4, \"join-channels\": true, \"fit-spectral-pol\": 2", p -> p.spectral().fit(),
                    new SpectralFit(SpectralFit.Mode.POLYNOMIAL, 2)),
            bad("fit-spectral-pol", "-channels-out 4 -join-channels -fit-spectral-pol 0",
                    "\"channels-out\": 4, \"join-channels\": true, \"fit-spectral-pol\": 0",
                    "-fit-spectral-pol must be >= 1, got 0"),
            bad("fit-spectral-pol", "-channels-out 4 -join-channels -fit-spectral-pol 4",
                    "\"channels-out\": 4, \"join-channels\": true, \"fit-spectral-pol\": 4",
                    "-fit-spectral-pol 4 must be below -channels-out 4 (a fit of 4 terms needs more groups than terms)"),
            bad("fit-spectral-pol", "-channels-out 4 -fit-spectral-pol 2", "\"channels-out\": 4, \"fit-spectral-pol\": 2",
                    "-fit-spectral-pol needs -join-channels"),

            ok("fit-spectral-log-pol", "-channels-out 4 -join-channels -fit-spectral-log-pol 3",
                    "\"channels-out\": 4, \"join-channels\": true, \"fit-spectral-log-pol\": 3",
                    p -> p.spectral().fit(), new SpectralFit(SpectralFit.Mode.LOG_POLYNOMIAL, 3)),
            bad("fit-spectral-log-pol", "-channels-out 4 -join-channels -fit-spectral-pol 2 -fit-spectral-log-pol 2",
                    "\"channels-out\": 4, \"join-channels\": true, \"fit-spectral-pol\": 2, \"fit-spectral-log-pol\": 2",
                    "give -fit-spectral-pol or -fit-spectral-log-pol, not both"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theCommandLineTheJobMessageAndSubmitAgree(Case c) throws Exception {
        List<String> args = new ArrayList<>();
        List<String> json = new ArrayList<>();
        for (String option : List.of("size", "scale")) {
            if (!option.equals(c.option())) {
                args.addAll(BASE.get(option).cli());
                json.add(BASE.get(option).json());
            }
        }
        args.addAll(c.form().cli());
        if (!c.form().json().isEmpty()) {
            json.add(c.form().json());
        }
        Map<String, Object> message = JSON.readValue("{" + String.join(", ", json) + "}",
                JSON.getTypeFactory().constructMapType(Map.class, String.class, Object.class));

        Outcome cli = commandLine(args);
        Outcome job = jobMessage(message);
        Outcome submit = submitOptions(message);
        assertEquals(cli, job, "command line and job message");
        assertEquals(job, submit, "job message and submit -p");
        if (c.error() != null) {
            assertEquals(c.error(), cli.error());
        } else {
            assertNull(cli.error(), cli.error());
            Object actual = c.field().apply(cli.parameters());
            if (c.expected() instanceof Double d) {
                assertEquals(d, (Double) actual, 1e-12 * Math.abs(d), c.toString());
            } else {
                assertEquals(c.expected(), actual, c.toString());
            }
        }
    }

    /** Given nothing but the required options, both forms give the one set of defaults. */
    @Test
    void theDefaultsAreTheParsersOnly() throws Exception {
        RunParameters expected = new RunParameters(new ImagingParameters(64, 64, 4 * ASEC, "uniform", 0, null, 1e-4,
                THREADS, IterationParameters.builder().niter(0).nmajor(20).gain(0.1).mgain(1.0).threshold(0).nsigma(0)
                        .build()), 1, "auto", "wsclean", null, null, SpectralParameters.SINGLE);
        assertEquals(new Outcome(expected, null), commandLine(List.of("-size", "64", "64", "-scale", "4asec")));
        assertEquals(new Outcome(expected, null), jobMessage(JSON.readValue("{\"size\": [64, 64], \"scale\": \"4asec\"}",
                JSON.getTypeFactory().constructMapType(Map.class, String.class, Object.class))));
        // picocli has no defaults of its own: an option not given stays null and is left out of the job
        CommandLine.ParseResult parsed = Tessera.commandLine().parseArgs("image", "-size", "64", "64", "x.ms");
        for (OptionSpec option : parsed.subcommand().commandSpec().options()) {
            assertNull(option.defaultValue(), option.longestName() + " has a picocli default");
        }
        ImageCommand image = (ImageCommand) parsed.subcommand().commandSpec().userObject();
        assertEquals(Map.of("size", List.of("64", "64")), image.jobParameters());
    }

    /** The cases cover every option of tessera image, each with a valid and an invalid value. */
    @Test
    void everyOptionIsWalked() {
        Set<String> options = new TreeSet<>();
        for (OptionSpec option : new CommandLine(new ImageCommand()).getCommandSpec().options()) {
            String name = option.longestName();
            if (!name.startsWith("--") && !option.usageHelp() && !option.versionHelp()) {
                options.add(name.substring(1));
            }
        }
        assertEquals(new TreeSet<>(RunParameters.NAMES), options, "image options and parameter names");
        Map<String, Set<Boolean>> kinds = cases().collect(Collectors.groupingBy(Case::option, TreeMap::new,
                Collectors.mapping(c -> c.error() == null, Collectors.toSet())));
        assertEquals(options, kinds.keySet(), "options with cases");
        kinds.forEach((option, valid) -> assertEquals(Set.of(true, false), valid,
                option + " needs a valid and an invalid case"));
    }

    /** An unknown key is refused by name; tessera image cannot send one. */
    @Test
    void anUnknownParameterIsNamed() {
        Outcome job = jobMessage(Map.of("size", List.of(64, 64), "scale", "4asec", "niters", 5));
        assertNotNull(job.error());
        assertTrue(job.error().startsWith("unknown parameter 'niters' (known: "), job.error());
        assertTrue(job.error().contains("auto-threshold, channel-range, channels-out, data-column, device"), job.error());
    }

    private static Outcome commandLine(List<String> options) {
        List<String> args = new ArrayList<>(List.of("image"));
        args.addAll(options);
        args.add("missing.ms");
        CommandLine.ParseResult parsed = Tessera.commandLine().parseArgs(args.toArray(String[]::new));
        ImageCommand image = (ImageCommand) parsed.subcommand().commandSpec().userObject();
        try {
            return new Outcome(image.runParameters(), null);
        } catch (UserError e) {
            return new Outcome(null, e.getMessage());
        }
    }

    private static Outcome jobMessage(Map<String, Object> message) {
        try {
            return new Outcome(RunParameters.parse(message, THREADS), null);
        } catch (ParameterException e) {
            return new Outcome(null, e.getMessage());
        }
    }

    /** The message as {@code tessera submit -p name=value} options: every value a string (lists space-separated). */
    private static Outcome submitOptions(Map<String, Object> message) throws Exception {
        List<String> args = new ArrayList<>(List.of("submit", "missing.ms"));
        for (Map.Entry<String, Object> e : message.entrySet()) {
            JsonNode node = JSON.valueToTree(e.getValue());
            String text = node.isArray() ? Arrays.stream(JSON.treeToValue(node, Object[].class))
                    .map(String::valueOf).collect(Collectors.joining(" ")) : node.asText();
            args.addAll(List.of("-p", e.getKey() + "=" + text));
        }
        CommandLine.ParseResult parsed = Tessera.commandLine().parseArgs(args.toArray(String[]::new));
        SubmitCommand submit = (SubmitCommand) parsed.subcommand().commandSpec().userObject();
        try {
            return new Outcome(ImageCommand.parse(new LinkedHashMap<>(submit.params)), null);
        } catch (UserError e) {
            return new Outcome(null, e.getMessage());
        }
    }

    private static Case ok(String option, String cli, String json, Function<RunParameters, Object> field,
                           Object expected) {
        return new Case(option, new Form(words(cli), json), field, expected, null);
    }

    private static Case bad(String option, String cli, String json, String error) {
        return bad(option, words(cli), json, error);
    }

    private static Case bad(String option, List<String> cli, String json, String error) {
        return new Case(option, new Form(cli, json), null, null, error);
    }

    private static List<String> words(String cli) {
        return cli.isEmpty() ? List.of() : List.of(cli.split(" "));
    }
}
