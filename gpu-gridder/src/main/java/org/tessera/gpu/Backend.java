package org.tessera.gpu;

/** Which gridder runs: the CPU WGridder or the CUDA one. */
public enum Backend {
    CPU,
    GPU
}
