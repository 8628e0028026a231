package org.tessera.pipeline;

/** Asks the controller, on {@link Queues#CANCEL}, to end a job as CANCELLED. */
public record JobCancel(String jobId) {
}
