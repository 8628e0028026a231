#!/usr/bin/env bash
# Small-job benchmark (fixed costs): `tessera image` as a user runs it (the ./tessera launcher with its
# defaults, JVM start and AppCDS archive included) against `wsclean -use-wgridder` with the same options,
# back to back under /usr/bin/time -v, REPEATS times. Each repeat also runs Tessera with TESSERA_CDS=0
# (no class-data archive), so the archive's effect is measured in the same run, and at -niter 0 WSClean
# also with -make-psf (Tessera always makes the PSF and fits the beam; WSClean at -niter 0 only if asked). Prints wall time, max RSS,
# the ratios and Tessera's time split (JVM start and exit = wall time - the run's own wall time in
# summary.json; then the stages of summary.json).
#
#   bench/small-benchmark.sh                       # mwa-pupa.ms, 1024², 40asec, briggs 0, -niter 0
#   CLEAN=1 REPEATS=3 bench/small-benchmark.sh     # also -niter 20000 -auto-threshold 3
#   BENCH_MS=... SIZE=512 SCALE=1amin bench/small-benchmark.sh
#
# The launcher and a copy of the jar run from $OUT_DIR/launch, so no rebuild in the tree can land inside a
# timing; the first run there writes the archive (timed and reported apart, as "first run"). BASELINE_JAR
# with BASELINE_LAUNCHER (e.g. `git show main:tessera > /tmp/old-tessera`) also times that earlier build
# in every pair, from $OUT_DIR/baseline, so that a change is measured against the code before it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${OUT_DIR:-/tmp/bench-small}"
repeats="${REPEATS:-3}"
size="${SIZE:-1024}"
ms="${BENCH_MS:-$root/../shared/data/ms/mwa-pupa.ms}"
export OPENBLAS_NUM_THREADS=1
imaging=(-size "$size" "$size" -scale "${SCALE:-40asec}" -weight briggs 0)
source "$root/bench/timing.sh"
launch="$(dirname "$(private_launcher "$(private_jar)")")"
if [ -n "${BASELINE_JAR:-}" ]; then
  rm -rf "$out/baseline" && mkdir -p "$out/baseline/tessera-cli/target"
  cp "$BASELINE_LAUNCHER" "$out/baseline/tessera" && chmod +x "$out/baseline/tessera"
  cp "$BASELINE_JAR" "$out/baseline/tessera-cli/target/tessera.jar"
fi
[ -d "$ms" ] || { echo "small-benchmark: no MS at $ms" >&2; exit 1; }

wall() {
  awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$1"
}
rss_mb() {
  awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$1"
}
ratio() {
  awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'
}
# split NAME WALL: Tessera's time split from NAME-summary.json
split() {
  python3 - "$out/$1-summary.json" "$2" <<'EOF'
import json, sys
s = json.load(open(sys.argv[1]))
wall, inside = float(sys.argv[2]), s["totals"]["wallSeconds"]
stages = ", ".join(f"{k} {v:.2f}" for k, v in s["stageSeconds"].items())
print(f"    split (s): JVM start+exit {wall - inside:.2f}; in the run {inside:.2f}: {stages}; "
      f"rest (plan, PSF fit, FITS) {inside - sum(s['stageSeconds'].values()):.2f}")
EOF
}

# pair LABEL ARGS...: one Tessera run with the archive, one without, one WSClean run
pair() {
  local label="$1"; shift
  local r="$label"
  rm -f "$out"/?-"$r"-*.fits "$out"/?-"$r".time
  timed "t-$r" env TESSERA_JAVA_OPTS="${TESSERA_JAVA_OPTS:-} -Dtessera.gridder.verbose=true" "$launch/tessera" image "${imaging[@]}" "$@" -name "$out/t-$r" "$ms"
  timed "n-$r" env TESSERA_CDS=0 "$launch/tessera" image "${imaging[@]}" "$@" -name "$out/n-$r" "$ms"
  if [ -n "${BASELINE_JAR:-}" ]; then
    timed "b-$r" "$out/baseline/tessera" image "${imaging[@]}" "$@" -name "$out/b-$r" "$ms"
  fi
  rm -rf "$out/w.ms" && cp -r "$ms" "$out/w.ms"   # WSClean writes into its MS
  timed "w-$r" wsclean -use-wgridder "${imaging[@]}" "$@" -name "$out/w-$r" "$out/w.ms"
  case "$label" in dirty-*)   # WSClean makes no PSF at -niter 0 unless asked; Tessera does
    timed "p-$r" wsclean -use-wgridder -make-psf "${imaging[@]}" "$@" -name "$out/p-$r" "$out/w.ms" ;;
  esac
  local t n w
  t=$(wall "$out/t-$r.time"); n=$(wall "$out/n-$r.time"); w=$(wall "$out/w-$r.time")
  echo "  $label: tessera $t s $(rss_mb "$out/t-$r.time") MB | no archive $n s $(rss_mb "$out/n-$r.time") MB |" \
    "wsclean $w s $(rss_mb "$out/w-$r.time") MB | time ratio $(ratio "$t" "$w") (no archive $(ratio "$n" "$w")," \
    "archive gain $(ratio "$n" "$t")x), RSS ratio $(ratio "$(rss_mb "$out/t-$r.time")" "$(rss_mb "$out/w-$r.time")")"
  if [ -f "$out/p-$r.time" ]; then
    local p; p=$(wall "$out/p-$r.time")
    echo "    wsclean -make-psf (Tessera's products: PSF too) $p s $(rss_mb "$out/p-$r.time") MB: time ratio $(ratio "$t" "$p")"
  fi
  if [ -n "${BASELINE_JAR:-}" ]; then
    local b; b=$(wall "$out/b-$r.time")
    echo "    baseline $b s $(rss_mb "$out/b-$r.time") MB: time ratio $(ratio "$b" "$w"), tessera / baseline $(ratio "$t" "$b")"
  fi
  split "t-$r" "$t"
  grep '^grid ' "$out/t-$r.log" | sed 's/^grid .*: gridding/gridding/' \
    | awk 'NR == 1 { print "    first gridding pass (PSF and dirty, cold JIT): " $0 }
           NR == 2 { print "    second pass (a major cycle'"'"'s residual, warm): " $0 }'
}

echo "MS: $ms (${size}²); $(nproc) cores; $(java -version 2>&1 | head -n 1)"
timed first "$launch/tessera" image "${imaging[@]}" -niter 0 -name "$out/first" "$ms"
echo "first run (writes the archive): $(wall "$out/first.time") s; archive: $(ls "$launch"/tessera-cli/target/*.jsa* 2>/dev/null || echo none)"
for r in $(seq 1 "$repeats"); do
  echo "run $r: load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  pair "dirty-$r" -niter 0
  if [ "${CLEAN:-0}" = 1 ]; then
    pair "clean-$r" -niter 20000 -auto-threshold 3
  fi
done
