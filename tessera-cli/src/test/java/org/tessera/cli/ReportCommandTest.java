package org.tessera.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.pipeline.local.LocalStack;
import org.tessera.service.ServiceHost;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** submit, status --wait (plain lines: the output is no terminal) and report against a running local stack. */
class ReportCommandTest {
    @TempDir
    Path dir;

    @Test
    void reportWritesTheConcurrencyAndCyclePlotsOfAFinishedJob() throws Exception {
        Path home = dir.resolve("home");
        Path ms = TestMs.simulate(dir, 10);
        try (LocalStack stack = LocalStack.start(home.resolve("stack"), new LinkedHashSet<>(ServiceHost.SERVICES), 3, 2)) {
            CliRun submit = CliRun.of("submit", ms.toString(), "--job-id", "rep", "--home", home.toString(),
                    "-p", "size=64,64", "-p", "scale=20asec", "-p", "partitions=2", "-p", "niter=200", "-p", "nmiter=3");
            assertEquals(0, submit.exitCode(), submit.err());
            CliRun status = CliRun.of("status", "rep", "--wait", "--home", home.toString());
            assertEquals(0, status.exitCode(), status.err());
            // stages pass between polls, so which lines appear varies; each is a plain progress line
            assertTrue(status.out().lines().filter(l -> l.matches("  (partition|weights|image|clean|residual|restore)"
                    + "( \\(major cycle \\d+\\))?, \\d+/\\d+ tasks done.*")).count() >= 2, status.out());
            assertTrue(status.out().lines().noneMatch(l -> l.contains("\r") || l.contains("[#")), status.out());
            String[] lines = status.out().trim().split("\n");
            assertTrue(lines[lines.length - 1].startsWith("rep: done, 2 partitions, peak residual "), status.out());

            Path out = Path.of("target", "report");
            CliRun report = CliRun.of("report", "rep", "--out", out.toString(), "--home", home.toString());
            assertEquals(0, report.exitCode(), report.err());
            BufferedImage concurrency = ImageIO.read(out.resolve("rep-concurrency.png").toFile());
            BufferedImage cycles = ImageIO.read(out.resolve("rep-cycles.png").toFile());
            assertEquals(1200, concurrency.getWidth());
            assertEquals(900, cycles.getWidth());
            assertTrue(Files.size(out.resolve("rep-concurrency.png")) > 10_000);
            assertEquals(1, CliRun.of("report", "no-such-job", "--out", out.toString(), "--home", home.toString())
                    .exitCode());
        }
    }
}
