package org.tessera.casacore.write;

/**
 * Bool values as casacore stores them (Conversion::boolToBit): one bit each, least
 * significant bit first, continuing across bytes.
 */
final class BitPacking {
    private BitPacking() {
    }

    static byte[] pack(boolean[] values) {
        byte[] out = new byte[(values.length + 7) / 8];
        pack(values, 0, values.length, out, 0, 0);
        return out;
    }

    /** Sets n bits of dest starting at bit startBit of byte destOffset; other bits are kept. */
    static void pack(boolean[] values, int from, int n, byte[] dest, int destOffset, long startBit) {
        for (int i = 0; i < n; i++) {
            long bit = startBit + i;
            int idx = destOffset + (int) (bit >>> 3);
            int mask = 1 << (int) (bit & 7);
            if (values[from + i]) {
                dest[idx] |= (byte) mask;
            } else {
                dest[idx] &= (byte) ~mask;
            }
        }
    }
}
