package org.tessera.imaging.deconvolution;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tessera.imaging.restore.Beam;

/**
 * Job summary written next to the images as pretty JSON: what was asked, what data went in,
 * the beam, every cycle, why it stopped and where the time went. Filled by the image command.
 */
public final class RunSummary {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Imaging and deconvolution parameters as given by the user. */
    public Map<String, Object> parameters = new LinkedHashMap<>();
    /** Sum of the imaging weights (the dirty-image and PSF normalisation). */
    public double sumOfWeights;
    /** Fitted restoring beam; null when no PSF was made. */
    public Beam beam;
    public List<CycleRecord> cycles = new ArrayList<>();
    /** tclean stop code and its words. */
    public int stopCode;
    public String stopWords;
    public long iterationsDone;
    public int majorCyclesDone;
    /** Wall-clock seconds per stage, in the order the stages ran. */
    public Map<String, Double> stageSeconds = new LinkedHashMap<>();
    /** Where the gridding ran ("cpu" or "gpu: NAME") and why that device was chosen. */
    public String device;
    public String deviceReason;
    public long visibilitiesUsed;
    public long visibilitiesFlagged;
    public long visibilitiesNonFinite;

    /** Copies cycles, stop code and counters from the iteration state. */
    public void setIteration(IterationState state) {
        cycles = new ArrayList<>(state.cycles());
        stopCode = state.stopCode().code;
        stopWords = state.stopCode().words;
        iterationsDone = state.iterationsDone();
        majorCyclesDone = state.majorCyclesDone();
    }

    /** Adds seconds to a stage (stages run more than once, e.g. gridding per major cycle, accumulate). */
    public void addStageSeconds(String stage, double seconds) {
        stageSeconds.merge(stage, seconds, Double::sum);
    }

    public String toJson() throws IOException {
        return JSON.writeValueAsString(this);
    }

    /** Writes to a temporary file beside {@code path} and renames it, so readers never see half a file. */
    public void write(Path path) throws IOException {
        Path absolute = path.toAbsolutePath();
        Path tmp = Files.createTempFile(absolute.getParent(), absolute.getFileName().toString(), ".tmp");
        try {
            Files.writeString(tmp, toJson());
            Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public static RunSummary read(Path path) throws IOException {
        return JSON.readValue(path.toFile(), RunSummary.class);
    }
}
