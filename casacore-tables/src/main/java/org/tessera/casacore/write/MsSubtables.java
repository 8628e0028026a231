package org.tessera.casacore.write;

import java.nio.file.Path;
import java.util.function.Consumer;
import org.tessera.casacore.table.TableDesc;

/**
 * Writes the required subtables of a simulated MS from its {@link MsSetup}: one row per
 * antenna in ANTENNA and FEED, one field, one spectral window, one polarization setup, one
 * observation and processor; FLAG_CMD, HISTORY, POINTING and STATE stay empty.
 */
final class MsSubtables {
    private static final int TOPO = 5;

    private MsSubtables() {
    }

    static void writeAll(Path ms, MsSetup s) {
        write(ms, "ANTENNA", MsSchema.antenna(), w -> antenna(w, s));
        write(ms, "DATA_DESCRIPTION", MsSchema.dataDescription(), w -> {
            w.putInt(w.column("POLARIZATION_ID"), 0);
            w.putInt(w.column("SPECTRAL_WINDOW_ID"), 0);
            w.endRow();
        });
        write(ms, "FEED", MsSchema.feed(), w -> feed(w, s));
        write(ms, "FLAG_CMD", MsSchema.flagCmd(), w -> { });
        write(ms, "FIELD", MsSchema.field(), w -> field(w, s));
        write(ms, "HISTORY", MsSchema.history(), w -> { });
        write(ms, "OBSERVATION", MsSchema.observation(), w -> observation(w, s));
        write(ms, "POINTING", MsSchema.pointing(), w -> { });
        write(ms, "POLARIZATION", MsSchema.polarization(), w -> polarization(w, s));
        write(ms, "PROCESSOR", MsSchema.processor(), w -> {
            w.putString(w.column("TYPE"), "CORRELATOR");
            w.putInt(w.column("TYPE_ID"), -1);
            w.putInt(w.column("MODE_ID"), -1);
            w.endRow();
        });
        write(ms, "SPECTRAL_WINDOW", MsSchema.spectralWindow(), w -> spectralWindow(w, s));
        write(ms, "STATE", MsSchema.state(), w -> { });
    }

    private static void write(Path ms, String name, TableDesc desc, Consumer<TableWriter> rows) {
        TableWriter w = TableWriter.create(ms.resolve(name), desc);
        try {
            rows.accept(w);
        } catch (RuntimeException e) {
            w.abort();
            throw e;
        }
        w.close();
    }

    private static void antenna(TableWriter w, MsSetup s) {
        for (MsSetup.Antenna a : s.antennas()) {
            w.putDoubles(w.column("OFFSET"), new int[] {3}, new double[3]);
            w.putDoubles(w.column("POSITION"), new int[] {3}, a.position());
            w.putString(w.column("TYPE"), "GROUND-BASED");
            w.putDouble(w.column("DISH_DIAMETER"), a.dishDiameter());
            w.putString(w.column("MOUNT"), "ALT-AZ");
            w.putString(w.column("NAME"), a.name());
            w.putString(w.column("STATION"), a.station());
            w.endRow();
        }
    }

    private static void feed(TableWriter w, MsSetup s) {
        boolean circular = s.corrTypes()[0] >= 5 && s.corrTypes()[0] <= 8;
        String[] receptors = circular ? new String[] {"R", "L"} : new String[] {"X", "Y"};
        for (int ant = 0; ant < s.antennas().size(); ant++) {
            w.putDoubles(w.column("POSITION"), new int[] {3}, new double[3]);
            w.putDoubles(w.column("BEAM_OFFSET"), new int[] {2, 2}, new double[4]);
            w.putStrings(w.column("POLARIZATION_TYPE"), new int[] {2}, receptors);
            w.putComplexes(w.column("POL_RESPONSE"), new int[] {2, 2}, new float[] {1, 0, 0, 0, 0, 0, 1, 0});
            w.putDoubles(w.column("RECEPTOR_ANGLE"), new int[] {2}, new double[] {0, Math.PI / 2});
            w.putInt(w.column("ANTENNA_ID"), ant);
            w.putInt(w.column("BEAM_ID"), -1);
            w.putInt(w.column("FEED_ID"), 0);
            w.putDouble(w.column("INTERVAL"), s.endTime() - s.startTime());
            w.putInt(w.column("NUM_RECEPTORS"), 2);
            w.putInt(w.column("SPECTRAL_WINDOW_ID"), -1);
            w.putDouble(w.column("TIME"), 0.5 * (s.startTime() + s.endTime()));
            w.endRow();
        }
    }

    private static void field(TableWriter w, MsSetup s) {
        double[] dir = {s.phaseCentreRa(), s.phaseCentreDec()};
        int[] shape = {2, 1};
        w.putDoubles(w.column("DELAY_DIR"), shape, dir);
        w.putDoubles(w.column("PHASE_DIR"), shape, dir);
        w.putDoubles(w.column("REFERENCE_DIR"), shape, dir);
        w.putString(w.column("CODE"), "");
        w.putString(w.column("NAME"), s.fieldName());
        w.putInt(w.column("SOURCE_ID"), -1);
        w.putDouble(w.column("TIME"), s.startTime());
        w.endRow();
    }

    private static void observation(TableWriter w, MsSetup s) {
        w.putDoubles(w.column("TIME_RANGE"), new int[] {2}, new double[] {s.startTime(), s.endTime()});
        w.putStrings(w.column("LOG"), new int[] {0}, new String[0]);
        w.putStrings(w.column("SCHEDULE"), new int[] {0}, new String[0]);
        w.putString(w.column("OBSERVER"), "tessera");
        w.putString(w.column("PROJECT"), "simulation");
        w.putDouble(w.column("RELEASE_DATE"), s.startTime());
        w.putString(w.column("SCHEDULE_TYPE"), "");
        w.putString(w.column("TELESCOPE_NAME"), s.telescopeName());
        w.endRow();
    }

    private static void polarization(TableWriter w, MsSetup s) {
        int n = s.ncorr();
        int[] product = new int[2 * n];
        for (int i = 0; i < n; i++) {
            // Stokes codes RR..LL (5-8) and XX..YY (9-12) enumerate receptor pairs (0,0) (0,1) (1,0) (1,1).
            int t = s.corrTypes()[i];
            int k = t >= 5 && t <= 12 ? (t - 5) % 4 : 0;
            product[2 * i] = k / 2;
            product[2 * i + 1] = k % 2;
        }
        w.putInts(w.column("CORR_TYPE"), new int[] {n}, s.corrTypes());
        w.putInts(w.column("CORR_PRODUCT"), new int[] {2, n}, product);
        w.putInt(w.column("NUM_CORR"), n);
        w.endRow();
    }

    private static void spectralWindow(TableWriter w, MsSetup s) {
        int n = s.nchan();
        double[] width = new double[n];
        java.util.Arrays.fill(width, s.channelWidth());
        double[] freqs = s.channelFrequencies();
        w.putInt(w.column("MEAS_FREQ_REF"), TOPO);
        w.putDoubles(w.column("CHAN_FREQ"), new int[] {n}, freqs);
        w.putDouble(w.column("REF_FREQUENCY"), freqs[0]);
        w.putDoubles(w.column("CHAN_WIDTH"), new int[] {n}, width);
        w.putDoubles(w.column("EFFECTIVE_BW"), new int[] {n}, width);
        w.putDoubles(w.column("RESOLUTION"), new int[] {n}, width);
        w.putString(w.column("NAME"), "SPW0");
        w.putInt(w.column("NET_SIDEBAND"), 1);
        w.putInt(w.column("NUM_CHAN"), n);
        w.putDouble(w.column("TOTAL_BANDWIDTH"), Math.abs(s.channelWidth()) * n);
        w.endRow();
    }
}
