package org.tessera.pipeline.web;

import org.tessera.pipeline.Json;
import org.tessera.pipeline.ObjectStore;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * The job pages and their API, as a function of the request path: {@code /} and {@code /jobs/<id>}
 * (static pages whose scripts poll the API), {@code /api/jobs[/<id>]}, {@code /files/<job>/<name>}
 * (result FITS and previews) and {@code /static/...}, Chart.js included from its WebJar: nothing
 * comes from outside the server.
 */
public final class WebApp {
    private static final String CHART_JS = "META-INF/resources/webjars/chart.js/" + versions().getProperty("chartjs")
            + "/dist/chart.umd.js";
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "png", "image/png",
            "json", "application/json", "fits", "application/fits");

    private final JobsApi api;

    public WebApp(ObjectStore store) {
        this.api = new JobsApi(store);
    }

    public WebResponse get(String path) {
        if (path.equals("/") || path.equals("/index.html")) {
            return resource("web/index.html");
        }
        if (path.matches("/jobs/[A-Za-z0-9_-]{1,64}")) {
            return resource("web/job.html");
        }
        if (path.equals("/static/chart.umd.js")) {
            return resource(CHART_JS);
        }
        if (path.matches("/static/[a-z-]+\\.(js|css)")) {
            return resource("web/" + path.substring("/static/".length()));
        }
        if (path.equals("/api/jobs")) {
            return json(api.jobs());
        }
        if (path.startsWith("/api/jobs/")) {
            Map<String, Object> job = api.job(path.substring("/api/jobs/".length()));
            return job == null ? WebResponse.notFound(path) : json(job);
        }
        if (path.startsWith("/files/")) {
            String[] parts = path.substring("/files/".length()).split("/", 2);
            byte[] bytes = parts.length == 2 ? api.file(parts[0], parts[1]) : null;
            return bytes == null ? WebResponse.notFound(path) : new WebResponse(200, type(parts[1]), bytes);
        }
        return WebResponse.notFound(path);
    }

    private static WebResponse json(Object value) {
        return new WebResponse(200, TYPES.get("json"), Json.bytes(value));
    }

    private static WebResponse resource(String name) {
        try (InputStream in = WebApp.class.getClassLoader().getResourceAsStream(name)) {
            return in == null ? WebResponse.notFound(name) : new WebResponse(200, type(name), in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String type(String name) {
        return TYPES.getOrDefault(name.substring(name.lastIndexOf('.') + 1), "application/octet-stream");
    }

    /** The WebJar versions the build put on the class path (filtered from the POM). */
    private static Properties versions() {
        Properties p = new Properties();
        try (InputStream in = WebApp.class.getClassLoader().getResourceAsStream("web/versions.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
