package org.tessera.testsupport;

/**
 * A point source of {@code flux} at direction cosines (l, m): the synthetic skies as plain data, which
 * a module's tests turn into their own types where they need them.
 */
public record PointSource(double l, double m, double flux) {
    /** n − 1, written so that it does not cancel near the phase centre. */
    public double nMinusOne() {
        double r2 = l * l + m * m;
        return -r2 / (Math.sqrt(1 - r2) + 1);
    }
}
