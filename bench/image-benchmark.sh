#!/usr/bin/env bash
# Wide-field imaging benchmark: Tessera against WSClean (wgridder) on the same >= 40 M-visibility
# MS, back to back in the same run, each under /usr/bin/time -v (wall time, max RSS).
#
#   bench/image-benchmark.sh                      # MS under /tmp/bench-image, kept for reruns
#   BENCH_DIR=/scratch REPEATS=2 CLEAN=1 bench/image-benchmark.sh
#
# Tessera runs as a user runs it: through ./tessera (its JVM options: the Vector API module, the
# heap settings), on a frozen copy of the jar (TESSERA_JAR). TESSERA_JAVA_OPTS (default none) adds
# JVM options, e.g. -Xmx2g.
#
# The MS: mwa-pupa.ms's 128 antennas (8128 baselines) and phase centre, 24 channels over
# 134-164 MHz, TIME_STEPS (60) 8 s integrations: 487680 rows, 11.7 M Stokes I samples,
# 46.8 M visibilities counting the 4 correlations (WSClean's "47 M"). CLEAN=1 also times
# -niter 10000 -mgain 0.8 -auto-threshold 3 on both; DIRTY=0 skips the dirty pair. TESSERA_POM picks
# the reactor POM to build with.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${BENCH_DIR:-/tmp/bench-image}"
steps="${TIME_STEPS:-60}"
repeats="${REPEATS:-2}"
template="${TEMPLATE_MS:-$root/../shared/data/ms/mwa-pupa.ms}"
jar="$root/tessera-cli/target/tessera.jar"
export OPENBLAS_NUM_THREADS=1
export TESSERA_JAVA_OPTS="${TESSERA_JAVA_OPTS:-}"
imaging=(-size 4096 4096 -scale 0.5amin -weight natural)
clean=(-niter 10000 -mgain 0.8 -auto-threshold 3)

# Build once, then run a copy of the jar so that no rebuild (here or by another build in the
# same tree) can fall inside a timing or change the code between runs.
# TESSERA_JAR: use that jar instead (e.g. one built from `git archive HEAD` while the tree is mid-edit).
# BASELINE_JAR: also time that jar (an earlier build) in every pair, between Tessera and WSClean,
# so that a change is measured against the code before it in the same run.
if [ -n "${TESSERA_JAR:-}" ]; then
  jar="$TESSERA_JAR"
else
  (cd "$root" && mvn -q -o -B -f "${TESSERA_POM:-pom.xml}" -DskipTests -pl tessera-cli -am package)
fi
mkdir -p "$dir"
cp "$jar" "$dir/tessera.jar"
jar="$dir/tessera.jar"
if [ -n "${BASELINE_JAR:-}" ]; then
  cp "$BASELINE_JAR" "$dir/baseline.jar"
fi
if [ ! -f "$dir/wide.ms/table.dat" ] || [ "$(cat "$dir/wide.ms.steps" 2>/dev/null)" != "$steps" ]; then
  rm -rf "$dir/wide.ms"
  java -cp "$jar" org.tessera.imaging.simulation.MakeWideMs "$template" "$dir/wide.ms" "$steps"
  echo "$steps" > "$dir/wide.ms.steps"
fi

# timed NAME CMD...: runs CMD under /usr/bin/time -v, leaves "wall_s max_rss_kb" in $dir/NAME.res
timed() {
  local name="$1"; shift
  /usr/bin/time -v "$@" > "$dir/$name.log" 2> "$dir/$name.time" || { tail -n 20 "$dir/$name.log" "$dir/$name.time"; exit 1; }
  awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i] }
              /Maximum resident set size/ { rss = $2 }
              END { printf "%.2f %d\n", s, rss }' "$dir/$name.time" > "$dir/$name.res"
}

# compare LABEL TESSERA_ARGS... -- WSCLEAN_ARGS...: one Tessera run and one WSClean run, back to back
compare() {
  local label="$1"; shift
  local targs=() wargs=()
  while [ "$1" != "--" ]; do targs+=("$1"); shift; done; shift
  wargs=("$@")
  rm -rf "$dir/wide-w.ms" && cp -r "$dir/wide.ms" "$dir/wide-w.ms"   # WSClean writes into its MS
  TESSERA_JAR="$jar" TESSERA_JAVA_OPTS="$TESSERA_JAVA_OPTS -Dtessera.gridder.verbose=true" \
    timed "t-$label" "$root/tessera" image "${targs[@]}" -name "$dir/t-$label" "$dir/wide.ms"
  if [ -n "${BASELINE_JAR:-}" ]; then
    TESSERA_JAR="$dir/baseline.jar" timed "b-$label" "$root/tessera" image "${targs[@]}" \
      -name "$dir/b-$label" "$dir/wide.ms"
    read -r bw br < "$dir/b-$label.res"
  fi
  timed "w-$label" wsclean -use-wgridder "${wargs[@]}" -name "$dir/w-$label" "$dir/wide-w.ms"
  read -r tw tr < "$dir/t-$label.res"
  read -r ww wr < "$dir/w-$label.res"
  printf '%-14s tessera %7.1f s %6.0f MB | wsclean %7.1f s %6.0f MB | time ratio %.2f, RSS ratio %.2f\n' \
    "$label" "$tw" "$((tr / 1024))" "$ww" "$((wr / 1024))" \
    "$(awk -v a="$tw" -v b="$ww" 'BEGIN { print a / b }')" "$(awk -v a="$tr" -v b="$wr" 'BEGIN { print a / b }')"
  if [ -n "${BASELINE_JAR:-}" ]; then
    printf '    baseline jar %7.1f s %6.0f MB | tessera / baseline: time %.2f, RSS %.2f\n' "$bw" "$((br / 1024))" \
      "$(awk -v a="$tw" -v b="$bw" 'BEGIN { print a / b }')" "$(awk -v a="$tr" -v b="$br" 'BEGIN { print a / b }')"
  fi
  grep -h '^grid ' "$dir/t-$label.time" | sed 's/^/    /' || true
  /usr/bin/python3 - "$dir/t-$label-summary.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))["stageSeconds"]
print("    tessera stages (s): " + ", ".join(f"{k} {v:.1f}" for k, v in s.items()))
PY
}

echo "MS: $dir/wide.ms ($steps time steps); load: $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq 1 "$repeats"); do
  if [ "${DIRTY:-1}" = 1 ]; then
    compare "dirty-$r" "${imaging[@]}" -niter 0 -- -make-psf "${imaging[@]}" -niter 0
  fi
  if [ "${CLEAN:-0}" = 1 ]; then
    compare "clean-$r" "${imaging[@]}" "${clean[@]}" -- "${imaging[@]}" "${clean[@]}"
  fi
done
rm -rf "$dir/wide-w.ms"
