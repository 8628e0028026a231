package org.tessera.casacore.table;

/** A single-precision complex value (casacore Complex). */
public record Complex(float re, float im) {
}
