package org.tessera.cli;

import org.tessera.casacore.CasacoreException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tessera} command: entry point for every subcommand. */
@Command(name = "tessera",
        mixinStandardHelpOptions = true,
        version = "tessera 0.1.0",
        description = "Distributed imager for radio-interferometer MeasurementSets.",
        subcommands = {
            InspectCommand.class,
            PartitionCommand.class,
            ImageCommand.class,
            DemoCommand.class,
            UpCommand.class,
            SubmitCommand.class,
            StatusCommand.class,
            ResultsCommand.class,
            CancelCommand.class,
            DeleteCommand.class,
            ReportCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Tessera implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command line and returns its exit code (used by tests as well as main). */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** The configured command line, with errors reported as one line. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Tessera());
        cli.setExecutionExceptionHandler(Tessera::reportError);
        return cli;
    }

    /** Users get one line naming the file and the problem, never a stack trace. */
    private static int reportError(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        String message;
        if (e instanceof CasacoreException || e instanceof UserError) {
            message = e.getMessage();
        } else if (e instanceof IllegalArgumentException) {
            message = e.getMessage();
        } else {
            message = e.getClass().getSimpleName() + ": " + e.getMessage();
            if (System.getenv("TESSERA_DEBUG") != null) {
                e.printStackTrace();
            }
        }
        cli.getErr().println("tessera " + cli.getCommandName() + ": error: " + message);
        return 1;
    }
}
