#!/usr/bin/env bash
# Full CLEAN benchmark: Tessera against WSClean (wgridder) on the wide-field MS of
# bench/image-benchmark.sh (128 MWA antennas, 24 channels, 60 time steps, 47 M visibilities),
# 4096² at 0.5amin, natural weighting, -niter 10000 -mgain 0.8 -auto-threshold 3, back to back
# under /usr/bin/time -v. Prints wall time, max RSS, iterations, major cycles, stop reason and
# the time split of each.
#
#   bench/clean-benchmark.sh
#   REPEATS=2 TESSERA_JAVA_OPTS=-Xmx3g TESSERA_JAR=/tmp/tessera.jar bench/clean-benchmark.sh
#
# BENCH_MS: the MS (default /tmp/bench-image/wide.ms, built as image-benchmark.sh builds it when
# absent); OUT_DIR: outputs and the copy of the MS WSClean writes into (default /tmp/bench-clean).
# The heap defaults to 3 GB: with -Xmx2g the first major cycle's predict runs out of heap at 4096².
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ms="${BENCH_MS:-/tmp/bench-image/wide.ms}"
out="${OUT_DIR:-/tmp/bench-clean}"
steps="${TIME_STEPS:-60}"
repeats="${REPEATS:-1}"
template="${TEMPLATE_MS:-$root/../shared/data/ms/mwa-pupa.ms}"
export OPENBLAS_NUM_THREADS=1
export TESSERA_JAVA_OPTS="${TESSERA_JAVA_OPTS:--Xmx3g}"
args=(-size 4096 4096 -scale 0.5amin -weight natural -niter 10000 -mgain 0.8 -auto-threshold 3)

# TESSERA_JAR: use that jar instead (e.g. one built from `git archive HEAD`).
source "$root/bench/timing.sh"
jar="$(private_jar)"
if [ ! -f "$ms/table.dat" ]; then
  java -cp "$jar" org.tessera.imaging.simulation.MakeWideMs "$template" "$ms" "$steps"
fi


# wall seconds and max RSS in MB from a /usr/bin/time -v report
time_figures() {
  awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i] }
              /Maximum resident set size/ { rss = $2 }
              END { printf "%.1f s wall, %.0f MB max RSS", s, rss / 1024 }' "$1"
}

echo "MS: $ms; jar: $jar; TESSERA_JAVA_OPTS=$TESSERA_JAVA_OPTS; $(nproc) cores"
for r in $(seq 1 "$repeats"); do
  echo "run $r: load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  rm -f "$out/t-$r"-*.fits
  timed "t-$r" java --add-modules jdk.incubator.vector $TESSERA_JAVA_OPTS -jar "$jar" image "${args[@]}" -name "$out/t-$r" "$ms"
  echo "  tessera: $(time_figures "$out/t-$r.time"); load after: $(cut -d' ' -f1-3 /proc/loadavg)"
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$out/t-$r.time")
  /usr/bin/python3 - "$out/t-$r-summary.json" "$wall" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
stages = s["stageSeconds"]
print(f"    iterations {s['iterationsDone']}, major cycles {s['majorCyclesDone']}, "
      f"stop {s['stopCode']} ({s['stopWords']})")
print("    stages (s): " + ", ".join(f"{k} {v:.1f}" for k, v in stages.items()))
# Imager's stages leave out the minor cycles (and the residual statistics before each).
print(f"    not in stages (minor cycles, residual statistics, JVM start): {float(sys.argv[2]) - sum(stages.values()):.1f} s")
for c in s["cycles"]:
    after = c["peakResidualAfterMajor"]
    print(f"    minor cycle {c['majorCycle']}: {c['iterations']} iterations, peak {c['peakResidualBefore']:.4g} -> "
          f"{c['peakResidualAfter']:.4g} (after major {after if after is None else format(after, '.4g')}), "
          f"threshold {c['cycleThreshold']:.4g}, {c['minorStopWords']}")
PY

  rm -rf "$out/wide-w.ms" && cp -r "$ms" "$out/wide-w.ms"   # WSClean writes into its MS
  echo "run $r: load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  timed "w-$r" wsclean -use-wgridder "${args[@]}" -name "$out/w-$r" "$out/wide-w.ms"
  echo "  wsclean: $(time_figures "$out/w-$r.time"); load after: $(cut -d' ' -f1-3 /proc/loadavg)"
  iterations=$(grep -o 'Performed [0-9]* iterations in total' "$out/w-$r.log" | tail -n 1 | awk '{ print $2 }')
  majors=$(grep -o '^[0-9]* major iterations were performed' "$out/w-$r.log" | awk '{ print $1 }')
  echo "    iterations ${iterations:-?}, major cycles ${majors:-?}, stop: $(grep 'Stopped on peak' "$out/w-$r.log" | tail -n 1)"
  echo "    $(grep -E '^Inversion: ' "$out/w-$r.log" | tail -n 1)"
  rm -rf "$out/wide-w.ms"
done
