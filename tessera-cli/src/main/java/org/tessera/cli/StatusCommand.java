package org.tessera.cli;

import org.tessera.pipeline.JobState;
import org.tessera.pipeline.Json;
import org.tessera.imaging.sequence.Stage;
import org.tessera.service.JobClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code tessera status JOB [--json] [--wait]}: the job's stage, cycle, tasks done, peak residual or failure. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show a job's progress or failure reason.")
public final class StatusCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "JOB")
    String job;

    @Option(names = "--json", description = "Print the job state as JSON.")
    boolean json;

    @Option(names = "--wait", description = "Follow the job until it is done or failed.")
    boolean wait;

    @Mixin
    ServiceConnection connection;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        JobClient client = new JobClient(connection.require());
        var out = spec.commandLine().getOut();
        JobState state = wait ? PipelineRun.follow(client, job, out) : client.status(job);
        if (state == null) {
            throw new UserError("no job " + job + " (yet)");
        }
        out.println(json ? Json.write(state) : job + ": " + state.progress());
        out.flush();
        return state.stage == Stage.FAILED ? 2 : 0;
    }
}
