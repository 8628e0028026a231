package org.tessera.partition;

import org.tessera.casacore.CasacoreException;
import org.tessera.casacore.ms.DataDescription;
import org.tessera.casacore.ms.MeasurementSet;
import org.tessera.casacore.table.ColumnDesc;
import org.tessera.casacore.table.DataType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Bytes a main-table row takes in a written sub-MS (StandardStMan, direct arrays), per
 * data description: enough to plan parts of a maximum size before writing them.
 */
final class RowSizeEstimator {
    /** casacore's largest advised StandardStMan bucket. */
    private static final long LARGEST_BUCKET = 32768;
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

    /**
     * Bytes of a sub-MS besides its rows: the subtables (copied as they are), the main
     * table.dat and table.info, the StandardStMan header, its index and a last partly
     * filled bucket (casacore's largest advised bucket).
     */
    static long fixedBytes(MeasurementSet ms) {
        long bytes = 0;
        for (String name : ms.mainTable().subtableNames()) {
            Path dir = ms.path().resolve(name);
            if (Files.isDirectory(dir)) {
                bytes += Partitioner.directorySize(dir);
            }
        }
        Path dat = ms.path().resolve("table.dat");
        try {
            bytes += Files.size(dat) + 4096;
        } catch (IOException e) {
            throw new CasacoreException(dat, "cannot read its size: " + e.getMessage(), e);
        }
        return bytes + 512 + 16 + 2 * LARGEST_BUCKET;
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
        // Variable-shape arrays go to the indirect array file: an offset in the bucket, then ndim,
        // shape and values aligned to 8 bytes.
        long indirect = c.isFixedShape() ? 0 : 8 + 4 + 4L * Math.max(1, c.ndim()) + 7;
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
        return (values * elementBits + 7) / 8 + indirect;
    }
}
