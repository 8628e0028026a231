package org.tessera.partition;

/** The axis along which a MeasurementSet is split into sub-MSs. */
public enum PartitionMode {
    /** Contiguous time ranges; rows that share a TIME stay together. */
    TIME,
    /** Contiguous channel ranges; every part has all rows. */
    CHANNEL
}
