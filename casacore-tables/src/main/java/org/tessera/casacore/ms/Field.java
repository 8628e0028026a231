package org.tessera.casacore.ms;

/** A FIELD row with its phase centre (PHASE_DIR, J2000 radians). */
public record Field(int id, String name, double raRad, double decRad) {
}
