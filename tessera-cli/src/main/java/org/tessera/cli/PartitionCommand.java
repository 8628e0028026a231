package org.tessera.cli;

import org.tessera.casacore.ms.MeasurementSet;
import org.tessera.partition.PartitionManifest;
import org.tessera.partition.PartitionPlan;
import org.tessera.partition.PartitionPlanner;
import org.tessera.partition.Partitioner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code tessera partition MS --parts K | --max-size SIZE --out DIR [--by time|channel]}. */
@Command(name = "partition", mixinStandardHelpOptions = true,
        description = "Split a MeasurementSet into sub-MSs by time (rows sharing a TIME stay together) or by channel.")
public final class PartitionCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MS", description = "MeasurementSet directory")
    Path ms;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory for the sub-MSs and partitions.json.")
    Path out;

    @Option(names = "--parts", paramLabel = "K", description = "Number of parts.")
    Integer parts;

    @Option(names = "--max-size", paramLabel = "SIZE", description = "Largest size of a sub-MS, e.g. 64MB, 1GB (splits by time).")
    String maxSize;

    @Option(names = "--by", defaultValue = "time", paramLabel = "AXIS", description = "time (default), channel, w (slabs of |w| with equal visibility counts) or channel,w.")
    String by;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if ((parts == null) == (maxSize == null)) {
            throw new UserError("give exactly one of --parts K or --max-size SIZE");
        }
        if (!List.of("time", "channel", "w", "channel,w").contains(by)) {
            throw new UserError("--by must be time, channel, w or channel,w, got '" + by + "'");
        }
        if (!by.equals("time") && parts == null) {
            throw new UserError("--by " + by + " needs --parts K");
        }
        if (parts != null && parts < 1) {
            throw new UserError("--parts must be at least 1, got " + parts);
        }
        CliPaths.requireExisting(ms, "MeasurementSet");
        PrintWriter stdout = spec.commandLine().getOut();
        try (MeasurementSet set = MeasurementSet.open(ms)) {
            PartitionPlan plan;
            if (maxSize != null) {
                plan = PartitionPlanner.byMaxSize(set, ByteSize.parse(maxSize));
            } else if (by.equals("channel")) {
                plan = PartitionPlanner.byChannel(set, parts);
            } else if (by.equals("w")) {
                plan = PartitionPlanner.byW(set, parts);
            } else if (by.equals("channel,w")) {
                plan = PartitionPlanner.byChannelAndW(set, parts);
            } else {
                plan = PartitionPlanner.byTime(set, parts);
            }
            PartitionManifest manifest = Partitioner.write(set, plan, out);
            for (PartitionManifest.Entry e : manifest.parts()) {
                stdout.printf("%s  %8d rows  %10d visibilities  %8.1f MB  channels %d..%d%n", e.path(), e.rows(),
                        e.visibilities(), e.bytes() / 1e6, e.firstChannel(), e.firstChannel() + e.channels() - 1);
            }
            stdout.printf("%d parts written to %s (manifest %s)%n", manifest.parts().size(), out, Partitioner.MANIFEST);
            stdout.flush();
        }
        return 0;
    }
}
