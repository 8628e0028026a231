package org.tessera.pipeline;

/** A failure that retrying cannot cure (bad MS, bad parameters, unsafe tarball): the job fails with this reason. */
public class JobFailure extends RuntimeException {
    public JobFailure(String message) {
        super(message);
    }

    public JobFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
