package org.tessera.pipeline;

import org.tessera.imaging.ParameterException;
import org.tessera.imaging.RunParameters;
import org.tessera.imaging.gridding.WRange;
import org.tessera.imaging.weighting.ImagingWeights;
import org.tessera.imaging.WscleanRules;
import org.tessera.imaging.weighting.WeightDensity;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A job's parameters and setup as a service sees them, read once from the work bucket and kept:
 * neither changes after the partition stage.
 */
public final class JobContext {
    private final ObjectStore store;
    private final int threads;
    private final Map<String, RunParameters> parameters = new ConcurrentHashMap<>();
    private final Map<String, JobSetup> setups = new ConcurrentHashMap<>();
    private final Map<String, ImagingWeights> weights = new ConcurrentHashMap<>();
    private final Map<String, WRange> wRanges = new ConcurrentHashMap<>();

    public JobContext(ObjectStore store, int threads) {
        this.store = store;
        this.threads = threads;
    }

    public ObjectStore store() {
        return store;
    }

    public RunParameters parameters(String job) {
        return parameters.computeIfAbsent(job, j -> parse(
                store.getJson(ObjectStore.WORK, Keys.request(j), JobRequest.class).parameters(), threads));
    }

    /** A job's parameters; a bad one fails the job ({@link JobFailure}) with the parser's text. */
    static RunParameters parse(Map<String, Object> raw, int threads) {
        try {
            return RunParameters.parse(raw, threads);
        } catch (ParameterException e) {
            throw new JobFailure(e.getMessage(), e);
        }
    }

    public JobSetup setup(String job) {
        return setups.computeIfAbsent(job, j -> store.getJson(ObjectStore.WORK, Keys.setup(j), JobSetup.class));
    }

    /** Natural weights, or uniform/Briggs from the gathered weight density. */
    public ImagingWeights weights(String job) {
        return weights.computeIfAbsent(job, j -> {
            var p = parameters(j).imaging();
            WeightDensity density = WscleanRules.needsDensity(p.weighting())
                    ? WeightDensity.fromBytes(store.get(ObjectStore.WORK, Keys.gathered(j, "weights"))) : null;
            return WscleanRules.imagingWeights(p.weighting(), p.robust(), density);
        });
    }

    /** The job's merged w range, which the controller wrote after the partition stage. */
    public WRange wRange(String job) {
        return wRanges.computeIfAbsent(job, j -> store.getJson(ObjectStore.WORK, Keys.wRange(j), WRange.class));
    }

    /** Whether anything is kept for a job. */
    public boolean holds(String job) {
        return parameters.containsKey(job) || setups.containsKey(job) || weights.containsKey(job)
                || wRanges.containsKey(job);
    }

    /** Drops what is kept for a job (it finished). */
    public void forget(String job) {
        parameters.remove(job);
        setups.remove(job);
        weights.remove(job);
        wRanges.remove(job);
    }
}
