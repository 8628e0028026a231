package org.tessera.imaging.sequence;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tessera.imaging.deconvolution.MinorCycleResult;
import org.tessera.imaging.gridding.GridderFactory;
import org.tessera.imaging.ms.VisibilityCounts;
import org.tessera.imaging.restore.Beam;
import org.tessera.imaging.restore.Restoration;

/**
 * What each task reports for the summary, with the same names whichever path ran it: the
 * services put these in their task markers, the in-process run in its stage records.
 */
public final class TaskFacts {
    public static final String DEVICE = "device";
    public static final String DEVICE_REASON = "deviceReason";
    public static final String VISIBILITIES_USED = "visibilitiesUsed";
    public static final String VISIBILITIES_FLAGGED = "visibilitiesFlagged";
    public static final String VISIBILITIES_NON_FINITE = "visibilitiesNonFinite";
    public static final String MAX_BASELINE = "maxBaselineWavelengths";
    /** RESTORE of a joined-channel job: each channel group's restore facts and sum of weights, in group order. */
    public static final String GROUPS = "groups";
    public static final String SUM_OF_WEIGHTS = "sumOfWeights";

    private TaskFacts() {
    }

    /** IMAGE: the samples gridded and skipped, and the longest baseline (for the beam fit). */
    public static Map<String, Object> image(VisibilityCounts counts, double maxBaselineWavelengths,
                                            GridderFactory gridders) {
        Map<String, Object> facts = device(gridders);
        facts.put(VISIBILITIES_USED, counts.used);
        facts.put(VISIBILITIES_FLAGGED, counts.flagged);
        facts.put(VISIBILITIES_NON_FINITE, counts.nonFinite);
        facts.put(MAX_BASELINE, maxBaselineWavelengths);
        return facts;
    }

    /** Which device gridded, and why that one. */
    public static Map<String, Object> device(GridderFactory gridders) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put(DEVICE, gridders.device());
        facts.put(DEVICE_REASON, gridders.reason());
        return facts;
    }

    public static Map<String, Object> clean(MinorCycleResult result) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("iterations", result.iterations());
        facts.put("peakAfter", result.peakAfter());
        facts.put("modelFlux", result.modelFlux());
        if (result.scales() != null) {
            facts.put("scales", result.scales().stream().map(t -> {
                Map<String, Object> scale = new LinkedHashMap<>();
                scale.put("scalePixels", t.scale());
                scale.put("components", t.components());
                scale.put("flux", t.flux());
                return scale;
            }).toList());
        }
        return facts;
    }

    public static Map<String, Object> restore(Restoration r) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("beamMajorArcsec", r.beam().majorDeg() * 3600);
        facts.put("beamMinorArcsec", r.beam().minorDeg() * 3600);
        facts.put("beamPaDeg", r.beam().positionAngleDeg());
        facts.put("restoredPeak", r.restored().maxAbs());
        return facts;
    }

    /** RESTORE of a joined-channel job: the MFS restoration's facts, and each group's with its sum of weights. */
    public static Map<String, Object> restore(Restoration mfs, List<Restoration> groups, double[] sumsOfWeights) {
        Map<String, Object> facts = restore(mfs);
        List<Map<String, Object>> perGroup = new ArrayList<>();
        for (int k = 0; k < groups.size(); k++) {
            Map<String, Object> group = restore(groups.get(k));
            group.put(SUM_OF_WEIGHTS, sumsOfWeights[k]);
            perGroup.add(group);
        }
        facts.put(GROUPS, perGroup);
        return facts;
    }

    /** The restoring beam that {@link #restore} reported, or null when {@code facts} hold none. */
    public static Beam beam(Map<String, Object> facts) {
        if (!(facts.get("beamMajorArcsec") instanceof Number major)) {
            return null;
        }
        return Beam.ofDegrees(major.doubleValue() / 3600, number(facts, "beamMinorArcsec") / 3600,
                number(facts, "beamPaDeg"));
    }

    public static double number(Map<String, Object> facts, String fact) {
        return facts.get(fact) instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /** This process as a summary names a host: host name and pid, so that replicas on one machine differ. */
    public static String host() {
        try {
            return InetAddress.getLocalHost().getHostName() + "/" + ProcessHandle.current().pid();
        } catch (Exception e) {
            return "pid " + ProcessHandle.current().pid();
        }
    }
}
