package org.tessera.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real headless Chromium (Debian package {@code chromium}) for page tests. Name resolution is
 * mapped to nothing except loopback, so a page that needs anything from outside fails to load it.
 * {@link #assumeInstalled()} skips a test, with a message, where Chromium is absent.
 */
public final class Chromium {
    /** Virtual time Chromium lets the page's scripts run (fetches, timers) before it dumps or shoots. */
    private static final int BUDGET_MS = 6000;

    private final Path profile;

    private Chromium(Path profile) {
        this.profile = profile;
    }

    public static void assumeInstalled() {
        Tools.assumeInstalled("chromium");
    }

    /** A browser whose profile (cache, crash dumps) lives under {@code dir}. */
    public static Chromium in(Path dir) throws IOException {
        return new Chromium(Files.createDirectories(dir.resolve("chromium-profile")));
    }

    /** The DOM after the page's scripts ran. */
    public String dumpDom(String url) {
        String out = run(List.of("--dump-dom", url));
        int html = out.indexOf("<html");
        if (html < 0) {
            throw new AssertionError("chromium printed no page for " + url + ":\n" + out);
        }
        return out.substring(html);
    }

    /** A PNG of the page at the given window size. */
    public Path screenshot(String url, Path png, int width, int height) throws IOException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.deleteIfExists(png);
        String out = run(List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height,
                "--hide-scrollbars", url));
        if (!Files.isRegularFile(png)) {
            throw new AssertionError("chromium wrote no screenshot of " + url + ":\n" + out);
        }
        return png;
    }

    private String run(List<String> args) {
        List<String> command = new ArrayList<>(List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--no-first-run", "--user-data-dir=" + profile,
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                "--virtual-time-budget=" + BUDGET_MS));
        command.addAll(args);
        // stdout holds the DOM alone; Chromium's own chatter goes to stderr, into the test's log
        try {
            return ExternalCommand.of(command).timeout(Duration.ofSeconds(90)).stdoutOk();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running chromium", e);
        }
    }
}
