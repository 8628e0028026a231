package org.tessera.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tessera bench}: measurements of the MeasurementSet reader (see bench/read-throughput.sh). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks: read throughput of MeasurementSet columns, and a generator of large MSs.",
        subcommands = {BenchReadCommand.class, BenchMakeMsCommand.class})
public final class BenchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
