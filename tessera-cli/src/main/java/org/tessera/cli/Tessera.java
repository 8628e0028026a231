package org.tessera.cli;

import org.tessera.casacore.CasacoreException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tessera} command: entry point for every subcommand. */
@Command(name = "tessera",
        mixinStandardHelpOptions = true,
        version = Tessera.VERSION,
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
    static final String VERSION = "tessera 0.1.0";

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
        return commandLine(args).execute(args);
    }

    /** The configured command line, with errors reported as one line. */
    public static CommandLine commandLine() {
        return configured(new CommandLine(new Tessera()));
    }

    /**
     * The command line for {@code args}: when they start with a subcommand's name, a top-level command
     * holding only that subcommand, since picocli's model of all of them costs about 0.1 s at every start;
     * otherwise (top-level options, help, an unknown name) the full one.
     */
    public static CommandLine commandLine(String... args) {
        if (args.length > 0) {
            for (Class<?> sub : Tessera.class.getAnnotation(Command.class).subcommands()) {
                Command spec = sub.getAnnotation(Command.class);
                if (sub != CommandLine.HelpCommand.class && spec != null && spec.name().equals(args[0])) {
                    CommandLine cli = new CommandLine(new Single());
                    cli.addSubcommand(sub);
                    return configured(cli);
                }
            }
        }
        return commandLine();
    }

    private static CommandLine configured(CommandLine cli) {
        cli.setExecutionExceptionHandler(Tessera::reportError);
        return cli;
    }

    /** The top-level command without its subcommands, for {@link #commandLine(String...)} to add one. */
    @Command(name = "tessera", mixinStandardHelpOptions = true, version = VERSION)
    static final class Single implements Runnable {
        @Override
        public void run() {
        }
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
