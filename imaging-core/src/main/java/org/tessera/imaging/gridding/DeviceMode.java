package org.tessera.imaging.gridding;

import java.util.Locale;

/**
 * Where gridding may run, as {@code -device}, the job parameter {@code device} and
 * {@code TESSERA_DEVICE} name it: auto takes a usable CUDA device and otherwise the CPU.
 */
public enum DeviceMode {
    AUTO,
    CPU,
    GPU;

    /** Case-insensitive; null is auto. {@code what} names the setting in the error, e.g. "-device". */
    public static DeviceMode parse(String text, String what) {
        if (text == null) {
            return AUTO;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "auto" -> AUTO;
            case "cpu" -> CPU;
            case "gpu" -> GPU;
            default -> throw new IllegalArgumentException(what + " must be auto, cpu or gpu, got '" + text + "'");
        };
    }

    /** The name users type: auto, cpu or gpu. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }
}
