package org.tessera.imaging.accuracy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tessera.testsupport.Wsclean;

/**
 * The reference imager WSClean 3.1 as the accuracy tests run it: one thread, the w-gridder without
 * small inversion, as Tessera grids. It writes into the MS, so give it a copy (test-support's TreeCopy).
 */
final class WscleanRunner {
    private WscleanRunner() {
    }

    /** {@code wsclean -use-wgridder -no-small-inversion ... -name prefix ms} with the given extra options. */
    static void run(Path ms, String prefix, String... options) {
        List<String> args = new ArrayList<>(List.of("-quiet", "-j", "1", "-use-wgridder", "-no-small-inversion"));
        args.addAll(List.of(options));
        args.addAll(List.of("-name", prefix, ms.toString()));
        Wsclean.command(args).runOk();
    }
}
