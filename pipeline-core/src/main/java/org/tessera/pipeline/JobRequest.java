package org.tessera.pipeline;

import java.util.Map;

/**
 * A job as published on the jobs queue (or made from an ingest drop).
 *
 * @param jobId       job identifier (letters, digits, '-', '_'); null lets the controller choose one
 * @param msObject    the MS tarball, {@code bucket/key} (.tar, .tar.gz or .tgz)
 * @param parameters  imaging parameters named as {@code tessera image} options, e.g. {"size": [512, 512]}
 */
public record JobRequest(String jobId, String msObject, Map<String, Object> parameters) {
    public JobRequest {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }
}
