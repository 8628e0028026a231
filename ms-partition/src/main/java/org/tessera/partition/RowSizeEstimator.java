package org.tessera.partition;

import org.tessera.casacore.ms.DataDescription;
import org.tessera.casacore.ms.MeasurementSet;
import org.tessera.casacore.table.ColumnDesc;
import org.tessera.casacore.table.DataType;

/**
 * Bytes a main-table row takes in a written sub-MS (StandardStMan, direct arrays), per
 * data description: enough to plan parts of a maximum size before writing them.
 */
final class RowSizeEstimator {
    private final long[] bytesByDataDescription;

    RowSizeEstimator(MeasurementSet ms) {
        bytesByDataDescription = new long[Math.max(1, ms.dataDescriptions().size())];
        for (DataDescription dd : ms.dataDescriptions()) {
            int ncorr = ms.polarizations().get(dd.polarizationId()).correlations();
            int nchan = ms.spectralWindows().get(dd.spectralWindowId()).channels();
            long bytes = 0;
            for (ColumnDesc c : ms.mainTable().desc().columns()) {
                bytes += cellBytes(c, ncorr, nchan);
            }
            bytesByDataDescription[dd.id()] = bytes;
        }
    }

    long bytes(int dataDescriptionId) {
        return dataDescriptionId >= 0 && dataDescriptionId < bytesByDataDescription.length
                ? bytesByDataDescription[dataDescriptionId] : bytesByDataDescription[0];
    }

    private static long cellBytes(ColumnDesc c, int ncorr, int nchan) {
        DataType element = c.dataType();
        long elementBits = element == DataType.TpBool ? 1 : 8L * Math.max(1, element.byteSize());
        if (!c.isArray()) {
            return element == DataType.TpString ? 12 : (elementBits + 7) / 8;
        }
        long values;
        if (c.shape().length > 0) {
            values = 1;
            for (int s : c.shape()) {
                values *= s;
            }
        } else if (c.ndim() == 1) {
            values = c.name().equals("UVW") ? 3 : ncorr;
        } else {
            values = (long) ncorr * nchan;
        }
        return (values * elementBits + 7) / 8;
    }
}
