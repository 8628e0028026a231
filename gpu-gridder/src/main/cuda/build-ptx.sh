#!/usr/bin/env bash
# Compiles every src/main/cuda/*.cu into the given output folder (run by Maven's
# generate-resources phase), three forms per module:
#   NAME.ptx         PTX for compute_75, the oldest target nvcc 13 accepts (any driver >= R580 JITs it)
#   NAME.sm90.ptx    PTX for compute_90 (Hopper features, e.g. vector atomics), JIT on cc >= 9.0
#   NAME.sm90.fatbin sm_90 machine code plus the compute_90 PTX: an H100/H200 loads it without JIT
# ptxas's -v report (registers, spills, shared memory per kernel) for sm_90 goes to ptxas-sm90.txt.
set -euo pipefail
src="$(cd "$(dirname "$0")" && pwd)"
out="$1"
nvcc="${NVCC:-nvcc}"
if ! command -v "$nvcc" >/dev/null 2>&1; then
    echo "gpu-gridder: nvcc not found (looked for '$nvcc' on PATH); install the CUDA toolkit" \
         "or set NVCC=/path/to/nvcc. The PTX kernels are built at build time and are not committed." >&2
    exit 1
fi
mkdir -p "$out"
report="$out/ptxas-sm90.txt"
: > "$report"
pids=()
for cu in "$src"/*.cu; do
    name="$(basename "$cu" .cu)"
    "$nvcc" -arch=compute_75 -ptx -O3 -I "$src" "$cu" -o "$out/$name.ptx" &
    pids+=($!)
    "$nvcc" -arch=compute_90 -ptx -O3 -I "$src" "$cu" -o "$out/$name.sm90.ptx" &
    pids+=($!)
    "$nvcc" -gencode=arch=compute_90,code=[sm_90,compute_90] -fatbin -O3 -Xptxas -v -I "$src" "$cu" \
        -o "$out/$name.sm90.fatbin" 2> "$out/$name.ptxas.txt" &
    pids+=($!)
done
for p in "${pids[@]}"; do
    wait "$p"
done
for cu in "$src"/*.cu; do
    name="$(basename "$cu" .cu)"
    cat "$out/$name.ptxas.txt" >> "$report"
    rm -f "$out/$name.ptxas.txt"
done
