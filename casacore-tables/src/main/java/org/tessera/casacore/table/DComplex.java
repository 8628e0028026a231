package org.tessera.casacore.table;

/** A double-precision complex value (casacore DComplex). */
public record DComplex(double re, double im) {
}
