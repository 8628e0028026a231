package org.tessera.testsupport;

/** python-casacore, the reference reader that the table, MS and command-line tests compare against. */
public final class PythonCasacore {
    private PythonCasacore() {
    }

    /** Skips the test unless /usr/bin/python3 imports casacore.tables (and numpy, which every check uses). */
    public static void assumeInstalled() {
        Python.assumeModules("casacore.tables, numpy", "python-casacore: apt-get install python3-casacore");
    }
}
