package org.tessera.pipeline;

import org.tessera.imaging.gridding.DeviceMode;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a service finds the broker and the object store, and how much it runs at once. Read from
 * environment variables (the names in compose/ and k8s/) with system properties of the same
 * name in lower case with dots ({@code TESSERA_S3_URL} = {@code tessera.s3.url}) taking precedence.
 */
public record PipelineConfig(String brokerUrl, String brokerUser, String brokerPassword, String s3Url,
                             String s3AccessKey, String s3SecretKey, Path workDir, int threads,
                             int gridConsumers, int maxCachedJobs, long ingestPollMillis, DeviceMode device,
                             boolean keepWork, long taskTimeoutSeconds) {
    public static final String BROKER_URL = "TESSERA_BROKER_URL";
    public static final String BROKER_USER = "TESSERA_BROKER_USER";
    public static final String BROKER_PASSWORD = "TESSERA_BROKER_PASSWORD";
    public static final String S3_URL = "TESSERA_S3_URL";
    public static final String S3_ACCESS_KEY = "TESSERA_S3_ACCESS_KEY";
    public static final String S3_SECRET_KEY = "TESSERA_S3_SECRET_KEY";
    public static final String WORK_DIR = "TESSERA_WORK_DIR";
    public static final String THREADS = "TESSERA_THREADS";
    public static final String GRID_CONSUMERS = "TESSERA_GRID_CONSUMERS";
    public static final String CACHE_JOBS = "TESSERA_CACHE_JOBS";
    public static final String INGEST_POLL_MS = "TESSERA_INGEST_POLL_MS";
    /** Where a gridder runs jobs that do not say {@code device}: auto, cpu or gpu. */
    public static final String DEVICE = "TESSERA_DEVICE";
    /** {@code true}: the controller keeps an ended job's work objects (for debugging); default false. */
    public static final String KEEP_WORK = "TESSERA_KEEP_WORK";
    /** Seconds a task may run before it is interrupted and its message delivered again (default 7200). */
    public static final String TASK_TIMEOUT_S = "TESSERA_TASK_TIMEOUT_S";

    /** Two hours: the longest grid task of a large partition, with room to spare. */
    public static final long DEFAULT_TASK_TIMEOUT_S = 7200;

    /** How every placeholder secret in the deployment files starts: a service refuses to start with one. */
    public static final String PLACEHOLDER_PREFIX = "change-me";

    /** Every variable a service reads; deployment files are checked against this list. */
    public static final java.util.List<String> VARIABLES = java.util.List.of(BROKER_URL, BROKER_USER, BROKER_PASSWORD,
            S3_URL, S3_ACCESS_KEY, S3_SECRET_KEY, WORK_DIR, THREADS, GRID_CONSUMERS, CACHE_JOBS, INGEST_POLL_MS,
            DEVICE, KEEP_WORK, TASK_TIMEOUT_S);

    /** Settings whose gridders choose their device automatically. */
    public PipelineConfig(String brokerUrl, String brokerUser, String brokerPassword, String s3Url, String s3AccessKey,
                          String s3SecretKey, Path workDir, int threads, int gridConsumers, int maxCachedJobs,
                          long ingestPollMillis) {
        this(brokerUrl, brokerUser, brokerPassword, s3Url, s3AccessKey, s3SecretKey, workDir, threads, gridConsumers,
                maxCachedJobs, ingestPollMillis, DeviceMode.AUTO, false, DEFAULT_TASK_TIMEOUT_S);
    }

    public static PipelineConfig fromEnvironment() {
        Map<String, String> values = new LinkedHashMap<>(System.getenv());
        for (String name : VARIABLES) {
            String p = System.getProperty(name.toLowerCase().replace('_', '.'));
            if (p != null) {
                values.put(name, p);
            }
        }
        return from(values);
    }

    public static PipelineConfig from(Map<String, String> v) {
        for (String required : java.util.List.of(BROKER_URL, BROKER_USER, BROKER_PASSWORD, S3_URL, S3_ACCESS_KEY,
                S3_SECRET_KEY)) {
            if (v.get(required) == null || v.get(required).isBlank()) {
                throw new IllegalArgumentException(required + " is not set (broker and S3 need URLs and credentials)");
            }
        }
        for (String secret : java.util.List.of(BROKER_PASSWORD, S3_SECRET_KEY)) {
            if (isPlaceholder(v.get(secret))) {
                throw new IllegalArgumentException(secret + " is the placeholder '" + v.get(secret).trim()
                        + "' committed in compose/.env and k8s/config.yaml: set a secret of your own");
            }
        }
        int cores = Runtime.getRuntime().availableProcessors();
        return new PipelineConfig(v.get(BROKER_URL), v.get(BROKER_USER), v.get(BROKER_PASSWORD), v.get(S3_URL),
                v.get(S3_ACCESS_KEY), v.get(S3_SECRET_KEY),
                Path.of(v.getOrDefault(WORK_DIR, System.getProperty("java.io.tmpdir") + "/tessera-service")),
                Integer.parseInt(v.getOrDefault(THREADS, String.valueOf(cores))),
                Integer.parseInt(v.getOrDefault(GRID_CONSUMERS, "1")),
                Integer.parseInt(v.getOrDefault(CACHE_JOBS, "4")),
                Long.parseLong(v.getOrDefault(INGEST_POLL_MS, "2000")),
                DeviceMode.parse(v.getOrDefault(DEVICE, "auto"), DEVICE),
                Boolean.parseBoolean(v.getOrDefault(KEEP_WORK, "false").trim()),
                Long.parseLong(v.getOrDefault(TASK_TIMEOUT_S, String.valueOf(DEFAULT_TASK_TIMEOUT_S)).trim()));
    }

    /** Whether a secret is one of the placeholders committed in compose/.env and k8s/config.yaml. */
    public static boolean isPlaceholder(String secret) {
        return secret.trim().startsWith(PLACEHOLDER_PREFIX);
    }

    /** The same settings as environment variables, for starting a service process. */
    public Map<String, String> toEnvironment() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(BROKER_URL, brokerUrl);
        m.put(BROKER_USER, brokerUser);
        m.put(BROKER_PASSWORD, brokerPassword);
        m.put(S3_URL, s3Url);
        m.put(S3_ACCESS_KEY, s3AccessKey);
        m.put(S3_SECRET_KEY, s3SecretKey);
        m.put(WORK_DIR, workDir.toString());
        m.put(THREADS, String.valueOf(threads));
        m.put(GRID_CONSUMERS, String.valueOf(gridConsumers));
        m.put(CACHE_JOBS, String.valueOf(maxCachedJobs));
        m.put(INGEST_POLL_MS, String.valueOf(ingestPollMillis));
        m.put(DEVICE, device.text());
        m.put(KEEP_WORK, String.valueOf(keepWork));
        m.put(TASK_TIMEOUT_S, String.valueOf(taskTimeoutSeconds));
        return m;
    }

    public PipelineConfig withWorkDir(Path dir) {
        return new PipelineConfig(brokerUrl, brokerUser, brokerPassword, s3Url, s3AccessKey, s3SecretKey, dir, threads,
                gridConsumers, maxCachedJobs, ingestPollMillis, device, keepWork, taskTimeoutSeconds);
    }

    /** {@code task} interrupted after {@code TESSERA_TASK_TIMEOUT_S}, so a hung one is delivered again. */
    public Task withTimeout(Task task) {
        return TaskTimeout.limit(task, java.time.Duration.ofSeconds(taskTimeoutSeconds));
    }

    /** The services' store: calls are retried through an S3 restart, and metered (each task's transfers
     * are recorded apart from its compute). */
    public ObjectStore objectStore() {
        return new MeteredObjectStore(new MinioObjectStore(s3Url, s3AccessKey, s3SecretKey));
    }

    /** A store whose calls are retried for {@code retryMillis} at most: probes and command-line clients. */
    public ObjectStore objectStore(long retryMillis) {
        return new MinioObjectStore(s3Url, s3AccessKey, s3SecretKey, retryMillis);
    }
}
