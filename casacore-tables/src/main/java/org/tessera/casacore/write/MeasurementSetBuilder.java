package org.tessera.casacore.write;

import java.nio.file.Path;
import java.util.Arrays;
import org.tessera.casacore.CasacoreException;
import org.tessera.casacore.table.TableDesc;

/**
 * Creates a new, minimal but valid MeasurementSet v2 for simulations: the required
 * subtables are written from an {@link MsSetup} when the builder is created, then the caller
 * appends visibility rows and closes it.
 *
 * <pre>
 * try (MeasurementSetBuilder ms = MeasurementSetBuilder.create(dir, setup)) {
 *     ms.addRow(new MeasurementSetBuilder.Row(0, 1, time, 10.0, uvw, data, null, null, null, null));
 * }
 * </pre>
 * A failure deletes the whole MS directory.
 */
public final class MeasurementSetBuilder implements AutoCloseable {
    /**
     * One visibility row. Arrays are in casacore (Fortran) order, correlation fastest.
     *
     * @param antenna1       first antenna (index into ANTENNA)
     * @param antenna2       second antenna
     * @param time           mid-point of the integration, MJD seconds (UTC)
     * @param interval       integration time in seconds (also EXPOSURE)
     * @param uvw            baseline (u, v, w) in metres
     * @param data           visibilities [ncorr, nchan], interleaved (re, im); null for zeros
     * @param flag           flags [ncorr, nchan]; null for none
     * @param weight         weights [ncorr]; null for 1
     * @param sigma          sigmas [ncorr]; null for 1
     * @param weightSpectrum weights [ncorr, nchan]; null for 1 (only with WEIGHT_SPECTRUM)
     */
    public record Row(int antenna1, int antenna2, double time, double interval, double[] uvw, float[] data,
                      boolean[] flag, float[] weight, float[] sigma, float[] weightSpectrum) {
    }

    private final MsSetup setup;
    private final TableWriter main;
    private final int[] cell;
    private final int[] corr;
    private final int antenna1;
    private final int antenna2;
    private final int arrayId;
    private final int dataDescId;
    private final int exposure;
    private final int feed1;
    private final int feed2;
    private final int fieldId;
    private final int flag;
    private final int flagRow;
    private final int interval;
    private final int observationId;
    private final int processorId;
    private final int scanNumber;
    private final int stateId;
    private final int time;
    private final int timeCentroid;
    private final int uvw;
    private final int weight;
    private final int sigma;
    private final int data;
    private final int weightSpectrum;
    private int scan = 1;

    private MeasurementSetBuilder(MsSetup setup, TableWriter main) {
        this.setup = setup;
        this.main = main;
        this.cell = new int[] {setup.ncorr(), setup.nchan()};
        this.corr = new int[] {setup.ncorr()};
        antenna1 = main.column("ANTENNA1");
        antenna2 = main.column("ANTENNA2");
        arrayId = main.column("ARRAY_ID");
        dataDescId = main.column("DATA_DESC_ID");
        exposure = main.column("EXPOSURE");
        feed1 = main.column("FEED1");
        feed2 = main.column("FEED2");
        fieldId = main.column("FIELD_ID");
        flag = main.column("FLAG");
        flagRow = main.column("FLAG_ROW");
        interval = main.column("INTERVAL");
        observationId = main.column("OBSERVATION_ID");
        processorId = main.column("PROCESSOR_ID");
        scanNumber = main.column("SCAN_NUMBER");
        stateId = main.column("STATE_ID");
        time = main.column("TIME");
        timeCentroid = main.column("TIME_CENTROID");
        uvw = main.column("UVW");
        weight = main.column("WEIGHT");
        sigma = main.column("SIGMA");
        data = setup.withData() ? main.column("DATA") : -1;
        weightSpectrum = setup.withWeightSpectrum() ? main.column("WEIGHT_SPECTRUM") : -1;
    }

    /** Creates the MS directory (which must not exist) with all subtables written. */
    public static MeasurementSetBuilder create(Path dir, MsSetup setup) {
        TableDesc desc = MsSchema.main(setup.ncorr(), setup.nchan(), setup.withData(), setup.withWeightSpectrum());
        TableWriter main = TableWriter.create(dir, desc,
                TableWriter.Options.defaults().withInfo(new TableInfo("Measurement Set", "", "")));
        try {
            MsSubtables.writeAll(dir, setup);
            return new MeasurementSetBuilder(setup, main);
        } catch (RuntimeException e) {
            main.abort();
            throw e instanceof CasacoreException ce ? ce
                    : new CasacoreException(dir, "cannot create the MeasurementSet: " + e.getMessage(), e);
        }
    }

    /** Sets SCAN_NUMBER for the rows that follow (default 1). */
    public void setScanNumber(int scanNumber) {
        this.scan = scanNumber;
    }

    /** Appends one visibility row and returns its row number. */
    public long addRow(Row r) {
        int nvis = setup.ncorr() * setup.nchan();
        main.putInt(antenna1, r.antenna1());
        main.putInt(antenna2, r.antenna2());
        main.putInt(arrayId, 0);
        main.putInt(dataDescId, 0);
        main.putDouble(exposure, r.interval());
        main.putInt(feed1, 0);
        main.putInt(feed2, 0);
        main.putInt(fieldId, 0);
        boolean[] flags = r.flag() != null ? r.flag() : new boolean[nvis];
        main.putBools(flag, cell, flags);
        main.putBool(flagRow, allTrue(flags));
        main.putDouble(interval, r.interval());
        main.putInt(observationId, 0);
        main.putInt(processorId, 0);
        main.putInt(scanNumber, scan);
        main.putInt(stateId, -1);
        main.putDouble(time, r.time());
        main.putDouble(timeCentroid, r.time());
        main.putDoubles(uvw, new int[] {3}, r.uvw());
        main.putFloats(weight, corr, r.weight() != null ? r.weight() : ones(setup.ncorr()));
        main.putFloats(sigma, corr, r.sigma() != null ? r.sigma() : ones(setup.ncorr()));
        if (data >= 0) {
            main.putComplexes(data, cell, r.data() != null ? r.data() : new float[2 * nvis]);
        }
        if (weightSpectrum >= 0) {
            main.putFloats(weightSpectrum, cell, r.weightSpectrum() != null ? r.weightSpectrum() : ones(nvis));
        }
        return main.endRow();
    }

    public long rowCount() {
        return main.rowCount();
    }

    /** Finishes the main table. */
    @Override
    public void close() {
        main.close();
    }

    /** Abandons the MS: its directory is deleted. */
    public void abort() {
        main.abort();
    }

    private static boolean allTrue(boolean[] b) {
        for (boolean v : b) {
            if (!v) {
                return false;
            }
        }
        return b.length > 0;
    }

    private static float[] ones(int n) {
        float[] f = new float[n];
        Arrays.fill(f, 1f);
        return f;
    }
}
