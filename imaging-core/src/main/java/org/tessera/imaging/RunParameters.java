package org.tessera.imaging;

import org.tessera.imaging.deconvolution.IterationParameters;
import org.tessera.imaging.deconvolution.LocalRms;
import org.tessera.imaging.deconvolution.MultiscaleParameters;
import org.tessera.imaging.deconvolution.ScaleShape;
import org.tessera.imaging.gridding.DeviceMode;
import org.tessera.imaging.spectral.SpectralFit;
import org.tessera.imaging.spectral.SpectralParameters;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The parameters of one imaging run, whichever way they came: the {@code tessera image} options, {@code tessera
 * submit -p}, a job message or an ingest {@code X.ms.json}. All of them go through {@link #parse}, the one place
 * with defaults and error texts. The keys are the option names without the dash; the values are JSON numbers
 * and lists, or the strings a user types ("2asec", "10mJy", "briggs 0", "512,512").
 *
 * @param imaging     what to image and how
 * @param partitions  partitions of a run through the services
 * @param partitionBy {@code auto}, {@code time}, {@code channel}, {@code w} or {@code channel,w}
 * @param name        the products' file prefix: a plain name, no folders
 * @param device      where the gridders run; null when not given (in-process: auto; a gridder service: its
 *                    {@code TESSERA_DEVICE})
 * @param fitsMask    {@code -fits-mask}: a FITS file in process, the uploaded {@code bucket/key} in a job; null: none
 * @param spectral    {@code -channels-out}, {@code -channel-range}, {@code -join-channels} and the spectral fits
 */
public record RunParameters(ImagingParameters imaging, int partitions, String partitionBy, String name,
                            DeviceMode device, String fitsMask, SpectralParameters spectral) {
    /** The defaults, as a user would type them (help texts quote them). */
    public static final String DEFAULT_NITER = "0";
    public static final String DEFAULT_NMITER = "20";
    public static final String DEFAULT_GAIN = "0.1";
    public static final String DEFAULT_MGAIN = "1.0";
    public static final String DEFAULT_THRESHOLD = "0";
    public static final String DEFAULT_AUTO_THRESHOLD = "0";
    public static final String DEFAULT_WEIGHT = "uniform";
    public static final String DEFAULT_GRIDDER_ACCURACY = "1e-4";
    public static final String DEFAULT_PARTITIONS = "1";
    public static final String DEFAULT_PARTITION_BY = "auto";
    /** The axes a run may be split along ({@code auto}: w when the plan has more w-planes than the kernel support, else time). */
    public static final List<String> PARTITION_AXES = List.of("auto", "time", "channel", "w", "channel,w");
    public static final String DEFAULT_NAME = "wsclean";
    /** The most partitions a job may ask for ({@code TESSERA_MAX_PARTITIONS}, default 1024). */
    public static final int MAX_PARTITIONS = (int) operatorLimit("TESSERA_MAX_PARTITIONS", 1024);
    /** The most pixels an image may have ({@code TESSERA_MAX_PIXELS}, default 2^28: 2 GiB of doubles). */
    public static final long MAX_PIXELS = operatorLimit("TESSERA_MAX_PIXELS", 1L << 28);

    /** Every parameter: the {@code tessera image} options without the dash. */
    public static final List<String> NAMES = List.of("size", "scale", "niter", "nmiter", "gain", "mgain",
            "threshold", "auto-threshold", "weight", "data-column", "gridder-accuracy", "j", "device", "partitions",
            "partition-by", "name", "multiscale", "multiscale-scales", "multiscale-scale-bias", "multiscale-shape",
            "multiscale-max-scales", "multiscale-gain", "fits-mask", "auto-mask", "local-rms", "local-rms-window",
            "channels-out", "channel-range", "join-channels", "fit-spectral-pol", "fit-spectral-log-pol");

    /** The parameters of an in-process run of {@code imaging}: one partition, the default name, device auto. */
    public static RunParameters inProcess(ImagingParameters imaging) {
        return new RunParameters(imaging, 1, DEFAULT_PARTITION_BY, DEFAULT_NAME, null, null, SpectralParameters.SINGLE);
    }

    /**
     * Reads and checks; anything wrong is a {@link ParameterException} naming the parameter by its option.
     *
     * @param defaultThreads the threads when {@code j} is not given
     */
    public static RunParameters parse(Map<String, Object> raw, int defaultThreads) {
        for (String key : raw.keySet()) {
            if (!NAMES.contains(key)) {
                throw new ParameterException("unknown parameter '" + key + "' (known: "
                        + String.join(", ", NAMES.stream().sorted().toList()) + ")");
            }
        }
        try {
            return read(raw, defaultThreads);
        } catch (ParameterException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            // the range checks of ImagingParameters, IterationParameters and DeviceMode
            throw new ParameterException(e.getMessage());
        }
    }

    private static RunParameters read(Map<String, Object> raw, int defaultThreads) {
        if (raw.get("size") == null) {
            throw new ParameterException("-size is required: width and height in pixels");
        }
        List<Object> size = words(raw.get("size"), "[\\s,x]+");
        if (size.isEmpty() || size.size() > 2) {
            throw new ParameterException("-size takes width and height in pixels, got '" + joined(size) + "'");
        }
        int width = integer(size.get(0), "-size");
        int height = integer(size.get(size.size() - 1), "-size");
        if ((long) width * height > MAX_PIXELS) {
            throw new ParameterException("-size " + width + " x " + height + " is " + (long) width * height
                    + " pixels, more than the " + MAX_PIXELS + " allowed (TESSERA_MAX_PIXELS)");
        }
        if (raw.get("scale") == null) {
            throw new ParameterException("-scale is required, e.g. 2asec");
        }
        double cell = angle(raw.get("scale"));

        List<Object> weight = words(value(raw, "weight", DEFAULT_WEIGHT), "[\\s,]+");
        if (weight.isEmpty()) {
            throw new ParameterException("-weight needs a mode: natural, uniform or briggs R");
        }
        String mode = weight.get(0).toString().toLowerCase(Locale.ROOT);
        double robust = 0;
        if (mode.equals("briggs")) {
            if (weight.size() < 2) {
                throw new ParameterException("-weight briggs needs a robustness value, e.g. -weight briggs 0");
            }
            if (weight.size() > 2) {
                throw new ParameterException("-weight briggs takes one value, got '" + joined(weight) + "'");
            }
            robust = number(weight.get(1), "the robustness of -weight briggs");
        } else if (weight.size() > 1 && (mode.equals("natural") || mode.equals("uniform"))) {
            throw new ParameterException("-weight " + mode + " takes no value");
        }

        int niter = atLeast(integer(value(raw, "niter", DEFAULT_NITER), "-niter"), 0, "-niter");
        int nmiter = atLeast(integer(value(raw, "nmiter", DEFAULT_NMITER), "-nmiter"), 0, "-nmiter");
        double nsigma = number(value(raw, "auto-threshold", DEFAULT_AUTO_THRESHOLD), "-auto-threshold");
        if (nsigma < 0) {
            throw new ParameterException("-auto-threshold must be >= 0, got " + format(nsigma));
        }
        double autoMask = number(value(raw, "auto-mask", "0"), "-auto-mask");
        if (autoMask < 0) {
            throw new ParameterException("-auto-mask must be >= 0, got " + format(autoMask));
        }
        IterationParameters iteration = IterationParameters.builder()
                .niter(niter)
                .nmajor(nmiter)
                .gain(number(value(raw, "gain", DEFAULT_GAIN), "-gain"))
                .mgain(number(value(raw, "mgain", DEFAULT_MGAIN), "-mgain"))
                .threshold(flux(value(raw, "threshold", DEFAULT_THRESHOLD)))
                .nsigma(nsigma)
                .multiscale(multiscale(raw))
                .autoMask(autoMask)
                .localRmsWindow(localRmsWindow(raw))
                .build();

        String column = null;
        if (raw.get("data-column") != null) {
            column = raw.get("data-column").toString().trim().toUpperCase(Locale.ROOT);
            if (column.isEmpty()) {
                throw new ParameterException("-data-column needs a column name, e.g. DATA or CORRECTED_DATA");
            }
        }
        int threads = raw.get("j") == null ? defaultThreads : atLeast(integer(raw.get("j"), "-j"), 1, "-j");
        double epsilon = number(value(raw, "gridder-accuracy", DEFAULT_GRIDDER_ACCURACY), "-gridder-accuracy");
        ImagingParameters imaging = new ImagingParameters(width, height, cell, mode, robust, column, epsilon,
                threads, iteration);

        int partitions = integer(value(raw, "partitions", DEFAULT_PARTITIONS), "-partitions");
        if (partitions < 1 || partitions > MAX_PARTITIONS) {
            throw new ParameterException("-partitions must be in 1.." + MAX_PARTITIONS + ", got " + partitions);
        }
        String by = value(raw, "partition-by", DEFAULT_PARTITION_BY).toString().trim().toLowerCase(Locale.ROOT)
                .replace(" ", "");
        if (!PARTITION_AXES.contains(by)) {
            throw new ParameterException("-partition-by must be one of " + String.join(", ", PARTITION_AXES)
                    + ", got '" + raw.get("partition-by") + "'");
        }
        String name = value(raw, "name", DEFAULT_NAME).toString();
        if (!name.matches("[A-Za-z0-9._-]+") || name.startsWith(".")) {
            throw new ParameterException("-name must be a plain file prefix (letters, digits, . _ -), got '"
                    + name + "'");
        }
        DeviceMode device = raw.get("device") == null ? null : DeviceMode.parse(raw.get("device").toString(),
                "-device");
        String mask = null;
        if (raw.get("fits-mask") != null) {
            mask = raw.get("fits-mask").toString().trim();
            if (mask.isEmpty()) {
                throw new ParameterException("-fits-mask needs a FITS file");
            }
        }
        SpectralParameters spectral = spectral(raw);
        return new RunParameters(imaging, partitions, by, name, device, mask, spectral);
    }

    /**
     * WSClean's channel options. What needs the MS (more groups than its channels, a range past its end) is
     * checked when it is opened ({@link org.tessera.imaging.spectral.ChannelGroups#of}).
     */
    private static SpectralParameters spectral(Map<String, Object> raw) {
        int channelsOut = atLeast(integer(value(raw, "channels-out", "1"), "-channels-out"), 1, "-channels-out");
        int start = 0;
        int end = -1;
        if (raw.get("channel-range") != null) {
            List<Object> range = words(raw.get("channel-range"), "[\\s,]+");
            if (range.size() != 2) {
                throw new ParameterException("-channel-range takes the first channel and the end channel (exclusive),"
                        + " e.g. -channel-range 0 64; got '" + joined(range) + "'");
            }
            start = atLeast(integer(range.get(0), "-channel-range"), 0, "-channel-range");
            end = atLeast(integer(range.get(1), "-channel-range"), 0, "-channel-range");
            if (end <= start) {
                throw new ParameterException("-channel-range " + start + " " + end
                        + " selects no channels: the end channel (exclusive) must be above the first");
            }
            if (channelsOut > end - start) {
                throw new ParameterException("-channels-out " + channelsOut + " asks for more groups than the "
                        + (end - start) + " channels of -channel-range " + start + " " + end);
            }
        }
        boolean join = raw.get("join-channels") != null && flag(raw.get("join-channels"), "-join-channels");
        if (join && channelsOut < 2) {
            throw new ParameterException("-join-channels needs -channels-out 2 or more");
        }
        SpectralFit fit = SpectralFit.NONE;
        for (String key : List.of("fit-spectral-pol", "fit-spectral-log-pol")) {
            if (raw.get(key) == null) {
                continue;
            }
            if (fit.fits()) {
                throw new ParameterException("give -fit-spectral-pol or -fit-spectral-log-pol, not both");
            }
            int terms = atLeast(integer(raw.get(key), "-" + key), 1, "-" + key);
            if (!join) {
                throw new ParameterException("-" + key + " needs -join-channels");
            }
            if (terms >= channelsOut) {
                throw new ParameterException("-" + key + " " + terms + " must be below -channels-out " + channelsOut
                        + " (a fit of " + terms + " terms needs more groups than terms)");
            }
            fit = new SpectralFit(key.equals("fit-spectral-pol") ? SpectralFit.Mode.POLYNOMIAL
                    : SpectralFit.Mode.LOG_POLYNOMIAL, terms);
        }
        return new SpectralParameters(channelsOut, start, end, join, fit);
    }

    /**
     * WSClean's {@code -local-rms} (a flag) and {@code -local-rms-window} (beams, default 25): the window, or 0 without
     * {@code -local-rms}; a window without it is an error, as it would do nothing.
     */
    private static double localRmsWindow(Map<String, Object> raw) {
        boolean on = raw.get("local-rms") != null && flag(raw.get("local-rms"), "-local-rms");
        if (!on) {
            if (raw.get("local-rms-window") != null) {
                throw new ParameterException("-local-rms-window needs -local-rms");
            }
            return 0;
        }
        double window = number(value(raw, "local-rms-window", LocalRms.DEFAULT_WINDOW), "-local-rms-window");
        if (!(window > 0) || Double.isInfinite(window)) {
            throw new ParameterException("-local-rms-window must be > 0 beams, got " + format(window));
        }
        return window;
    }

    /** WSClean's multiscale options; given without {@code -multiscale} they are an error, as they would do nothing. */
    private static MultiscaleParameters multiscale(Map<String, Object> raw) {
        boolean on = raw.get("multiscale") != null && flag(raw.get("multiscale"), "-multiscale");
        if (!on) {
            for (String key : NAMES) {
                if (key.startsWith("multiscale-") && raw.get(key) != null) {
                    throw new ParameterException("-" + key + " needs -multiscale");
                }
            }
            return null;
        }
        List<Double> scales = new ArrayList<>();
        if (raw.get("multiscale-scales") != null) {
            for (Object w : words(raw.get("multiscale-scales"), "[\\s,]+")) {
                double v = number(w, "-multiscale-scales");
                if (v < 0) {
                    throw new ParameterException("-multiscale-scales must be >= 0 pixels, got " + format(v));
                }
                scales.add(v);
            }
            if (scales.isEmpty()) {
                throw new ParameterException("-multiscale-scales needs scales in pixels, e.g. 0,4,8,16");
            }
        }
        double bias = number(value(raw, "multiscale-scale-bias", MultiscaleParameters.DEFAULT_SCALE_BIAS),
                "-multiscale-scale-bias");
        ScaleShape shape = ScaleShape.parse(value(raw, "multiscale-shape", ScaleShape.TAPERED_QUADRATIC.text).toString());
        int maxScales = atLeast(integer(value(raw, "multiscale-max-scales", "0"), "-multiscale-max-scales"), 0,
                "-multiscale-max-scales");
        double gain = number(value(raw, "multiscale-gain", MultiscaleParameters.DEFAULT_GAIN), "-multiscale-gain");
        return new MultiscaleParameters(scales, bias, shape, maxScales, gain);
    }

    /** A switch: true (JSON), or the text true/false as {@code submit -p multiscale=true} sends it. */
    private static boolean flag(Object value, String what) {
        if (value instanceof Boolean b) {
            return b;
        }
        String t = value.toString().trim().toLowerCase(Locale.ROOT);
        if (t.equals("true")) {
            return true;
        }
        if (t.equals("false")) {
            return false;
        }
        throw new ParameterException(what + " is a switch: true or false, got '" + value + "'");
    }

    private static Object value(Map<String, Object> raw, String key, Object fallback) {
        Object v = raw.get(key);
        return v == null ? fallback : v;
    }

    /** A list as it is, or a string split at the separators. */
    private static List<Object> words(Object value, String separators) {
        List<Object> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            out.addAll(list);
        } else {
            for (String w : value.toString().trim().split(separators)) {
                if (!w.isEmpty()) {
                    out.add(w);
                }
            }
        }
        return out;
    }

    /** An operator's limit from the environment (or the system property of the same name), else the default. */
    private static long operatorLimit(String variable, long defaultValue) {
        String text = System.getProperty(variable, System.getenv(variable));
        if (text == null || text.isBlank()) {
            return defaultValue;
        }
        try {
            long v = Long.parseLong(text.trim());
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // refused below, with the variable's name
        }
        throw new IllegalStateException(variable + " must be a positive integer, got '" + text + "'");
    }

    private static int atLeast(int value, int least, String what) {
        if (value < least) {
            throw new ParameterException(what + " must be >= " + least + ", got " + value);
        }
        return value;
    }

    private static int integer(Object value, String what) {
        double v = number(value, what);
        if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
            throw new ParameterException(what + " must be an integer, got " + shown(value));
        }
        return (int) v;
    }

    private static double number(Object value, String what) {
        Double v = parsed(value);
        if (v == null) {
            throw new ParameterException(what + " must be a number, got " + shown(value));
        }
        return v;
    }

    /** A finite number from a JSON number or its text; null for anything else. */
    private static Double parsed(Object value) {
        double v;
        if (value instanceof Number n) {
            v = n.doubleValue();
        } else {
            try {
                v = Double.parseDouble(String.valueOf(value).trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return Double.isFinite(v) ? v : null;
    }

    /** A value in an error text: a number the same however it was written (64, "64", 64.0), else quoted. */
    private static String shown(Object value) {
        Double v = parsed(value);
        return v != null ? format(v) : "'" + value + "'";
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static String joined(List<Object> words) {
        return String.join(" ", words.stream().map(w -> parsed(w) != null ? format(parsed(w)) : String.valueOf(w))
                .toList());
    }

    /** WSClean-style angle in radians: masec, asec, amin, deg or rad suffix; a plain number is degrees. */
    private static double angle(Object value) {
        String t = value.toString().trim().toLowerCase(Locale.ROOT);
        String[] units = {"masec", "asec", "amin", "deg", "rad"};
        double[] factors = {Math.toRadians(1 / 3.6e6), Math.toRadians(1 / 3600.0), Math.toRadians(1 / 60.0),
            Math.toRadians(1), 1};
        double factor = Math.toRadians(1);
        for (int i = 0; i < units.length; i++) {
            if (t.endsWith(units[i])) {
                t = t.substring(0, t.length() - units[i].length());
                factor = factors[i];
                break;
            }
        }
        Double v = value instanceof Number n ? parsed(n) : parsed(t);
        if (v == null) {
            throw new ParameterException("cannot read -scale " + shown(value)
                    + " (examples: 0.4asec, 1amin, 0.01deg)");
        }
        return v * factor;
    }

    /** Flux density in Jy: Jy, mJy, uJy or µJy suffix; a plain number is Jy. */
    private static double flux(Object value) {
        String t = value.toString().trim().toLowerCase(Locale.ROOT);
        double factor = 1;
        if (t.endsWith("mjy")) {
            factor = 1e-3;
        } else if (t.endsWith("ujy") || t.endsWith("µjy")) {
            factor = 1e-6;
        }
        if (t.endsWith("jy")) {
            t = t.substring(0, t.length() - (factor == 1 ? 2 : 3));
        }
        Double v = value instanceof Number n ? parsed(n) : parsed(t);
        if (v == null) {
            throw new ParameterException("cannot read -threshold " + shown(value) + " (examples: 0.01, 10mJy)");
        }
        if (v * factor < 0) {
            throw new ParameterException("-threshold must be >= 0, got " + shown(value));
        }
        return v * factor;
    }
}
