package org.tessera.casacore.table;

/**
 * A keyword value of type TpTable: a subtable, kept as the path string stored on disk
 * (e.g. {@code "././ANTENNA"}, relative to the table that holds the keyword).
 */
public record TableRef(String storedPath) {
}
