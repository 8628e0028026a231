package org.tessera.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An external program run to its end with its output captured: the reference tools the tests compare
 * against (python scripts, WSClean, casacore's command-line tools).
 */
public final class ExternalCommand {
    /** Exit code (-1 when it could not start or ran past the timeout) and standard output and error together. */
    public record Result(int exit, String output) {
    }

    private final List<String> command;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private Path directory;
    private Duration timeout = Duration.ofMinutes(10);

    private ExternalCommand(List<String> command) {
        this.command = List.copyOf(command);
    }

    public static ExternalCommand of(List<String> command) {
        return new ExternalCommand(command);
    }

    public static ExternalCommand of(String... command) {
        return new ExternalCommand(List.of(command));
    }

    public ExternalCommand env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** The working directory, for tools that leave temporary files there. */
    public ExternalCommand in(Path dir) {
        directory = dir;
        return this;
    }

    public ExternalCommand timeout(Duration limit) {
        timeout = limit;
        return this;
    }

    public Result run() {
        try {
            Process p = builder().redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "timed out after " + timeout.toSeconds() + " s: " + this);
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, e.toString());
        }
    }

    /** Standard output and error together; fails the test with both unless the program exits 0. */
    public String runOk() {
        Result r = run();
        if (r.exit() != 0) {
            throw new AssertionError("command failed (exit " + r.exit() + "): " + this + "\n" + r.output());
        }
        return r.output();
    }

    /**
     * Standard output alone, for scripts that print JSON; their error output goes to the test's log.
     * Fails the test unless the program exits 0.
     */
    public String stdoutOk() throws IOException, InterruptedException {
        Process p = builder().redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(this + " timed out after " + timeout.toSeconds() + " s");
        }
        if (p.exitValue() != 0) {
            throw new AssertionError(this + " failed with exit code " + p.exitValue());
        }
        return out;
    }

    private ProcessBuilder builder() {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(environment);
        if (directory != null) {
            pb.directory(directory.toFile());
        }
        return pb;
    }

    @Override
    public String toString() {
        return String.join(" ", command);
    }
}
