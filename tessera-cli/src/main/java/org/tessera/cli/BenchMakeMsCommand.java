package org.tessera.cli;

import org.tessera.casacore.write.MeasurementSetBuilder;
import org.tessera.casacore.write.MsSetup;
import org.tessera.partition.Partitioner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code tessera bench make-ms OUT --rows N --channels C}: writes a large MS quickly with the
 * project's own writer (DATA, FLAG, WEIGHT_SPECTRUM, four correlations) for the read
 * benchmark. The values are cheap patterns, not a simulated sky.
 */
@Command(name = "make-ms", mixinStandardHelpOptions = true,
        description = "Write a large MeasurementSet of patterned data for benchmarks.")
public final class BenchMakeMsCommand implements Callable<Integer> {
    private static final int CORRELATIONS = 4;

    @Parameters(index = "0", paramLabel = "OUT", description = "MeasurementSet directory to create")
    Path out;

    @Option(names = "--rows", required = true, paramLabel = "N", description = "Number of rows.")
    long rows;

    @Option(names = "--channels", defaultValue = "64", paramLabel = "C", description = "Channels (default: ${DEFAULT-VALUE}).")
    int channels;

    @Option(names = "--antennas", defaultValue = "64", paramLabel = "A", description = "Antennas (default: ${DEFAULT-VALUE}).")
    int antennas;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (rows < 1 || channels < 1 || antennas < 2) {
            throw new UserError("need --rows >= 1, --channels >= 1 and --antennas >= 2");
        }
        int baselines = antennas * (antennas - 1) / 2;
        double interval = 10;
        double start = 4.9e9;
        long steps = (rows + baselines - 1) / baselines;
        MeasurementSetBuilder ms = MeasurementSetBuilder.create(out, setup(start, start + steps * interval));
        try {
            int nvis = CORRELATIONS * channels;
            float[] data = new float[2 * nvis];
            boolean[] flag = new boolean[nvis];
            float[] weights = new float[nvis];
            long row = 0;
            for (long t = 0; row < rows; t++) {
                for (int a1 = 0; a1 < antennas && row < rows; a1++) {
                    for (int a2 = a1 + 1; a2 < antennas && row < rows; a2++, row++) {
                        fillRow(row, data, flag, weights);
                        double[] uvw = {100.0 * (a2 - a1), 10.0 * a1 + t, 0.5 * a2};
                        ms.addRow(new MeasurementSetBuilder.Row(a1, a2, start + (t + 0.5) * interval, interval, uvw,
                                data, flag, null, null, weights));
                    }
                }
            }
            ms.close();
        } catch (RuntimeException e) {
            ms.abort();
            throw e;
        }
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf("%s: %d rows, %d channels, %d correlations, %.1f MB%n", out, rows, channels, CORRELATIONS,
                Partitioner.directorySize(out) / 1e6);
        stdout.flush();
        return 0;
    }

    /** Values that vary with row and position, so no column compresses to a constant. */
    private static void fillRow(long row, float[] data, boolean[] flag, float[] weights) {
        for (int i = 0; i < flag.length; i++) {
            data[2 * i] = (float) ((row % 997) * 0.001 + i);
            data[2 * i + 1] = (float) (i - (row % 101) * 0.01);
            flag[i] = (row + i) % 17 == 0;
            weights[i] = 1 + (i & 7);
        }
    }

    private MsSetup setup(double startTime, double endTime) {
        List<MsSetup.Antenna> list = new ArrayList<>();
        for (int k = 0; k < antennas; k++) {
            double[] itrf = {-1601185.4 + 50 * k, -5041977.5 + 30 * (k % 7), 3554875.9 + 20 * (k % 5)};
            list.add(new MsSetup.Antenna(String.format("B%03d", k), String.format("S%03d", k), itrf, 25));
        }
        double[] freqs = new double[channels];
        for (int c = 0; c < channels; c++) {
            freqs[c] = 1.0e9 + c * 1.0e6;
        }
        return new MsSetup(list, freqs, 1.0e6, new int[] {9, 10, 11, 12}, 0.5, 0.6, "BENCH", "TESSERA-BENCH",
                startTime, endTime, true, true);
    }
}
