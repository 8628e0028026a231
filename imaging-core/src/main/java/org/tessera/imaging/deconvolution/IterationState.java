package org.tessera.imaging.deconvolution;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Everything the iteration control remembers between cycles, so that the minor and major
 * cycles can run in different services and the controller can restart: the parameters, the
 * iterations and major cycles done, the peak residual seen at each stop check, one record per
 * cycle and the stop code. Saved and loaded as JSON.
 *
 * <p>The updates are idempotent per cycle, so a duplicated message cannot count twice: the
 * residual check for major cycle k overwrites entry k of the peak history, a minor cycle is
 * recorded only once per major cycle, and a major cycle only once after its minor cycle.
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
@JsonIgnoreProperties(value = "stopWords", allowGetters = true)
public final class IterationState {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private IterationParameters parameters;
    private int iterationsDone;
    private int majorCyclesDone;
    private final List<CycleRecord> cycles = new ArrayList<>();
    /** Peak residual (inside the mask) at the stop check after major cycle k, at index k. */
    private final List<Double> peakResiduals = new ArrayList<>();
    /** Peak residual without mask at the stop check after major cycle k, at index k. */
    private final List<Double> peakResidualsNoMask = new ArrayList<>();
    /** Smallest peak residual without mask seen so far; null before the first check. */
    private Double minPeakResidualNoMask;
    private boolean stopRequested;
    /** Minor cycles whose model makes the auto-mask; null while cleaning down to the auto-mask level. */
    private Integer autoMaskCycles;
    private StopCode stopCode = StopCode.NONE;
    /** The beam FWHM in pixels that {@code -local-rms} windows count in; null until the first minor cycle. */
    private Double localRmsBeamPixels;

    private IterationState() {
    }

    /** State before major cycle 0's residual (the dirty image) has been checked. */
    public static IterationState start(IterationParameters parameters) {
        IterationState s = new IterationState();
        s.parameters = parameters;
        return s;
    }

    public IterationParameters parameters() {
        return parameters;
    }

    public int iterationsDone() {
        return iterationsDone;
    }

    public int majorCyclesDone() {
        return majorCyclesDone;
    }

    public List<CycleRecord> cycles() {
        return Collections.unmodifiableList(cycles);
    }

    public List<Double> peakResiduals() {
        return Collections.unmodifiableList(peakResiduals);
    }

    public List<Double> peakResidualsNoMask() {
        return Collections.unmodifiableList(peakResidualsNoMask);
    }

    public Double minPeakResidualNoMask() {
        return minPeakResidualNoMask;
    }

    public boolean stopRequested() {
        return stopRequested;
    }

    public StopCode stopCode() {
        return stopCode;
    }

    @JsonProperty("stopWords")
    public String stopWords() {
        return stopCode.words;
    }

    /**
     * The auto-mask is the model's support after this many minor cycles (the components found down to the
     * auto-mask level); null before that level is reached.
     */
    public Integer autoMaskCycles() {
        return autoMaskCycles;
    }

    /** The auto-mask level is reached: the model so far makes the mask from now on. */
    void makeAutoMask() {
        if (autoMaskCycles == null) {
            autoMaskCycles = cycles.size();
        }
    }

    /** See {@link #rememberLocalRmsBeam}; null before the first minor cycle. */
    public Double localRmsBeamPixels() {
        return localRmsBeamPixels;
    }

    /** The beam that {@code -local-rms} windows count in, from the PSF of the first minor cycle. */
    public void rememberLocalRmsBeam(double pixels) {
        localRmsBeamPixels = pixels;
    }

    /** The user asked to stop (tclean stop code 3 at the next check). */
    public void requestStop() {
        stopRequested = true;
    }

    /** Total flux of the model after the last recorded minor cycle. */
    public double modelFlux() {
        return cycles.isEmpty() ? 0.0 : cycles.get(cycles.size() - 1).modelFlux();
    }

    /**
     * Records the residual of the latest major cycle before its stop check. Entry k of the
     * history is (over)written; for k &gt; 0 the last cycle record gets its after-major peak.
     */
    void recordResidual(ResidualStats stats) {
        int k = majorCyclesDone;
        if (peakResiduals.size() > k) {
            peakResiduals.set(k, stats.peakResidual());
            peakResidualsNoMask.set(k, stats.peakResidualNoMask());
        } else {
            peakResiduals.add(stats.peakResidual());
            peakResidualsNoMask.add(stats.peakResidualNoMask());
        }
        double min = Double.POSITIVE_INFINITY;
        for (double p : peakResidualsNoMask) {
            min = Math.min(min, p);
        }
        minPeakResidualNoMask = min;
        if (k > 0 && cycles.size() == k) {
            cycles.set(k - 1, cycles.get(k - 1).withPeakAfterMajor(stats.peakResidual()));
        }
    }

    void setStopCode(StopCode code) {
        stopCode = code;
    }

    /** Records a finished minor cycle; ignored if this major cycle already has its minor cycle. */
    public void recordMinorCycle(MinorCycleControls controls, MinorCycleResult result) {
        if (cycles.size() != majorCyclesDone) {
            return;
        }
        iterationsDone += result.iterations();
        cycles.add(new CycleRecord(majorCyclesDone + 1, result.peakBefore(), result.peakAfter(), null,
                result.iterations(), iterationsDone, result.modelFlux(), controls.minorThreshold(),
                result.stopCode().code, result.stopCode().words));
    }

    /** Counts the major cycle that followed the last minor cycle; ignored if already counted. */
    public void recordMajorCycle() {
        if (cycles.size() == majorCyclesDone + 1) {
            majorCyclesDone++;
        }
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static IterationState fromJson(String json) {
        try {
            return JSON.readValue(json, IterationState.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read iteration state", e);
        }
    }
}
