package org.tessera.cli;

import org.tessera.pipeline.PipelineConfig;
import org.tessera.pipeline.local.LocalStack;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the services are: {@code --broker/--s3} with credentials, or the TESSERA_* environment
 * variables, or else the stack that {@code tessera up} started on this machine.
 */
final class ServiceConnection {
    @Option(names = "--broker", paramLabel = "URL", description = "Artemis URL, e.g. tcp://host:61616 (default: $TESSERA_BROKER_URL or the local stack).")
    String broker;

    @Option(names = "--s3", paramLabel = "URL", description = "S3 endpoint, e.g. http://host:9000 (default: $TESSERA_S3_URL or the local stack).")
    String s3;

    @Option(names = "--home", paramLabel = "DIR", description = "Directory of the local stack (default: $TESSERA_HOME or ~/.tessera).")
    Path home;

    Path home() {
        if (home != null) {
            return home;
        }
        String env = System.getenv("TESSERA_HOME");
        return env != null ? Path.of(env) : Path.of(System.getProperty("user.home"), ".tessera");
    }

    /** The configured deployment, or null when none is named and no local stack answers. */
    PipelineConfig resolve() {
        Map<String, String> env = new LinkedHashMap<>(System.getenv());
        if (broker != null) {
            env.put(PipelineConfig.BROKER_URL, broker);
        }
        if (s3 != null) {
            env.put(PipelineConfig.S3_URL, s3);
        }
        if (env.get(PipelineConfig.BROKER_URL) != null && env.get(PipelineConfig.S3_URL) != null) {
            return PipelineConfig.from(env);
        }
        return LocalStack.find(home().resolve("stack"));
    }

    PipelineConfig require() {
        PipelineConfig config = resolve();
        if (config == null) {
            throw new UserError("no Tessera services found: start them with 'tessera up', or give --broker and --s3"
                    + " with TESSERA_BROKER_USER/PASSWORD and TESSERA_S3_ACCESS_KEY/SECRET_KEY");
        }
        return config;
    }
}
