package org.tessera.casacore.write;

import org.tessera.casacore.table.ArrayValue;
import org.tessera.casacore.table.DataType;

/**
 * A channel range [start, end) to keep; cuts it out of cells whose second axis is the channel axis
 * ([ncorr, nchan], [ncorr, nchan, ncat]) or whose only axis is (CHAN_FREQ and friends).
 */
public record ChannelSlicer(int start, int end) {
    public ChannelSlicer {
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("empty or negative channel range [" + start + ", " + end + ")");
        }
    }

    public int nchan() {
        return end - start;
    }

    /** Slices along the given axis (0 for 1-D spectra, 1 for correlation x channel cells). */
    ArrayValue slice(ArrayValue a, int axis) {
        int[] shape = a.shape();
        if (shape[axis] < end) {
            throw new IllegalArgumentException("channel range [" + start + ", " + end + ") exceeds the "
                    + shape[axis] + " channels of a cell");
        }
        long inner = 1;
        for (int i = 0; i < axis; i++) {
            inner *= shape[i];
        }
        long outer = a.size() / (inner * shape[axis]);
        int perElement = a.elementType() == DataType.TpComplex || a.elementType() == DataType.TpDComplex ? 2 : 1;
        int[] outShape = shape.clone();
        outShape[axis] = nchan();
        Object src = a.data();
        Object dst = java.lang.reflect.Array.newInstance(src.getClass().getComponentType(),
                (int) (outer * inner * nchan() * perElement));
        int block = (int) (inner * nchan() * perElement);
        for (long o = 0; o < outer; o++) {
            long from = (o * shape[axis] + start) * inner * perElement;
            System.arraycopy(src, (int) from, dst, (int) (o * block), block);
        }
        return new ArrayValue(a.elementType(), outShape, dst);
    }
}
