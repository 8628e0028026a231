package org.tessera.gpu;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kernels built from src/main/cuda at build time, packaged as classpath resources under /ptx:
 * per module PTX for compute_75 ({@code NAME.ptx}), PTX for compute_90 ({@code NAME.sm90.ptx})
 * and a fatbin with sm_90 machine code ({@code NAME.sm90.fatbin}).
 */
public final class PtxModules {
    public static final List<String> NAMES = List.of("gridding", "degridding", "wscreen", "tiles", "fft");
    private static final Pattern ENTRY = Pattern.compile("\\.entry\\s+(\\w+)\\s*\\(");

    private PtxModules() {
    }

    /** The PTX text of module {@code name}, NUL-terminated as cuModuleLoadData expects. */
    public static byte[] load(String name) {
        String path = "/ptx/" + name + ".ptx";
        try (InputStream in = PtxModules.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("PTX resource " + path + " is missing from the classpath;"
                        + " build gpu-gridder with nvcc on the PATH");
            }
            byte[] text = in.readAllBytes();
            byte[] terminated = new byte[text.length + 1];
            System.arraycopy(text, 0, terminated, 0, text.length);
            return terminated;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The image cuModuleLoadData should get on a device of compute capability {@code major}.x:
     * the sm_90 fatbin on Hopper (no JIT at start), else the compute_75 PTX, which newer devices JIT.
     */
    public static byte[] image(String name, int major) {
        if (major == 9) {
            byte[] fatbin = resource("/ptx/" + name + ".sm90.fatbin");
            if (fatbin != null) {
                return fatbin;
            }
        }
        return load(name);
    }

    /** A packaged resource's bytes, or null when absent. */
    static byte[] resource(String path) {
        try (InputStream in = PtxModules.class.getResourceAsStream(path)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kernel entry points declared in a PTX text. */
    public static List<String> entries(byte[] ptx) {
        List<String> names = new ArrayList<>();
        Matcher m = ENTRY.matcher(new String(ptx, StandardCharsets.US_ASCII));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
