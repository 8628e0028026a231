package org.tessera.pipeline;

/**
 * Published on {@link Queues#ENDED} when a job reaches DONE or FAILED.
 *
 * @param status DONE or FAILED
 */
public record JobEnded(String jobId, String status) {
}
