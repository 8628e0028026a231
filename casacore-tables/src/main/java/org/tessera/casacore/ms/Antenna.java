package org.tessera.casacore.ms;

/** An ANTENNA row: name, station, ITRF position in metres, dish diameter in metres. */
public record Antenna(int id, String name, String station, double[] position, double dishDiameter) {
}
