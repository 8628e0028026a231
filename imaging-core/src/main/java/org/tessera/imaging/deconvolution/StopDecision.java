package org.tessera.imaging.deconvolution;

/** Outcome of the global stop check made before each minor cycle. */
public record StopDecision(StopCode stopCode) {
    public static final StopDecision CONTINUE = new StopDecision(StopCode.NONE);

    public boolean stop() {
        return stopCode != StopCode.NONE;
    }

    public String words() {
        return stopCode.words;
    }
}
