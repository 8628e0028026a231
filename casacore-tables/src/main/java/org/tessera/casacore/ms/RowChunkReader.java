package org.tessera.casacore.ms;

import org.tessera.casacore.CasacoreException;
import org.tessera.casacore.table.Column;
import org.tessera.casacore.table.DataType;
import org.tessera.casacore.table.Table;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Streams the main table of a MeasurementSet in {@link RowChunk}s. The chunk object and its
 * arrays are reused: memory stays bounded by {@code maxRows} rows however large the MS.
 */
public final class RowChunkReader implements Iterator<RowChunk>, Iterable<RowChunk> {
    private final MeasurementSet ms;
    private final int maxRows;
    private final long nrow;
    private final Column time;
    private final Column antenna1;
    private final Column antenna2;
    private final Column fieldId;
    private final Column uvw;
    private final Column flagRow;
    private final Column flag;
    private final Column weight;
    private final Column weightSpectrum;
    private final Column sigma;
    private final Column dataDescId;
    private final Column data;
    private final RowChunk chunk = new RowChunk();
    private final int[] ddBuffer;
    private long nextRow;
    private boolean readData = true;

    RowChunkReader(MeasurementSet ms, String dataColumn, int maxRows) {
        if (maxRows <= 0) {
            throw new IllegalArgumentException("chunk size must be positive");
        }
        this.ms = ms;
        this.maxRows = maxRows;
        Table main = ms.mainTable();
        this.nrow = main.nrow();
        ms.requireType("TIME", DataType.TpDouble);
        ms.requireType("ANTENNA1", DataType.TpInt);
        ms.requireType("ANTENNA2", DataType.TpInt);
        ms.requireType("DATA_DESC_ID", DataType.TpInt);
        ms.requireType("UVW", DataType.TpDouble);
        ms.requireType("FLAG", DataType.TpBool);
        ms.requireType(dataColumn, DataType.TpComplex);
        this.time = main.column("TIME");
        this.antenna1 = main.column("ANTENNA1");
        this.antenna2 = main.column("ANTENNA2");
        this.fieldId = main.hasColumn("FIELD_ID") ? main.column("FIELD_ID") : null;
        this.uvw = main.column("UVW");
        this.flagRow = main.hasColumn("FLAG_ROW") ? main.column("FLAG_ROW") : null;
        this.flag = main.column("FLAG");
        this.weight = main.hasColumn("WEIGHT") ? main.column("WEIGHT") : null;
        if (weight != null) {
            ms.requireType("WEIGHT", DataType.TpFloat);
        }
        this.sigma = main.hasColumn("SIGMA") ? main.column("SIGMA") : null;
        if (sigma != null) {
            ms.requireType("SIGMA", DataType.TpFloat);
        }
        this.weightSpectrum = main.hasColumn("WEIGHT_SPECTRUM") ? main.column("WEIGHT_SPECTRUM") : null;
        if (weightSpectrum != null) {
            ms.requireType("WEIGHT_SPECTRUM", DataType.TpFloat);
        }
        this.dataDescId = main.column("DATA_DESC_ID");
        this.data = main.column(dataColumn);
        this.ddBuffer = new int[maxRows];
    }

    /**
     * Skips the data column from here on (its values stay zero in the chunks): for passes that need
     * only uvw, flags and weights, which are much smaller.
     */
    public RowChunkReader withoutData() {
        readData = false;
        return this;
    }

    @Override
    public Iterator<RowChunk> iterator() {
        return this;
    }

    @Override
    public boolean hasNext() {
        return nextRow < nrow;
    }

    @Override
    public RowChunk next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        int rows = runOfSameDataDescription();
        DataDescription dd = ms.dataDescription(ddBuffer[0], nextRow);
        fill(dd, rows);
        nextRow += rows;
        return chunk;
    }

    /** Rows from nextRow on (at most maxRows) that share the first row's DATA_DESC_ID. */
    private int runOfSameDataDescription() {
        int n = (int) Math.min(maxRows, nrow - nextRow);
        dataDescId.getInts(nextRow, n, ddBuffer, 0);
        int run = 1;
        while (run < n && ddBuffer[run] == ddBuffer[0]) {
            run++;
        }
        return run;
    }

    private void fill(DataDescription dd, int rows) {
        RowChunk c = chunk;
        c.firstRow = nextRow;
        c.rows = rows;
        c.dataDescription = dd;
        c.spectralWindow = ms.spectralWindows().get(dd.spectralWindowId());
        c.polarization = ms.polarizations().get(dd.polarizationId());
        c.channels = c.spectralWindow.channels();
        c.correlations = c.polarization.correlations();
        // Shapes first: the arrays are sized by the subtables, and a damaged one must not size them.
        checkShape(data, nextRow, c);
        checkShape(flag, nextRow, c);
        checkCell(uvw, 3);
        checkCell(weight, c.correlations);
        checkCell(sigma, c.correlations);
        int values = rows * c.channels * c.correlations;
        ensureCapacity(rows, values, c.correlations);

        time.getDoubles(nextRow, rows, c.time, 0);
        antenna1.getInts(nextRow, rows, c.antenna1, 0);
        antenna2.getInts(nextRow, rows, c.antenna2, 0);
        if (fieldId != null) {
            fieldId.getInts(nextRow, rows, c.fieldId, 0);
        } else {
            Arrays.fill(c.fieldId, 0, rows, 0);
        }
        uvw.getDoubles(nextRow, rows, c.uvw, 0);
        if (flagRow != null) {
            flagRow.getBools(nextRow, rows, c.flagRow, 0);
        } else {
            Arrays.fill(c.flagRow, 0, rows, false);
        }
        if (readData) {
            data.getFloats(nextRow, rows, c.data, 0);
        }
        flag.getBools(nextRow, rows, c.flag, 0);
        fillWeights(c, rows);
    }

    private void fillWeights(RowChunk c, int rows) {
        int ncorr = c.correlations;
        int perRow = c.channels * ncorr;
        if (weight != null && weight.isDefined(nextRow)) {
            weight.getFloats(nextRow, rows, c.weight, 0);
        } else {
            Arrays.fill(c.weight, 0, rows * ncorr, 1f);
        }
        if (sigma != null && sigma.isDefined(nextRow)) {
            sigma.getFloats(nextRow, rows, c.sigma, 0);
        } else {
            Arrays.fill(c.sigma, 0, rows * ncorr, 1f);
        }
        boolean spectrumDefined = weightSpectrum != null;
        for (int r = 0; spectrumDefined && r < rows; r++) {
            spectrumDefined = weightSpectrum.isDefined(nextRow + r);
        }
        if (spectrumDefined) {
            checkShape(weightSpectrum, nextRow, c);
            weightSpectrum.getFloats(nextRow, rows, c.valueWeight, 0);
            return;
        }
        for (int r = 0; r < rows; r++) {
            long row = nextRow + r;
            if (weightSpectrum != null && weightSpectrum.isDefined(row)) {
                weightSpectrum.getFloats(row, 1, c.valueWeight, r * perRow);
                continue;
            }
            for (int v = 0; v < perRow; v++) {
                c.valueWeight[r * perRow + v] = c.weight[r * ncorr + v % ncorr];
            }
        }
    }

    private void checkShape(Column column, long row, RowChunk c) {
        int[] shape = column.shape(row);
        if (shape.length != 2 || shape[0] != c.correlations || shape[1] != c.channels) {
            throw new CasacoreException(ms.path(), "column " + column.desc().name() + " row " + row
                    + " has shape " + Arrays.toString(shape) + " but its data description "
                    + c.dataDescription.id() + " implies [" + c.correlations + ", " + c.channels + "]: "
                    + c.correlations + " correlations in row " + c.polarization.id() + " of "
                    + ms.subtablePath("POLARIZATION") + ", " + c.channels + " channels in row "
                    + c.spectralWindow.id() + " of " + ms.subtablePath("SPECTRAL_WINDOW"));
        }
    }

    /** A defined vector cell of nextRow must hold n values (UVW: 3; WEIGHT and SIGMA: one per correlation). */
    private void checkCell(Column column, int n) {
        if (column == null || !column.isDefined(nextRow)) {
            return;
        }
        int[] shape = column.shape(nextRow);
        if (shape.length != 1 || shape[0] != n) {
            throw new CasacoreException(ms.path(), "column " + column.desc().name() + " row " + nextRow
                    + " has shape " + Arrays.toString(shape) + ", expected [" + n + "]");
        }
    }

    private void ensureCapacity(int rows, int values, int ncorr) {
        RowChunk c = chunk;
        if (c.time == null || c.time.length < maxRows) {
            c.time = new double[maxRows];
            c.antenna1 = new int[maxRows];
            c.antenna2 = new int[maxRows];
            c.fieldId = new int[maxRows];
            c.uvw = new double[3 * maxRows];
            c.flagRow = new boolean[maxRows];
        }
        if (c.flag == null || c.flag.length < values) {
            c.flag = new boolean[values];
            c.data = new float[2 * values];
            c.valueWeight = new float[values];
        }
        if (c.weight == null || c.weight.length < rows * ncorr) {
            c.weight = new float[maxRows * ncorr];
            c.sigma = new float[maxRows * ncorr];
        }
    }
}
