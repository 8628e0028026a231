package org.tessera.cli;

import org.tessera.service.JobClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code tessera delete JOB}: removes an ended job's results (its work objects went when it ended). */
@Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete an ended job's results.")
public final class DeleteCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "JOB")
    String job;

    @Mixin
    ServiceConnection connection;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try {
            if (!new JobClient(connection.require()).delete(job)) {
                throw new UserError("no job " + job);
            }
        } catch (IllegalStateException e) {
            throw new UserError(e.getMessage());
        }
        spec.commandLine().getOut().println("deleted " + job);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
