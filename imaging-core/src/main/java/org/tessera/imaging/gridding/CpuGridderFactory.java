package org.tessera.imaging.gridding;

/** {@link WGridder}s on the CPU, with the reason the CPU was chosen. */
public record CpuGridderFactory(String reason) implements GridderFactory {
    /** For callers that make no device choice (imaging-core alone knows no GPU). */
    public static final CpuGridderFactory DEFAULT = new CpuGridderFactory("CPU gridder: no device selection was made");

    @Override
    public Gridder create(GridderSettings settings, WRange range) {
        return new WGridder(settings, range);
    }

    @Override
    public String device() {
        return "cpu";
    }
}
