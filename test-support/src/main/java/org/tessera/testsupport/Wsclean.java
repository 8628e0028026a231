package org.tessera.testsupport;

import java.util.ArrayList;
import java.util.List;

/** WSClean, the reference imager. Its BLAS runs one thread, so that it leaves a shared build machine's cores to the build. */
public final class Wsclean {
    private Wsclean() {
    }

    public static void assumeInstalled() {
        Tools.assumeInstalled("wsclean");
    }

    /** {@code wsclean args...}, to run with {@link ExternalCommand#runOk()}. */
    public static ExternalCommand command(List<String> args) {
        List<String> cmd = new ArrayList<>(List.of("wsclean"));
        cmd.addAll(args);
        return ExternalCommand.of(cmd).env("OPENBLAS_NUM_THREADS", "1");
    }
}
