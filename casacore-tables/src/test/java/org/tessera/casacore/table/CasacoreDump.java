package org.tessera.casacore.table;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tessera.testsupport.Python;

/**
 * Column values as python-casacore reads them, written by src/test/python/dump_columns.py
 * (format described there) and parsed back here.
 */
final class CasacoreDump {
    /** One cell: null when undefined; else dtype code, Fortran shape and values. */
    record Cell(char code, int[] shape, Object values) {
    }

    private CasacoreDump() {
    }

    /** Runs the dump script for the tables; table k lands in out/k. */
    static void run(Path out, List<Path> tables) {
        List<String> args = new ArrayList<>(List.of(out.toString()));
        tables.forEach(t -> args.add(t.toString()));
        Python.testScript("casacore-tables", "dump_columns.py", args.toArray(String[]::new)).runOk();
    }

    static List<Cell> read(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[4];
        b.get(magic);
        if (!new String(magic, StandardCharsets.US_ASCII).equals("TSDM")) {
            throw new IOException(file + ": not a column dump");
        }
        int nrow = b.getInt();
        List<Cell> cells = new ArrayList<>(nrow);
        for (int r = 0; r < nrow; r++) {
            if (b.get() == 0) {
                cells.add(null);
                continue;
            }
            char code = (char) b.get();
            int ndim = b.getInt();
            int[] shape = new int[ndim];
            int n = 1;
            for (int i = 0; i < ndim; i++) {
                shape[i] = b.getInt();
                n *= shape[i];
            }
            cells.add(new Cell(code, shape, values(b, code, n)));
        }
        return cells;
    }

    private static Object values(ByteBuffer b, char code, int n) {
        switch (code) {
            case 'b': {
                boolean[] v = new boolean[n];
                for (int i = 0; i < n; i++) {
                    v[i] = b.get() != 0;
                }
                return v;
            }
            case 'B': {
                byte[] v = new byte[n];
                b.get(v);
                return v;
            }
            case 'h':
            case 'H': {
                short[] v = new short[n];
                b.asShortBuffer().get(v);
                b.position(b.position() + 2 * n);
                return v;
            }
            case 'i':
            case 'I': {
                int[] v = new int[n];
                b.asIntBuffer().get(v);
                b.position(b.position() + 4 * n);
                return v;
            }
            case 'q': {
                long[] v = new long[n];
                b.asLongBuffer().get(v);
                b.position(b.position() + 8 * n);
                return v;
            }
            case 'f':
            case 'F': {
                int m = code == 'F' ? 2 * n : n;
                float[] v = new float[m];
                b.asFloatBuffer().get(v);
                b.position(b.position() + 4 * m);
                return v;
            }
            case 'd':
            case 'D': {
                int m = code == 'D' ? 2 * n : n;
                double[] v = new double[m];
                b.asDoubleBuffer().get(v);
                b.position(b.position() + 8 * m);
                return v;
            }
            case 'S':
            case 'R': {
                String[] v = new String[n];
                for (int i = 0; i < n; i++) {
                    byte[] s = new byte[b.getInt()];
                    b.get(s);
                    v[i] = new String(s, StandardCharsets.UTF_8);
                }
                return v;
            }
            default:
                throw new IllegalArgumentException("unknown dump code " + code);
        }
    }
}
