package org.tessera.pipeline;

import org.tessera.imaging.sequence.Stage;

/**
 * Where a job's objects live in the work bucket. Every key starts with the job id, so a job's
 * work is one prefix; the barrier for a stage is the number of markers under {@link #markers}.
 */
public final class Keys {
    private Keys() {
    }

    public static String state(String job) {
        return job + "/state.json";
    }

    /** Whether a work-bucket key is a job's state (and not an object further down). */
    public static boolean isState(String key) {
        return key.endsWith("/state.json") && key.indexOf('/') == key.length() - "/state.json".length();
    }

    public static String request(String job) {
        return job + "/request.json";
    }

    /** What the partitioner learned about the MS (parts, field, band, data column). */
    public static String setup(String job) {
        return job + "/setup.json";
    }

    public static String part(String job, int part) {
        return String.format("%s/parts/%03d.ms.tar", job, part);
    }

    public static String manifest(String job) {
        return job + "/parts/partitions.json";
    }

    public static String markers(String job, Stage stage, int cycle) {
        return String.format("%s/tasks/%s/%03d/", job, stage.key(), cycle);
    }

    public static String marker(String job, Stage stage, int cycle, int part) {
        return String.format("%sdone-%03d.json", markers(job, stage, cycle), part);
    }

    /** Written when a task starts, so a page can show it running before its marker exists. */
    public static String started(String job, Stage stage, int cycle, int part) {
        return String.format("%s%s/%03d/%03d.json", allStarted(job), stage.key(), cycle, part);
    }

    public static String allStarted(String job) {
        return job + "/started/";
    }

    public static String allMarkers(String job) {
        return job + "/tasks/";
    }

    public static String partial(String job, Stage stage, int cycle, int part, String name) {
        return String.format("%s%03d-%s.bin", partials(job, stage, cycle), part, name);
    }

    /** The partial products of one stage and cycle, which its gather sums. */
    public static String partials(String job, Stage stage, int cycle) {
        return String.format("%s/partial/%s/%03d/", job, stage.key(), cycle);
    }

    /** Everything of a job in the work bucket. */
    public static String work(String job) {
        return job + "/";
    }

    /** Where clients upload a job's MS tarball in the work bucket (not ingest, which is watched for drops). */
    public static String uploads(String job) {
        return "uploads/" + job + "/";
    }

    /** A gathered (summed, normalised) product: weights, psf, dirty, residual-K. */
    public static String gathered(String job, String name) {
        return job + "/gathered/" + name + ".bin";
    }

    /** The gathered residual after major cycle k (k = 0: the dirty image), which the stop check saw. */
    public static String residual(String job, int k) {
        return k == 0 ? gathered(job, "dirty") : gathered(job, String.format("residual-%03d", k));
    }

    /** The job's merged w range, from which every gridder makes the same plan. */
    public static String wRange(String job) {
        return job + "/gathered/w-range.json";
    }

    /** Iteration state after the stop check that follows major cycle k (k = 0: the dirty image). */
    public static String iteration(String job, int k) {
        return String.format("%s/iteration/%03d.json", job, k);
    }

    public static String model(String job, int cycle) {
        return String.format("%s/clean/%03d/model.bin", job, cycle);
    }

    /** A multiscale auto-mask job's per-scale masks after minor cycle {@code cycle}. */
    public static String scaleMasks(String job, int cycle) {
        return String.format("%s/clean/%03d/scale-masks.bin", job, cycle);
    }

    /** Iteration state after minor cycle {@code cycle}. */
    public static String cleanState(String job, int cycle) {
        return String.format("%s/clean/%03d/state.json", job, cycle);
    }

    public static String error(String job, Stage stage, int cycle, int part) {
        return String.format("%s/errors/%s-%03d-%03d.txt", job, stage.key(), cycle, part);
    }

    /** Claim on an ingest object, so that a polled drop starts exactly one job. */
    public static String ingestClaim(String ingestKey) {
        return "ingest-claims/" + ingestKey + ".json";
    }

    /** The final state of an ended job, kept with its results once its work objects are deleted. */
    public static String finalState(String job) {
        return result(job, "state.json");
    }

    public static String result(String job, String file) {
        return job + "/" + file;
    }
}
