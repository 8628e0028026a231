package org.tessera.pipeline.local;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.imaging.sequence.Stage;
import org.tessera.imaging.sequence.TaskFacts;
import org.tessera.pipeline.JobState;
import org.tessera.pipeline.Json;
import org.tessera.service.JobClient;
import org.tessera.service.ServiceHost;
import org.tessera.testsupport.Chromium;
import org.tessera.testsupport.JobWatch;
import org.tessera.testsupport.Poll;
import org.tessera.testsupport.PrometheusText;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The job page in a real headless Chromium, its API and {@code /metrics}, on a local stack (real broker
 * and S3) with a second gridder replica in its own JVM: one job, looked at while it runs and after.
 */
class WebViewTest {
    private static final Path SCREENSHOTS = Path.of("target", "web-view");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;
    static LocalStack stack;
    static Process otherReplica;
    static String url;
    static JobClient client;

    @BeforeAll
    static void start() throws Exception {
        Chromium.assumeInstalled();
        stack = LocalStack.start(dir.resolve("stack"), new LinkedHashSet<>(ServiceHost.SERVICES), 3, 2);
        url = stack.serveWeb(0);
        otherReplica = TestData.gridderProcess(stack, dir, "replica-2", 1500);
        client = new JobClient(stack.config());
    }

    @AfterAll
    static void stop() throws Exception {
        if (otherReplica != null) {
            otherReplica.destroy();
            otherReplica.waitFor();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void theJobPageShowsTheJobWhileItRunsAndAfterAndMetricsCountItsTasks() throws Exception {
        Chromium chromium = Chromium.in(dir);
        Path ms = TestData.simulate(dir, "sim");
        client.submit("web-job", TestData.tar(ms, dir.resolve("sim.ms.tar")), TestData.parameters("uniform", 4, "time"));

        JsonNode running = Poll.until(() -> api("web-job"),
                j -> j != null && j.get("stage").asText().equals("residual") && j.get("tasks").size() > 0,
                Duration.ofSeconds(120), Duration.ofMillis(200));
        assertNotNull(running, "the job never reached its first residual stage");
        String dom = chromium.dumpDom(url + "jobs/web-job");
        chromium.screenshot(url + "jobs/web-job", SCREENSHOTS.resolve("job-running.png"), 1280, 2200);
        assertEquals("web-job", text(dom, "span", "job-id"));
        assertFalse(Set.of("done", "failed").contains(attribute(dom, "body", "data-stage")),
                "the page was read after the job ended");
        assertTrue(jsonList(attribute(dom, "canvas", "data-stages")).containsAll(List.of("partition", "weights", "image")),
                dom);
        assertTrue(attribute(dom, "canvas", "data-drawn").startsWith("chart.js"), "Chart.js did not draw the plot");
        Set<String> runningHosts = new TreeSet<>();
        running.get("tasks").forEach(t -> runningHosts.add(t.get("host").asText()));
        assertTrue(jsonList(attribute(dom, "canvas", "data-tracks")).containsAll(runningHosts),
                "a track for every replica that had run a task: " + runningHosts);

        JobState done = new JobWatch<>(client::status, s -> s.stage.finished(), JobState::progress).await("web-job", 300);
        assertEquals(Stage.DONE, done.stage, done.progress());
        JsonNode job = api("web-job");
        dom = chromium.dumpDom(url + "jobs/web-job");
        Path shot = chromium.screenshot(url + "jobs/web-job", SCREENSHOTS.resolve("job-done.png"), 1280, 2400);
        assertTrue(Files.size(shot) > 20_000, "a screenshot of a blank page");
        chromium.screenshot(url, SCREENSHOTS.resolve("jobs.png"), 1280, 500);

        assertEquals("web-job", text(dom, "span", "job-id"));
        Set<String> replicas = new TreeSet<>();
        Set<String> stages = new TreeSet<>();
        job.get("tasks").forEach(t -> {
            replicas.add(t.get("host").asText());
            stages.add(t.get("stage").asText());
        });
        assertEquals(2, replicas.size(), "both gridder replicas ran tasks: " + replicas);
        assertEquals(replicas, new TreeSet<>(jsonList(attribute(dom, "canvas", "data-tracks"))), "one track per replica");
        assertEquals(Set.of("partition", "weights", "image", "clean", "residual", "restore"), stages);
        assertEquals(stages, new TreeSet<>(jsonList(attribute(dom, "canvas", "data-stages"))), "every stage drawn");
        int cycles = job.get("cycles").size();
        assertTrue(cycles >= 2, "major cycles: " + cycles);
        assertEquals(String.valueOf(cycles), attribute(dom, "canvas", "data-cycles"));
        assertTrue(dom.contains("data-name=\"sim-image.png\""), "no restored preview");
        assertTrue(dom.contains("data-name=\"sim-residual.png\""), "no residual preview");
        assertTrue(dom.contains("href=\"/files/web-job/sim-image.fits\""), "no link to the restored FITS");
        assertEquals(200, get("/files/web-job/sim-image.fits").statusCode());
        assertTrue(job.get("tasks").findValues("bytesIn").stream().anyMatch(b -> b.asLong() > 0), "no bytes recorded");
        assertTrue(job.get("tasks").findValues("downloadSeconds").stream().anyMatch(s -> s.asDouble() > 0));

        String index = chromium.dumpDom(url);
        assertTrue(index.contains("data-job=\"web-job\""), "the job list lacks the job");
        assertOnlyLocalResources(get("/jobs/web-job").body());
        assertOnlyLocalResources(get("/").body());

        assertMetricsCount(job);
    }

    /** Every script, style sheet and image the pages name comes from this server. */
    private static void assertOnlyLocalResources(String html) {
        Matcher m = Pattern.compile("(?:src|href)=\"([^\"]*)\"").matcher(html);
        int found = 0;
        while (m.find()) {
            found++;
            assertTrue(m.group(1).startsWith("/") && !m.group(1).startsWith("//"), "not served locally: " + m.group(1));
        }
        assertTrue(found >= 2, "the page names no resources");
    }

    /** The counters of this process equal the job's tasks that its replica ran. */
    private static void assertMetricsCount(JsonNode job) throws Exception {
        PrometheusText metrics = PrometheusText.parse(get("/metrics").body());
        String here = TaskFacts.host();
        Map<String, Integer> tasks = new TreeMap<>();
        long bytesIn = 0;
        for (JsonNode t : job.get("tasks")) {
            if (t.get("host").asText().equals(here)) {
                tasks.merge(t.get("stage").asText(), 1, Integer::sum);
                bytesIn += t.get("bytesIn").asLong();
            }
        }
        Map<String, Integer> counted = new TreeMap<>();
        Map<String, Integer> timed = new TreeMap<>();
        for (String stage : tasks.keySet()) {
            counted.put(stage, (int) metrics.sum("tessera_tasks_completed_total", Map.of("stage", stage, "result", "done")));
            timed.put(stage, (int) metrics.sum("tessera_task_seconds_count", Map.of("stage", stage)));
        }
        System.out.println("tasks of this replica per stage: " + tasks + "; tessera_tasks_completed_total: " + counted);
        assertEquals(tasks, counted);
        assertEquals(tasks, timed);
        assertEquals("counter", metrics.type("tessera_tasks_completed_total"));
        assertEquals("histogram", metrics.type("tessera_task_seconds"));
        assertEquals(bytesIn, (long) metrics.sum("tessera_task_bytes_total", Map.of("direction", "download")));
        assertEquals(1.0, metrics.sum("tessera_jobs", Map.of("state", "done")));
        assertEquals(0.0, metrics.sum("tessera_jobs", Map.of("state", "failed")));
        assertEquals(1, metrics.samples("tessera_queue_depth", Map.of("queue", "tessera.grid")).size());
        assertFalse(metrics.samples("jvm_memory_used_bytes", Map.of()).isEmpty(), "no JVM metrics");
    }

    private static JsonNode api(String job) throws IOException, InterruptedException {
        HttpResponse<String> r = get("/api/jobs/" + job);
        return r.statusCode() == 200 ? Json.MAPPER.readTree(r.body()) : null;
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url + path.substring(1))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The text of the element with this id. */
    private static String text(String dom, String tag, String id) {
        Matcher m = Pattern.compile("<" + tag + "[^>]*id=\"" + id + "\"[^>]*>([^<]*)</" + tag + ">").matcher(dom);
        assertTrue(m.find(), "no <" + tag + " id=" + id + "> in the page");
        return m.group(1);
    }

    /** The value of an attribute on the first element of a tag that has it, HTML entities decoded. */
    private static String attribute(String dom, String tag, String name) {
        Matcher m = Pattern.compile("<" + tag + "[^>]* " + name + "=\"([^\"]*)\"").matcher(dom);
        assertTrue(m.find(), "no <" + tag + " " + name + "> in the page");
        return m.group(1).replace("&quot;", "\"").replace("&amp;", "&");
    }

    private static List<String> jsonList(String json) throws IOException {
        return List.of(Json.MAPPER.readValue(json, String[].class));
    }
}
