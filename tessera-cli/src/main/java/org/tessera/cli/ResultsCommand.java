package org.tessera.cli;

import org.tessera.service.JobClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code tessera results JOB [--out DIR]}: downloads results/JOB/ (FITS, PNG, summary.json). */
@Command(name = "results", mixinStandardHelpOptions = true, description = "Download a job's results.")
public final class ResultsCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "JOB")
    String job;

    @Option(names = "--out", paramLabel = "DIR", description = "Directory (default: ./JOB).")
    Path out;

    @Mixin
    ServiceConnection connection;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var files = new JobClient(connection.require()).results(job, out != null ? out : Path.of(job));
        if (files.isEmpty()) {
            throw new UserError("job " + job + " has no results (yet)");
        }
        files.forEach(spec.commandLine().getOut()::println);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
