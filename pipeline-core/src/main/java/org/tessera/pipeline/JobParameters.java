package org.tessera.pipeline;

import org.tessera.imaging.ImagingParameters;
import org.tessera.imaging.deconvolution.IterationParameters;
import org.tessera.imaging.gridding.DeviceMode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A job's parameters, read from the names of the {@code tessera image} options without the dash
 * ({@code size, scale, niter, nmiter, gain, mgain, threshold, auto-threshold, weight, data-column,
 * gridder-accuracy, j, device}) plus {@code partitions}, {@code partition-by} and {@code name}. Values may
 * be JSON numbers or the strings a user would type ("2asec", "10mJy", "briggs 0").
 *
 * @param device where the gridders run; null: each gridder's own {@code TESSERA_DEVICE}
 */
public record JobParameters(ImagingParameters imaging, int partitions, String partitionBy, String name,
                            DeviceMode device) {
    private static final Set<String> KNOWN = Set.of("size", "scale", "niter", "nmiter", "gain", "mgain",
            "threshold", "auto-threshold", "weight", "data-column", "gridder-accuracy", "j", "device", "partitions",
            "partition-by", "name");

    /** Parses and checks; anything wrong is a {@link JobFailure} naming the parameter. */
    public static JobParameters parse(Map<String, Object> raw, int defaultThreads) {
        try {
            for (String key : raw.keySet()) {
                if (!KNOWN.contains(key)) {
                    throw new JobFailure("unknown parameter '" + key + "' (known: " + String.join(", ",
                            KNOWN.stream().sorted().toList()) + ")");
                }
            }
            List<String> size = words(raw.get("size"));
            if (size.isEmpty() || size.size() > 2) {
                throw new JobFailure("parameter 'size' is required: [width, height] in pixels");
            }
            int width = integer(size.get(0), "size");
            int height = integer(size.get(size.size() - 1), "size");
            if (raw.get("scale") == null) {
                throw new JobFailure("parameter 'scale' is required, e.g. \"2asec\"");
            }
            double cell = angle(raw.get("scale").toString());
            List<String> weight = words(raw.getOrDefault("weight", "uniform"));
            String mode = weight.isEmpty() ? "uniform" : weight.get(0).toLowerCase();
            double robust = 0;
            if (mode.equals("briggs")) {
                if (weight.size() < 2) {
                    throw new JobFailure("weight briggs needs a robustness value, e.g. \"briggs 0\"");
                }
                robust = number(weight.get(1), "weight");
            }
            IterationParameters iteration = IterationParameters.builder()
                    .niter(integer(raw.getOrDefault("niter", 0), "niter"))
                    .nmajor(integer(raw.getOrDefault("nmiter", 20), "nmiter"))
                    .gain(number(raw.getOrDefault("gain", 0.1), "gain"))
                    .mgain(number(raw.getOrDefault("mgain", 1.0), "mgain"))
                    .threshold(flux(raw.getOrDefault("threshold", 0).toString()))
                    .nsigma(number(raw.getOrDefault("auto-threshold", 0), "auto-threshold"))
                    .build();
            if (iteration.niter() < 0) {
                throw new JobFailure("niter must be >= 0, got " + iteration.niter());
            }
            Object column = raw.get("data-column");
            int threads = raw.get("j") == null ? defaultThreads : integer(raw.get("j"), "j");
            ImagingParameters imaging = new ImagingParameters(width, height, cell, mode, robust,
                    column == null ? null : column.toString().toUpperCase(),
                    number(raw.getOrDefault("gridder-accuracy", 1e-4), "gridder-accuracy"), threads, iteration);
            int partitions = integer(raw.getOrDefault("partitions", 1), "partitions");
            if (partitions < 1 || partitions > 4096) {
                throw new JobFailure("partitions must be in 1..4096, got " + partitions);
            }
            String by = raw.getOrDefault("partition-by", "time").toString().toLowerCase();
            if (!by.equals("time") && !by.equals("channel")) {
                throw new JobFailure("partition-by must be time or channel, got " + by);
            }
            String name = raw.getOrDefault("name", "wsclean").toString();
            if (!name.matches("[A-Za-z0-9._-]+") || name.startsWith(".")) {
                throw new JobFailure("name must be a plain file prefix (letters, digits, . _ -), got " + name);
            }
            DeviceMode device = raw.get("device") == null ? null
                    : DeviceMode.parse(raw.get("device").toString(), "parameter 'device'");
            return new JobParameters(imaging, partitions, by, name, device);
        } catch (JobFailure e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new JobFailure("bad parameters: " + e.getMessage(), e);
        }
    }

    private static List<String> words(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(v -> out.add(String.valueOf(v)));
        } else if (value != null) {
            for (String w : value.toString().trim().split("[\\s,x]+")) {
                if (!w.isEmpty()) {
                    out.add(w);
                }
            }
        }
        return out;
    }

    private static int integer(Object value, String name) {
        double v = number(value, name);
        if (v != Math.rint(v)) {
            throw new JobFailure("parameter '" + name + "' must be an integer, got " + value);
        }
        return (int) v;
    }

    private static double number(Object value, String name) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            throw new JobFailure("parameter '" + name + "' must be a number, got '" + value + "'");
        }
    }

    /** WSClean-style angle: deg, amin, asec, masec, rad suffixes; a plain number is degrees. */
    static double angle(String text) {
        String t = text.trim().toLowerCase();
        String[] units = {"masec", "asec", "amin", "deg", "rad"};
        double[] factors = {Math.toRadians(1 / 3.6e6), Math.toRadians(1 / 3600.0), Math.toRadians(1 / 60.0),
            Math.toRadians(1), 1};
        for (int i = 0; i < units.length; i++) {
            if (t.endsWith(units[i])) {
                return number(t.substring(0, t.length() - units[i].length()), "scale") * factors[i];
            }
        }
        return Math.toRadians(number(t, "scale"));
    }

    /** Flux with optional Jy, mJy, uJy suffix. */
    static double flux(String text) {
        String t = text.trim().toLowerCase();
        double factor = 1;
        if (t.endsWith("mjy")) {
            factor = 1e-3;
            t = t.substring(0, t.length() - 3);
        } else if (t.endsWith("ujy") || t.endsWith("µjy")) {
            factor = 1e-6;
            t = t.substring(0, t.length() - 3);
        } else if (t.endsWith("jy")) {
            t = t.substring(0, t.length() - 2);
        }
        double v = number(t, "threshold") * factor;
        if (!(v >= 0)) {
            throw new JobFailure("threshold must be >= 0, got " + text);
        }
        return v;
    }
}
