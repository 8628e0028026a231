package org.tessera.cli;

import org.tessera.pipeline.Json;
import org.tessera.service.JobClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

/** {@code tessera submit MS|TARBALL [--params FILE.json] [-p name=value]...}: starts a job and prints its id. */
@Command(name = "submit", mixinStandardHelpOptions = true,
        description = "Submit an MS (directory, .tar, .tar.gz or .tgz) as a job; prints the job id.")
public final class SubmitCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MS", description = "MeasurementSet directory or tarball")
    Path ms;

    @Option(names = "--params", paramLabel = "FILE", description = "JSON object of parameters named as 'tessera image' options.")
    Path paramsFile;

    @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE", description = "One parameter, e.g. -p size=512,512 -p scale=2asec -p partitions=4.")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--job-id", paramLabel = "ID", description = "Job id (default: generated).")
    String jobId;

    @Mixin
    ServiceConnection connection;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        CliPaths.requireExisting(ms, "MeasurementSet");
        Map<String, Object> parameters = new LinkedHashMap<>();
        if (paramsFile != null) {
            parameters.putAll(Json.MAPPER.readValue(paramsFile.toFile(),
                    Json.MAPPER.getTypeFactory().constructMapType(Map.class, String.class, Object.class)));
        }
        parameters.putAll(params);
        MaskCheck.check(ms, ImageCommand.parse(parameters));
        JobClient client = new JobClient(connection.require());
        String job = jobId != null ? jobId : "job-" + UUID.randomUUID().toString().substring(0, 8);
        // a directory is tarred straight into the upload; a tarball is uploaded as it is
        client.submit(job, ms, parameters);
        spec.commandLine().getOut().println(job);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
