#!/usr/bin/env bash
# Compiles every src/main/cuda/*.cu to PTX in the given output folder (run by Maven's
# generate-resources phase). PTX for compute_75, the oldest target nvcc 13 accepts.
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
for cu in "$src"/*.cu; do
    name="$(basename "$cu" .cu)"
    "$nvcc" -arch=compute_75 -ptx -O3 -I "$src" "$cu" -o "$out/$name.ptx"
done
