package org.tessera.pipeline.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import org.tessera.pipeline.web.WebApp;
import org.tessera.pipeline.web.WebResponse;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * {@code tessera up}'s HTTP server, on 127.0.0.1 only: the job pages and API of {@link WebApp} and
 * the Prometheus metrics at {@code /metrics}.
 */
public final class WebServer implements AutoCloseable {
    private final HttpServer server;

    private WebServer(HttpServer server) {
        this.server = server;
    }

    public static WebServer start(int port, WebApp app, PrometheusMeterRegistry metrics) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        server.createContext("/", exchange -> {
            try (exchange) {
                if (!exchange.getRequestMethod().equals("GET")) {
                    send(exchange, new WebResponse(405, "text/plain", "GET only".getBytes(StandardCharsets.UTF_8)));
                } else if (exchange.getRequestURI().getPath().equals("/metrics")) {
                    send(exchange, new WebResponse(200, "text/plain; version=0.0.4; charset=utf-8",
                            metrics.scrape().getBytes(StandardCharsets.UTF_8)));
                } else {
                    send(exchange, app.get(exchange.getRequestURI().getPath()));
                }
            } catch (RuntimeException e) {
                send(exchange, new WebResponse(500, "text/plain", String.valueOf(e.getMessage())
                        .getBytes(StandardCharsets.UTF_8)));
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "tessera-web");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        return new WebServer(server);
    }

    private static void send(HttpExchange exchange, WebResponse r) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", r.contentType());
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(r.status(), r.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(r.body());
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
