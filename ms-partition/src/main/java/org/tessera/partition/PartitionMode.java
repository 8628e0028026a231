package org.tessera.partition;

/** The axis along which a MeasurementSet is split into sub-MSs. */
public enum PartitionMode {
    /** Contiguous time ranges; rows that share a TIME stay together. */
    TIME,
    /** Contiguous channel ranges; every part has all rows. */
    CHANNEL,
    /**
     * Slabs of |w| (metres) with about equal visibility counts: each part's samples reach only
     * some of the w-planes, so the gridders share the transforms instead of each doing them all.
     */
    W,
    /** Channel ranges, each split into w slabs. */
    CHANNEL_W;

    /** The name in manifests and parameters: time, channel, w, channel,w. */
    public String label() {
        return this == CHANNEL_W ? "channel,w" : name().toLowerCase(java.util.Locale.ROOT);
    }
}
