package org.tessera.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tessera.casacore.ms.Field;
import org.tessera.casacore.ms.MeasurementSet;
import org.tessera.casacore.ms.Polarization;
import org.tessera.casacore.ms.SpectralWindow;
import org.tessera.casacore.ms.VisibilityStatistics;
import org.tessera.imaging.Angles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code tessera inspect MS}: a summary of a MeasurementSet, like casacore's msoverview. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Summarise a MeasurementSet (rows, antennas, spectral windows, polarizations, fields, data statistics).")
public final class InspectCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MS", description = "MeasurementSet directory")
    Path ms;

    @Option(names = "--json", description = "Print one JSON object instead of the readable summary.")
    boolean json;

    @Option(names = "--data-column", paramLabel = "NAME",
            description = "Data column to summarise (default: CORRECTED_DATA if present, else DATA).")
    String dataColumn;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        CliPaths.requireExisting(ms, "MeasurementSet");
        try (MeasurementSet set = MeasurementSet.open(ms)) {
            String column = dataColumn != null ? dataColumn : set.defaultDataColumn();
            VisibilityStatistics stats = VisibilityStatistics.of(set, column, set.rowsPerChunk(32L << 20));
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ObjectMapper mapper = new ObjectMapper();
                out.println(mapper.writeValueAsString(toJson(mapper, set, column, stats)));
            } else {
                printSummary(out, set, column, stats);
            }
            out.flush();
        }
        return 0;
    }

    static ObjectNode toJson(ObjectMapper mapper, MeasurementSet set, String column, VisibilityStatistics s) {
        ObjectNode root = mapper.createObjectNode();
        root.put("rows", set.rows());
        root.put("antennas", set.antennas().size());
        ArrayNode spws = root.putArray("spectralWindows");
        for (SpectralWindow spw : set.spectralWindows()) {
            ObjectNode n = spws.addObject();
            n.put("id", spw.id());
            n.put("channels", spw.channels());
            n.put("firstFreqHz", spw.channels() > 0 ? spw.chanFreq()[0] : Double.NaN);
            n.put("lastFreqHz", spw.channels() > 0 ? spw.chanFreq()[spw.channels() - 1] : Double.NaN);
        }
        ArrayNode pols = root.putArray("polarizations");
        for (Polarization pol : set.polarizations()) {
            ObjectNode n = pols.addObject();
            n.put("id", pol.id());
            ArrayNode corr = n.putArray("correlations");
            for (String name : pol.correlationNames()) {
                corr.add(name);
            }
        }
        ArrayNode fields = root.putArray("fields");
        for (Field f : set.fields()) {
            ObjectNode n = fields.addObject();
            n.put("id", f.id());
            n.put("name", f.name());
            n.put("raRad", f.raRad());
            n.put("decRad", f.decRad());
        }
        root.put("dataColumn", column);
        root.put("visibilities", s.visibilities);
        root.put("unflagged", s.unflagged);
        root.put("nonFinite", s.nonFinite);
        root.put("sumReal", s.sumReal);
        root.put("sumImag", s.sumImag);
        root.put("sumAbs", s.sumAbs);
        root.put("sumWeight", s.sumWeight);
        root.put("sumUvwAbs", s.sumUvwAbs);
        root.put("timeMin", s.rows > 0 ? s.timeMin : Double.NaN);
        root.put("timeMax", s.rows > 0 ? s.timeMax : Double.NaN);
        return root;
    }

    private static void printSummary(PrintWriter out, MeasurementSet set, String column, VisibilityStatistics s) {
        out.printf("MeasurementSet  %s%n", set.path());
        out.printf("Rows            %d%n", set.rows());
        if (s.rows > 0) {
            out.printf("Time range      %.3f .. %.3f MJD s (%.1f s)%n", s.timeMin, s.timeMax, s.timeMax - s.timeMin);
        }
        out.printf("Antennas        %d%n", set.antennas().size());
        out.printf("Fields          %d%n", set.fields().size());
        for (Field f : set.fields()) {
            out.printf("  %3d  %-20s RA %s  Dec %s%n", f.id(), f.name(),
                    Angles.formatRa(f.raRad()), Angles.formatDec(f.decRad()));
        }
        out.printf("Spectral windows %d%n", set.spectralWindows().size());
        for (SpectralWindow spw : set.spectralWindows()) {
            double[] f = spw.chanFreq();
            out.printf("  %3d  %5d channels  %.6f .. %.6f MHz%n", spw.id(), spw.channels(),
                    f.length > 0 ? f[0] / 1e6 : Double.NaN, f.length > 0 ? f[f.length - 1] / 1e6 : Double.NaN);
        }
        out.printf("Polarizations   %d%n", set.polarizations().size());
        for (Polarization p : set.polarizations()) {
            out.printf("  %3d  %s%n", p.id(), String.join(" ", p.correlationNames()));
        }
        out.printf("Data column     %s%n", column);
        out.printf("Visibilities    %d (%d unflagged, %.1f%% flagged, %d non-finite)%n", s.visibilities,
                s.unflagged, s.visibilities > 0 ? 100.0 * (s.visibilities - s.unflagged - s.nonFinite) / s.visibilities : 0,
                s.nonFinite);
        out.printf("Sum of weights  %.6g%n", s.sumWeight);
    }
}
