package org.tessera.cli;

import org.tessera.imaging.sequence.Stage;
import org.tessera.pipeline.JobState;
import org.tessera.service.JobClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code tessera cancel JOB}: the job ends CANCELLED; its running tasks stop at their next checkpoint. */
@Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancel a job.")
public final class CancelCommand implements Callable<Integer> {
    /** How long to wait for the controller to record the cancellation. */
    private static final long WAIT_MILLIS = 30_000;

    @Parameters(index = "0", paramLabel = "JOB")
    String job;

    @Mixin
    ServiceConnection connection;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        JobClient client = new JobClient(connection.require());
        JobState state = client.status(job);
        if (state == null) {
            throw new UserError("no job " + job);
        }
        if (state.stage.finished()) {
            throw new UserError("job " + job + " has already ended: " + state.stage.key());
        }
        client.cancel(job);
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (!state.stage.finished() && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            state = client.status(job);
        }
        if (!state.stage.finished()) {
            throw new UserError("job " + job + ": the controller has not answered the cancellation yet (is it running?)");
        }
        spec.commandLine().getOut().println(job + ": " + state.stage.key());
        spec.commandLine().getOut().flush();
        return state.stage == Stage.CANCELLED ? 0 : 1;
    }
}
