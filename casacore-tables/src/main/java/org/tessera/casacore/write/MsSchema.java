package org.tessera.casacore.write;

import static org.tessera.casacore.table.DataType.TpBool;
import static org.tessera.casacore.table.DataType.TpComplex;
import static org.tessera.casacore.table.DataType.TpDouble;
import static org.tessera.casacore.table.DataType.TpFloat;
import static org.tessera.casacore.table.DataType.TpInt;
import static org.tessera.casacore.table.DataType.TpString;

import java.util.ArrayList;
import java.util.List;
import org.tessera.casacore.table.ArrayValue;
import org.tessera.casacore.table.ColumnDesc;
import org.tessera.casacore.table.DataType;
import org.tessera.casacore.table.TableDesc;
import org.tessera.casacore.table.TableRecord;

/**
 * Table descriptions of a MeasurementSet v2 (main table and required subtables) with the
 * QuantumUnits / MEASINFO column keywords casacore's MS classes define and validate
 * ({@code ms/MeasurementSets/MS*Enums.h}, as {@code default_ms} creates them).
 */
public final class MsSchema {
    /** The subtables an MS v2 must have, in the order casacore lists them. */
    public static final List<String> REQUIRED_SUBTABLES = List.of("ANTENNA", "DATA_DESCRIPTION", "FEED",
            "FLAG_CMD", "FIELD", "HISTORY", "OBSERVATION", "POINTING", "POLARIZATION", "PROCESSOR",
            "SPECTRAL_WINDOW", "STATE");

    private MsSchema() {
    }

    /**
     * The main table: required columns, with fixed shapes where the builder knows them
     * (UVW [3], WEIGHT/SIGMA [ncorr], FLAG/DATA/WEIGHT_SPECTRUM [ncorr, nchan]).
     */
    public static TableDesc main(int ncorr, int nchan, boolean withData, boolean withWeightSpectrum) {
        int[] cell = {ncorr, nchan};
        int[] corr = {ncorr};
        List<ColumnDesc> c = new ArrayList<>();
        c.add(ColumnDescs.fixedArray("UVW", TpDouble, new int[] {3}, measure("uvw", "ITRF", "m", "m", "m")));
        c.add(ColumnDescs.fixedArray("FLAG", TpBool, cell));
        c.add(ColumnDescs.array("FLAG_CATEGORY", TpBool, 3, RecordBuilder.create().addStrings("CATEGORY").build()));
        c.add(ColumnDescs.fixedArray("WEIGHT", TpFloat, corr));
        c.add(ColumnDescs.fixedArray("SIGMA", TpFloat, corr));
        for (String name : List.of("ANTENNA1", "ANTENNA2", "ARRAY_ID", "DATA_DESC_ID")) {
            c.add(ColumnDescs.scalar(name, TpInt));
        }
        c.add(ColumnDescs.scalar("EXPOSURE", TpDouble, units("s")));
        for (String name : List.of("FEED1", "FEED2", "FIELD_ID")) {
            c.add(ColumnDescs.scalar(name, TpInt));
        }
        c.add(ColumnDescs.scalar("FLAG_ROW", TpBool));
        c.add(ColumnDescs.scalar("INTERVAL", TpDouble, units("s")));
        for (String name : List.of("OBSERVATION_ID", "PROCESSOR_ID", "SCAN_NUMBER", "STATE_ID")) {
            c.add(ColumnDescs.scalar(name, TpInt));
        }
        c.add(ColumnDescs.scalar("TIME", TpDouble, epoch()));
        c.add(ColumnDescs.scalar("TIME_CENTROID", TpDouble, epoch()));
        if (withData) {
            c.add(ColumnDescs.fixedArray("DATA", TpComplex, cell));
        }
        if (withWeightSpectrum) {
            c.add(ColumnDescs.fixedArray("WEIGHT_SPECTRUM", TpFloat, cell));
        }
        RecordBuilder kw = RecordBuilder.create().addDouble("MS_VERSION", 2.0);
        for (String s : REQUIRED_SUBTABLES) {
            kw.addSubtable(s);
        }
        return desc(kw.build(), c);
    }

    public static TableDesc antenna() {
        return desc(List.of(
                ColumnDescs.fixedArray("OFFSET", TpDouble, new int[] {3}, measure("position", "ITRF", "m", "m", "m")),
                ColumnDescs.fixedArray("POSITION", TpDouble, new int[] {3}, measure("position", "ITRF", "m", "m", "m")),
                ColumnDescs.scalar("TYPE", TpString),
                ColumnDescs.scalar("DISH_DIAMETER", TpDouble, units("m")),
                ColumnDescs.scalar("FLAG_ROW", TpBool),
                ColumnDescs.scalar("MOUNT", TpString),
                ColumnDescs.scalar("NAME", TpString),
                ColumnDescs.scalar("STATION", TpString)));
    }

    public static TableDesc dataDescription() {
        return desc(List.of(
                ColumnDescs.scalar("FLAG_ROW", TpBool),
                ColumnDescs.scalar("POLARIZATION_ID", TpInt),
                ColumnDescs.scalar("SPECTRAL_WINDOW_ID", TpInt)));
    }

    public static TableDesc feed() {
        return desc(List.of(
                ColumnDescs.fixedArray("POSITION", TpDouble, new int[] {3}, measure("position", "ITRF", "m", "m", "m")),
                ColumnDescs.array("BEAM_OFFSET", TpDouble, 2, measure("direction", "J2000", "rad", "rad")),
                ColumnDescs.array("POLARIZATION_TYPE", TpString, 1),
                ColumnDescs.array("POL_RESPONSE", TpComplex, 2),
                ColumnDescs.array("RECEPTOR_ANGLE", TpDouble, 1, units("rad")),
                ColumnDescs.scalar("ANTENNA_ID", TpInt),
                ColumnDescs.scalar("BEAM_ID", TpInt),
                ColumnDescs.scalar("FEED_ID", TpInt),
                ColumnDescs.scalar("INTERVAL", TpDouble, units("s")),
                ColumnDescs.scalar("NUM_RECEPTORS", TpInt),
                ColumnDescs.scalar("SPECTRAL_WINDOW_ID", TpInt),
                ColumnDescs.scalar("TIME", TpDouble, epoch())));
    }

    public static TableDesc field() {
        return desc(List.of(
                ColumnDescs.array("DELAY_DIR", TpDouble, 2, measure("direction", "J2000", "rad", "rad")),
                ColumnDescs.array("PHASE_DIR", TpDouble, 2, measure("direction", "J2000", "rad", "rad")),
                ColumnDescs.array("REFERENCE_DIR", TpDouble, 2, measure("direction", "J2000", "rad", "rad")),
                ColumnDescs.scalar("CODE", TpString),
                ColumnDescs.scalar("FLAG_ROW", TpBool),
                ColumnDescs.scalar("NAME", TpString),
                ColumnDescs.scalar("NUM_POLY", TpInt),
                ColumnDescs.scalar("SOURCE_ID", TpInt),
                ColumnDescs.scalar("TIME", TpDouble, epoch())));
    }

    public static TableDesc flagCmd() {
        return desc(List.of(
                ColumnDescs.scalar("APPLIED", TpBool),
                ColumnDescs.scalar("COMMAND", TpString),
                ColumnDescs.scalar("INTERVAL", TpDouble, units("s")),
                ColumnDescs.scalar("LEVEL", TpInt),
                ColumnDescs.scalar("REASON", TpString),
                ColumnDescs.scalar("SEVERITY", TpInt),
                ColumnDescs.scalar("TIME", TpDouble, epoch()),
                ColumnDescs.scalar("TYPE", TpString)));
    }

    public static TableDesc history() {
        return desc(List.of(
                ColumnDescs.array("APP_PARAMS", TpString, 1),
                ColumnDescs.array("CLI_COMMAND", TpString, 1),
                ColumnDescs.scalar("APPLICATION", TpString),
                ColumnDescs.scalar("MESSAGE", TpString),
                ColumnDescs.scalar("OBJECT_ID", TpInt),
                ColumnDescs.scalar("OBSERVATION_ID", TpInt),
                ColumnDescs.scalar("ORIGIN", TpString),
                ColumnDescs.scalar("PRIORITY", TpString),
                ColumnDescs.scalar("TIME", TpDouble, epoch())));
    }

    public static TableDesc observation() {
        return desc(List.of(
                ColumnDescs.fixedArray("TIME_RANGE", TpDouble, new int[] {2}, epoch()),
                ColumnDescs.array("LOG", TpString, 1),
                ColumnDescs.array("SCHEDULE", TpString, 1),
                ColumnDescs.scalar("FLAG_ROW", TpBool),
                ColumnDescs.scalar("OBSERVER", TpString),
                ColumnDescs.scalar("PROJECT", TpString),
                ColumnDescs.scalar("RELEASE_DATE", TpDouble, epoch()),
                ColumnDescs.scalar("SCHEDULE_TYPE", TpString),
                ColumnDescs.scalar("TELESCOPE_NAME", TpString)));
    }

    public static TableDesc pointing() {
        return desc(List.of(
                ColumnDescs.array("DIRECTION", TpDouble, 2, measure("direction", "J2000", "rad", "rad")),
                ColumnDescs.scalar("ANTENNA_ID", TpInt),
                ColumnDescs.scalar("INTERVAL", TpDouble, units("s")),
                ColumnDescs.scalar("NAME", TpString),
                ColumnDescs.scalar("NUM_POLY", TpInt),
                ColumnDescs.array("TARGET", TpDouble, -1, measure("direction", "J2000", "rad", "rad")),
                ColumnDescs.scalar("TIME", TpDouble, epoch()),
                ColumnDescs.scalar("TIME_ORIGIN", TpDouble, epoch()),
                ColumnDescs.scalar("TRACKING", TpBool)));
    }

    public static TableDesc polarization() {
        return desc(List.of(
                ColumnDescs.array("CORR_TYPE", TpInt, 1),
                ColumnDescs.array("CORR_PRODUCT", TpInt, 2),
                ColumnDescs.scalar("FLAG_ROW", TpBool),
                ColumnDescs.scalar("NUM_CORR", TpInt)));
    }

    public static TableDesc processor() {
        return desc(List.of(
                ColumnDescs.scalar("FLAG_ROW", TpBool),
                ColumnDescs.scalar("MODE_ID", TpInt),
                ColumnDescs.scalar("TYPE", TpString),
                ColumnDescs.scalar("TYPE_ID", TpInt),
                ColumnDescs.scalar("SUB_TYPE", TpString)));
    }

    public static TableDesc spectralWindow() {
        return desc(List.of(
                ColumnDescs.scalar("MEAS_FREQ_REF", TpInt),
                ColumnDescs.array("CHAN_FREQ", TpDouble, 1, frequency()),
                ColumnDescs.scalar("REF_FREQUENCY", TpDouble, frequency()),
                ColumnDescs.array("CHAN_WIDTH", TpDouble, 1, units("Hz")),
                ColumnDescs.array("EFFECTIVE_BW", TpDouble, 1, units("Hz")),
                ColumnDescs.array("RESOLUTION", TpDouble, 1, units("Hz")),
                ColumnDescs.scalar("FLAG_ROW", TpBool),
                ColumnDescs.scalar("FREQ_GROUP", TpInt),
                ColumnDescs.scalar("FREQ_GROUP_NAME", TpString),
                ColumnDescs.scalar("IF_CONV_CHAIN", TpInt),
                ColumnDescs.scalar("NAME", TpString),
                ColumnDescs.scalar("NET_SIDEBAND", TpInt),
                ColumnDescs.scalar("NUM_CHAN", TpInt),
                ColumnDescs.scalar("TOTAL_BANDWIDTH", TpDouble, units("Hz"))));
    }

    public static TableDesc state() {
        return desc(List.of(
                ColumnDescs.scalar("CAL", TpDouble, units("K")),
                ColumnDescs.scalar("FLAG_ROW", TpBool),
                ColumnDescs.scalar("LOAD", TpDouble, units("K")),
                ColumnDescs.scalar("OBS_MODE", TpString),
                ColumnDescs.scalar("REF", TpBool),
                ColumnDescs.scalar("SIG", TpBool),
                ColumnDescs.scalar("SUB_SCAN", TpInt)));
    }

    /** QuantumUnits keyword alone. */
    static TableRecord units(String... u) {
        return RecordBuilder.create().addStrings("QuantumUnits", u).build();
    }

    /** QuantumUnits plus a MEASINFO record with a fixed reference frame. */
    static TableRecord measure(String type, String ref, String... u) {
        TableRecord info = RecordBuilder.create().addString("type", type).addString("Ref", ref).build();
        return RecordBuilder.create().addStrings("QuantumUnits", u).addRecord("MEASINFO", info).build();
    }

    private static TableRecord epoch() {
        return measure("epoch", "UTC", "s");
    }

    /** Frequencies whose frame is given per row by MEAS_FREQ_REF, as casacore defines them. */
    private static TableRecord frequency() {
        String[] types = {"REST", "LSRK", "LSRD", "BARY", "GEO", "TOPO", "GALACTO", "LGROUP", "CMB", "Undefined"};
        int[] codes = {0, 1, 2, 3, 4, 5, 6, 7, 8, 64};
        TableRecord info = RecordBuilder.create().addString("type", "frequency")
                .addString("VarRefCol", "MEAS_FREQ_REF")
                .add("TabRefTypes", DataType.TpArrayString, new ArrayValue(TpString, new int[] {types.length}, types))
                .add("TabRefCodes", DataType.TpArrayUInt, new ArrayValue(DataType.TpUInt, new int[] {codes.length}, codes))
                .build();
        return RecordBuilder.create().addStrings("QuantumUnits", "Hz").addRecord("MEASINFO", info).build();
    }

    private static TableDesc desc(List<ColumnDesc> columns) {
        return desc(TableRecord.empty(), columns);
    }

    private static TableDesc desc(TableRecord keywords, List<ColumnDesc> columns) {
        return new TableDesc("", "", "", keywords, TableRecord.empty(), columns);
    }
}
