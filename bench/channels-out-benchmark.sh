#!/usr/bin/env bash
# -channels-out benchmark: Tessera against WSClean (wgridder), back to back in the same run, each under
# /usr/bin/time -v (wall time, max RSS), on a cube of the MWA layout (mwa-pupa.ms's 128 antennas and 24
# channels over 134-164 MHz, TIME_STEPS integrations, built by MakeWideMs as image-benchmark.sh builds its MS).
#
#   bench/channels-out-benchmark.sh                          # 8 time steps (1.3 M Stokes I samples), 1024², 4 groups
#   TIME_STEPS=60 SIZE=2048 CHANNELS_OUT=16 bench/channels-out-benchmark.sh   # nearer the issue's 47 M-visibility cube
#
# Two runs each (RUNS="dirty clean", the default): the dirty cube (PSF and dirty image of every group) and a
# cleaned cube (-niter 2000 -mgain 0.8 -auto-threshold 3, each group on its own). OUT_DIR: outputs (default
# /tmp/bench-channels-out). WSClean runs with its defaults otherwise (so its small inversion). Tessera runs as a
# user runs it: ./tessera with its defaults, from a private copy (TESSERA_JAVA_OPTS adds JVM options).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${OUT_DIR:-/tmp/bench-channels-out}"
steps="${TIME_STEPS:-8}"
size="${SIZE:-1024}"
groups="${CHANNELS_OUT:-4}"
template="${TEMPLATE_MS:-$root/../shared/data/ms/mwa-pupa.ms}"
export OPENBLAS_NUM_THREADS=1
export TESSERA_JAVA_OPTS="${TESSERA_JAVA_OPTS:-}"
imaging=(-size "$size" "$size" -scale 1amin -weight natural -channels-out "$groups")
clean=(-niter 2000 -mgain 0.8 -auto-threshold 3)

source "$root/bench/timing.sh"
jar="$(private_jar)"
launcher="$(private_launcher "$jar")"
ms="$out/cube.ms"
if [ ! -f "$ms/table.dat" ] || [ "$(cat "$ms.steps" 2>/dev/null)" != "$steps" ]; then
  rm -rf "$ms"
  java -cp "$jar" org.tessera.imaging.simulation.MakeWideMs "$template" "$ms" "$steps" > /dev/null
  echo "$steps" > "$ms.steps"
fi

# figures NAME: "wall_s rss_kb" from NAME.time
figures() {
  awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i] }
              /Maximum resident set size/ { rss = $2 }
              END { printf "%.2f %d\n", s, rss }' "$out/$1.time"
}

# compare LABEL EXTRA ARGS...: the same options to both (EXTRA to WSClean only: Tessera always writes the PSF),
# Tessera first
compare() {
  local label="$1" extra="$2"; shift 2
  rm -rf "$out/w.ms" && cp -r "$ms" "$out/w.ms"   # WSClean writes into its MS
  timed "t-$label" "$launcher" image "$@" -name "$out/t-$label" "$ms"
  timed "w-$label" wsclean -use-wgridder $extra "$@" -name "$out/w-$label" "$out/w.ms"
  read -r tw tr <<< "$(figures "t-$label")"
  read -r ww wr <<< "$(figures "w-$label")"
  printf '%-8s tessera %7.1f s %6.0f MB | wsclean %7.1f s %6.0f MB | time ratio %.2f, RSS ratio %.2f\n' \
    "$label" "$tw" "$((tr / 1024))" "$ww" "$((wr / 1024))" \
    "$(awk -v a="$tw" -v b="$ww" 'BEGIN { print a / b }')" "$(awk -v a="$tr" -v b="$wr" 'BEGIN { print a / b }')"
}

echo "MS: $ms ($steps time steps); ${size}², -channels-out $groups; TESSERA_JAVA_OPTS=$TESSERA_JAVA_OPTS; $(nproc) cores"
# the launcher's first image run writes its AppCDS archive at exit: not one of the timed runs
timed first "$launcher" image "${imaging[@]}" -name "$out/first" "$ms"
for run in ${RUNS:-dirty clean}; do
  case "$run" in
    dirty) compare dirty -make-psf "${imaging[@]}" ;;
    clean) compare clean "" "${imaging[@]}" "${clean[@]}" ;;
  esac
done
