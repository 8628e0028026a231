#!/usr/bin/env bash
# Scaling benchmark: the in-process run, then K = 1, 2, 4, 8 partitions through the embedded
# services with ONE grid consumer (`tessera up --gridders 1`), so that grid tasks run one at a
# time and their seconds are solo times. bench/scaling_model.py then prints each stage's serial
# time, each task's seconds and bytes, and projects the wall time on K = 1..256 gridder machines.
#
#   bench/scaling.sh                               # the 47 M-visibility benchmark MS (made once, 578 MB)
#   MS=../shared/data/ms/mwa-pupa.ms IMAGING="-size 1024 1024 -scale 0.5amin -weight natural" bench/scaling.sh
#   KS="4 8" BY=w BANDWIDTH_MBS=1000 PARTITION_MBS=400 BENCH_DIR=/scratch/scaling bench/scaling.sh
#
# BY: -partition-by of the partitioned runs (default w). BANDWIDTH_MBS: the network bandwidth of
# the projection (MB/s per machine, default 1000 ≈ 10 GbE). PARTITION_MBS: also project with the
# partition stage at that rate instead of the measured one. The benchmark MS is made as
# bench/image-benchmark.sh makes it (MakeWideMs from mwa-pupa.ms, TIME_STEPS 60).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${BENCH_DIR:-/tmp/bench-scaling}"
ks="${KS:-1 2 4 8}"
by="${BY:-w}"
steps="${TIME_STEPS:-60}"
template="${TEMPLATE_MS:-$root/../shared/data/ms/mwa-pupa.ms}"
read -r -a imaging <<< "${IMAGING:--size 4096 4096 -scale 0.5amin -weight natural}"
export OPENBLAS_NUM_THREADS=1
java_opts="${TESSERA_JAVA_OPTS:--Xmx3g}"
source "$root/bench/timing.sh"

jar="$(private_jar)"
read -r -a tessera <<< "java --add-modules jdk.incubator.vector $java_opts -jar $jar"
ms="${MS:-}"
if [ -z "$ms" ]; then
  ms="$out/wide.ms"
  if [ ! -f "$ms/table.dat" ] || [ "$(cat "$out/wide.ms.steps" 2>/dev/null)" != "$steps" ]; then
    rm -rf "$ms"
    java -cp "$jar" org.tessera.imaging.simulation.MakeWideMs "$template" "$ms" "$steps"
    echo "$steps" > "$out/wide.ms.steps"
  fi
fi
ms="$(readlink -f "$ms")"   # a link would be tarred as a link
echo "MS $ms ($(du -sm "$ms" | cut -f1) MB), ${imaging[*]}, partitions ${ks} by $by, one grid consumer"

# in process: the reference wall time and its PSF + dirty ("image" stage) seconds
timed inprocess "${tessera[@]}" image "${imaging[@]}" -name "$out/inprocess" "$ms"

# the services, with one grid consumer, in a home of their own (stopped on exit)
export TESSERA_HOME="$out/home"
rm -rf "$TESSERA_HOME"
mkdir -p "$TESSERA_HOME"
"${tessera[@]}" up --gridders 1 --http-port 0 > "$out/up.log" 2>&1 &
up_pid=$!
trap 'kill "$up_pid" 2>/dev/null; wait "$up_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  grep -q "job pages on" "$out/up.log" && break
  kill -0 "$up_pid" 2>/dev/null || { cat "$out/up.log"; exit 1; }
  sleep 1
done
for k in $ks; do
  timed "k$k" "${tessera[@]}" image "${imaging[@]}" -partitions "$k" -partition-by "$by" -name "$out/k$k" "$ms"
done
kill "$up_pid"
wait "$up_pid" 2>/dev/null || true
trap - EXIT

python3 "$root/bench/scaling_model.py" "$out" "$ms" $ks | tee "$out/scaling.txt"
