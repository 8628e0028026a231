package org.tessera.cli;

import org.tessera.pipeline.report.JobReport;
import org.tessera.pipeline.web.JobsApi;
import org.tessera.service.JobClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code tessera report JOB --out DIR}: a job's concurrency and major-cycle plots as PNGs. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write a job's concurrency plot and major-cycle plot as PNGs.")
public final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "JOB")
    String job;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Directory for the PNGs.")
    Path out;

    @Mixin
    ServiceConnection connection;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var details = new JobsApi(new JobClient(connection.require()).store()).job(job);
        if (details == null) {
            throw new UserError("no job " + job);
        }
        JobReport.write(details, out).forEach(spec.commandLine().getOut()::println);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
