package org.tessera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The start-up command line built for one subcommand behaves as the full one. */
class TesseraCommandLineTest {

    @Test
    void aSubcommandsArgumentsGetOnlyThatSubcommand() {
        assertEquals(Set.of("image"), Tessera.commandLine("image", "-size", "64", "64", "x.ms").getSubcommands().keySet());
        assertEquals(Set.of("read", "make-ms"), Tessera.commandLine("bench", "read").getSubcommands().get("bench")
                .getSubcommands().keySet());
        Set<String> all = Tessera.commandLine().getSubcommands().keySet();
        assertEquals(all, Tessera.commandLine("--version").getSubcommands().keySet());
        assertEquals(all, Tessera.commandLine("help", "image").getSubcommands().keySet());
        assertEquals(all, Tessera.commandLine("no-such-command").getSubcommands().keySet());
        assertTrue(all.containsAll(Set.of("inspect", "image", "submit", "bench", "help")), all.toString());
    }

    @Test
    void errorsAndUsageAreTheFullCommandLinesOwn() {
        for (String[] args : new String[][] {
                {"image", "-no-such-option", "x.ms"},
                {"image", "-size", "64", "x.ms"},
                {"image", "--help"},
                {"bench", "read", "--help"},
                {"inspect", "/no/such.ms"}}) {
            String[] single = run(Tessera.commandLine(args), args);
            String[] full = run(Tessera.commandLine(), args);
            assertEquals(full[0], single[0], String.join(" ", args));
            assertEquals(full[1], single[1], String.join(" ", args));
            assertEquals(full[2], single[2], String.join(" ", args));
        }
    }

    private static String[] run(CommandLine cli, String[] args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }
}
