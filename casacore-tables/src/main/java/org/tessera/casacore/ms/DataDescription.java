package org.tessera.casacore.ms;

/** A DATA_DESCRIPTION row: which spectral window and polarization setup a main-table row uses. */
public record DataDescription(int id, int spectralWindowId, int polarizationId) {
}
