#!/usr/bin/env bash
# The GPU checks of issue 13 in one call, on a machine with only the NVIDIA driver (the bundle
# brings its Java runtime, jars and kernels). Made by bench/gpu-bundle.sh; on a lent device:
#   bash .gpu-bundle/run-gpu-checks.sh            # results under $OUT (else under the bundle)
#   bash .gpu-bundle/run-gpu-checks.sh RESULTS    # results under RESULTS
# Writes run.log, checks.log and results.tsv; prints a table last. Without a usable GPU: one line,
# exit 2. Exit 1 when a check fails. SIM_SAMPLES (120 M) and WIDE_STEPS (60: 47 M visibilities)
# size the throughput and end-to-end checks; the whole run is cut at CHECKS_TIMEOUT_S (340 s).
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
results="${1:-${OUT:-$here/results}}"
java="$here/jre/bin/java"
cp="$here/lib/*"
for d in /usr/local/nvidia/lib64 /usr/lib/x86_64-linux-gnu /usr/lib64; do
    [ -d "$d" ] && export LD_LIBRARY_PATH="${LD_LIBRARY_PATH:+$LD_LIBRARY_PATH:}$d"
done
# The probe runs without the vector module so that a machine without a GPU prints one line only.
probe="$("$java" -cp "$cp" org.tessera.gpu.GpuChecks --probe 2>&1)"
rc=$?
if [ "$rc" -ne 0 ]; then
    echo "$probe" | tail -n 1
    exit 2
fi
mkdir -p "$results"
work="$(mktemp -d /tmp/gpu-checks.XXXXXX)"
trap 'rm -rf "$work"' EXIT
tar -xzf "$here/data/template.ms.tar.gz" -C "$work"
mem_kb="$(awk '/MemTotal/ {print $2}' /proc/meminfo)"
heap_mb=$(( mem_kb * 3 / 4 / 1024 ))
nvidia-smi > "$results/nvidia-smi.txt" 2>&1 || true
timeout "${CHECKS_TIMEOUT_S:-340}" "$java" --add-modules jdk.incubator.vector -Xmx${heap_mb}m \
    -Dtessera.checks.work="$work" -cp "$cp" org.tessera.gpu.GpuChecks "$results" "$work/template.ms" \
    "${SIM_SAMPLES:-120000000}" "${WIDE_STEPS:-60}" 2>&1 | tee "$results/run.log"
exit "${PIPESTATUS[0]}"
