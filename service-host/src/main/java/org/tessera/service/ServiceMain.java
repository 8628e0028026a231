package org.tessera.service;

import org.tessera.pipeline.PipelineConfig;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar tessera-service.jar SERVICE...}: runs services until the process is stopped,
 * configured from the TESSERA_* environment variables (see {@link PipelineConfig}).
 */
public final class ServiceMain {
    private ServiceMain() {
    }

    public static void main(String[] args) throws Exception {
        Set<String> services = new LinkedHashSet<>(args.length == 0 ? ServiceHost.SERVICES : List.of(args));
        ServiceHost host = ServiceHost.start(PipelineConfig.fromEnvironment(), services);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            host.close();
            stopped.countDown();
        }));
        System.out.println("tessera services running: " + services);
        stopped.await();
    }
}
