package org.tessera.imaging.gridding;

import java.util.Arrays;
import org.tessera.imaging.VisibilityChunk;

/**
 * The rows of a gridding run, in source order: each row's (u, v, w), conjugated so that w >= 0,
 * with u and v in turns per pixel per wavelength-per-metre, and where its channels' 1/lambda values
 * start in one shared table of spectra. A sample is then (row, channel): 6 bytes instead of three doubles.
 */
final class RowTable {
    private double[] uvw = new double[3 * 1024];
    private int[] spectrumStart = new int[1024];
    /** First source position of the row, ~position if the row was conjugated. */
    private int[] origin = new int[1024];
    private double[] inverseWavelengths = new double[0];
    private double[] lastFrequencies;
    private int lastSpectrum;
    private int rows;
    private long positions;

    /** Appends the chunk's rows; returns the index of its first row. */
    int add(VisibilityChunk ch, double cellRad) {
        if (ch.channels > Character.MAX_VALUE + 1) {
            throw new IllegalArgumentException("too many channels for one gridding run: " + ch.channels);
        }
        if (lastFrequencies == null || !Arrays.equals(lastFrequencies, ch.frequencies)) {
            lastSpectrum = inverseWavelengths.length;
            inverseWavelengths = Arrays.copyOf(inverseWavelengths, lastSpectrum + ch.channels);
            for (int c = 0; c < ch.channels; c++) {
                inverseWavelengths[lastSpectrum + c] = ch.frequencies[c] / WRange.SPEED_OF_LIGHT;
            }
            lastFrequencies = ch.frequencies.clone();
        }
        int first = rows;
        if (rows + ch.rows > spectrumStart.length) {
            int capacity = Math.max(rows + ch.rows, 2 * spectrumStart.length);
            uvw = Arrays.copyOf(uvw, 3 * capacity);
            spectrumStart = Arrays.copyOf(spectrumStart, capacity);
            origin = Arrays.copyOf(origin, capacity);
        }
        for (int r = 0; r < ch.rows; r++, rows++) {
            double sign = ch.uvw[3 * r + 2] < 0 ? -1 : 1;
            uvw[3 * rows] = sign * ch.uvw[3 * r] * cellRad;
            uvw[3 * rows + 1] = sign * ch.uvw[3 * r + 1] * cellRad;
            uvw[3 * rows + 2] = sign * ch.uvw[3 * r + 2];
            spectrumStart[rows] = lastSpectrum;
            int position = (int) (positions + (long) r * ch.channels);
            origin[rows] = sign < 0 ? ~position : position;
        }
        positions += (long) ch.rows * ch.channels;
        return first;
    }

    /** 1/lambda (per metre) of channel c of row r. */
    double inverseWavelength(int r, int c) {
        return inverseWavelengths[spectrumStart[r] + c];
    }

    /** u of row r at 1/lambda f, in turns per pixel (conjugated). */
    double uTurns(int r, double f) {
        return uvw[3 * r] * f;
    }

    double vTurns(int r, double f) {
        return uvw[3 * r + 1] * f;
    }

    /** w of row r at 1/lambda f, in wavelengths (conjugated, >= 0). */
    double w(int r, double f) {
        return uvw[3 * r + 2] * f;
    }

    boolean conjugated(int r) {
        return origin[r] < 0;
    }

    /** Source position of channel c of row r. */
    int position(int r, int c) {
        int o = origin[r];
        return (o < 0 ? ~o : o) + c;
    }
}
