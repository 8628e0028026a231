package org.tessera.casacore;

import java.nio.file.Path;

/**
 * A casacore table or MeasurementSet could not be read or written. The message always
 * names the file (or table directory) and the problem, so the CLI can print it as is.
 */
public class CasacoreException extends RuntimeException {
    public CasacoreException(Path path, String problem) {
        super(path + ": " + problem);
    }

    public CasacoreException(Path path, String problem, Throwable cause) {
        super(path + ": " + problem, cause);
    }
}
