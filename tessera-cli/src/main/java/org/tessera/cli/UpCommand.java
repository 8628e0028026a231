package org.tessera.cli;

import org.tessera.pipeline.local.LocalStack;
import org.tessera.service.ServiceHost;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code tessera up}: embedded broker, embedded S3 and all five services on loopback, until stopped. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Start an embedded Artemis broker, an embedded S3 server and the five services on loopback.")
public final class UpCommand implements Callable<Integer> {
    @Mixin
    ServiceConnection connection;

    @Option(names = "--gridders", defaultValue = "2", description = "Concurrent grid tasks (default: ${DEFAULT-VALUE}).")
    int gridders;

    @Option(names = "--http-port", defaultValue = "8080",
            description = "Port of the job pages, the API and /metrics, on 127.0.0.1 only (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (LocalStack.find(connection.home().resolve("stack")) != null) {
            throw new UserError("a local stack is already running in " + connection.home());
        }
        LocalStack stack = LocalStack.start(connection.home().resolve("stack"),
                new LinkedHashSet<>(ServiceHost.SERVICES), 5, gridders);
        String web;
        try {
            web = stack.serveWeb(httpPort);
        } catch (java.io.IOException e) {
            stack.close();
            throw new UserError("cannot serve the job pages on 127.0.0.1:" + httpPort + ": " + e.getMessage()
                    + " (choose another with --http-port)");
        }
        out.printf("tessera up: broker %s, S3 %s, services %s%n", stack.config().brokerUrl(),
                stack.config().s3Url(), ServiceHost.SERVICES);
        out.printf("job pages on %s (API %sapi/jobs, metrics %smetrics)%n", web, web, web);
        out.printf("credentials in %s; drop X.ms.tar into the 'ingest' bucket or run 'tessera submit'. Ctrl-C stops.%n",
                connection.home().resolve("stack").resolve(LocalStack.STACK_FILE));
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                stack.close();
            } catch (Exception ignored) {
                // Stopping anyway.
            }
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }
}
