#!/usr/bin/env bash
# Multiscale CLEAN benchmark: Tessera against WSClean -multiscale on the simulated extended field of the
# multiscale acceptance test (ExtendedField: 64 tiles, a point source and Gaussians 2, 4 and 9 beams wide),
# 256² at 0.5amin, briggs 0, -niter 20000 -mgain 0.8 -auto-threshold 3 -multiscale, both on all cores,
# back to back under /usr/bin/time -v, REPEATS times; Tessera as a user runs it (./tessera with its
# defaults, from a private copy; TESSERA_JAVA_OPTS passes JVM options, e.g. -Xmx2g as this benchmark used
# to; BASELINE_JAR with BASELINE_LAUNCHER also times an earlier build in each pair). Prints wall time,
# max RSS, iterations, major cycles,
# residual rms and the time ratio of each pair. SIZE=512 images the same MS on a larger field (the same
# pixel size), THREADS sets -j for both (default: all cores). BENCH_MS=../shared/data/ms/mwa-pupa.ms SIZE=1024
# SCALE=40asec times the Puppis A acceptance run instead.
#
#   bench/multiscale-benchmark.sh
#   REPEATS=3 OUT_DIR=/tmp/bench-ms bench/multiscale-benchmark.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${OUT_DIR:-/tmp/bench-multiscale}"
repeats="${REPEATS:-3}"
size="${SIZE:-256}"
threads="${THREADS:-$(nproc)}"
export OPENBLAS_NUM_THREADS=1
export TESSERA_JAVA_OPTS="${TESSERA_JAVA_OPTS:-}"
args=(-size "$size" "$size" -scale "${SCALE:-0.5amin}" -weight briggs 0 -niter 20000 -mgain 0.8 -auto-threshold 3 -multiscale -j "$threads")

# TESSERA_JAR: use that jar instead (e.g. one built from `git archive HEAD`).
source "$root/bench/timing.sh"
jar="$(private_jar)"
launcher="$(private_launcher "$jar")"
ms="${BENCH_MS:-$out/extended.ms}"
if [ ! -f "$ms/table.dat" ]; then
  java -cp "$jar" org.tessera.imaging.simulation.ExtendedField "$ms"
fi

wall() {
  awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$1"
}
rss_mb() {
  awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$1"
}
rms() {
  java -cp "$jar" org.tessera.cli.ImageRms "$1"
}

echo "MS: $ms (${size}²); jar: $jar; $threads threads; $(nproc) cores"
# the launcher's first image run writes its AppCDS archive at exit (about 1 s): not one of the timed runs
timed first "$launcher" image "${args[@]}" -name "$out/first" "$ms"
if [ -n "${BASELINE_JAR:-}" ]; then
  rm -rf "$out/baseline" && mkdir -p "$out/baseline/tessera-cli/target"
  cp "$BASELINE_LAUNCHER" "$out/baseline/tessera" && chmod +x "$out/baseline/tessera"
  cp "$BASELINE_JAR" "$out/baseline/tessera-cli/target/tessera.jar"
fi
for r in $(seq 1 "$repeats"); do
  rm -f "$out/t-$r"-*.fits "$out/w-$r"-*.fits
  echo "run $r: load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  timed "t-$r" "$launcher" image "${args[@]}" -name "$out/t-$r" "$ms"
  if [ -n "${BASELINE_JAR:-}" ]; then
    timed "b-$r" "$out/baseline/tessera" image "${args[@]}" -name "$out/b-$r" "$ms"
  fi
  rm -rf "$out/w.ms" && cp -r "$ms" "$out/w.ms"   # WSClean writes into its MS
  timed "w-$r" wsclean -use-wgridder -no-small-inversion "${args[@]}" -name "$out/w-$r" "$out/w.ms"
  t=$(wall "$out/t-$r.time"); w=$(wall "$out/w-$r.time")
  it=$(python3 -c "import json,sys; s=json.load(open(sys.argv[1])); print(s['iterationsDone'], 'iterations,', s['majorCyclesDone'], 'major cycles')" "$out/t-$r-summary.json")
  wit=$(grep -o '[0-9]* major iterations were performed' "$out/w-$r.log" | awk '{ print $1 }')
  wcomp=$(grep -o 'Total: [0-9]* components' "$out/w-$r.log" | tail -n 1 | awk '{ print $2 }')
  echo "  tessera: $t s, $(rss_mb "$out/t-$r.time") MB, $it, residual $(rms "$out/t-$r-residual.fits")"
  echo "  wsclean: $w s, $(rss_mb "$out/w-$r.time") MB, ${wcomp:-?} components in the last minor cycle's count, ${wit:-?} major cycles, residual $(rms "$out/w-$r-residual.fits")"
  awk -v t="$t" -v w="$w" 'BEGIN { printf "  time ratio Tessera / WSClean: %.2f\n", t / w }'
  if [ -n "${BASELINE_JAR:-}" ]; then
    b=$(wall "$out/b-$r.time")
    awk -v t="$t" -v b="$b" -v w="$w" -v m="$(rss_mb "$out/b-$r.time")" \
      'BEGIN { printf "  baseline: %s s, %s MB, time ratio to WSClean %.2f, Tessera / baseline %.2f\n", b, m, b / w, t / b }'
  fi
  python3 -c "import json,sys; s=json.load(open(sys.argv[1])); print('  tessera split (s):', ', '.join(f'{k} {v:.2f}' for k, v in s['stageSeconds'].items()), '| in the run', round(s['totals']['wallSeconds'], 2))" "$out/t-$r-summary.json"
done
