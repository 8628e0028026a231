#!/usr/bin/env bash
# Read-throughput benchmark: streams DATA, FLAG, UVW and WEIGHT_SPECTRUM of a >= 1 GB MS
# written by Tessera and of one with tiled columns written by python-casacore, and compares,
# in the same run and from the page cache: cat of the column files, `tessera bench read`
# and python-casacore getcol. Then reads a 2 GB MS with a small heap and reports max RSS.
#
#   bench/read-throughput.sh            # MSs under /tmp/bench, deleted afterwards
#   BENCH_DIR=/scratch KEEP=1 bench/read-throughput.sh
#
# Throughput counts stored bytes: for tessera and python, the bytes the requested columns'
# values take in the column files (Bool as one bit); for cat, every byte of table.f*, which
# also holds the other columns and bucket slack, so the ratios slightly favour cat. Each
# figure is the best of $REPEATS runs (tessera bench read itself times 3 passes after a
# warm-up pass, in 4 MB chunks, and reports its best).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${BENCH_DIR:-/tmp/bench}"
rows_1g="${ROWS_1G:-340000}"   # 64 channels x 4 correlations: about 3.2 kB a row
rows_2g="${ROWS_2G:-680000}"
repeats="${REPEATS:-3}"
columns="DATA,FLAG,UVW,WEIGHT_SPECTRUM"
python=/usr/bin/python3
export OPENBLAS_NUM_THREADS=1
# Build once through ./tessera, then run the jar itself so no rebuild can fall inside a timing.
"$root/tessera" --version > /dev/null
tessera() { java ${TESSERA_JAVA_OPTS:-} -jar "$root/tessera-cli/target/tessera.jar" "$@"; }

mkdir -p "$dir"
cleanup() { [ "${KEEP:-0}" = 1 ] || rm -rf "$dir/java-1g.ms" "$dir/tiled-1g.ms" "$dir/java-2g.ms"; }
trap cleanup EXIT

now() { date +%s.%N; }
mb_per_s() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.0f", b / 1e6 / s }'; }
best() { sort -g | tail -1; }

echo "== building the MSs in $dir"
[ -d "$dir/java-1g.ms" ] || tessera bench make-ms "$dir/java-1g.ms" --rows "$rows_1g" --channels 64
[ -d "$dir/tiled-1g.ms" ] || "$python" "$root/bench/make_tiled_ms.py" "$dir/java-1g.ms" "$dir/tiled-1g.ms"

for ms in "$dir/java-1g.ms" "$dir/tiled-1g.ms"; do
    echo "== $ms ($(du -sh "$ms" | cut -f1))"
    cat "$ms"/table.f* > /dev/null   # warm the page cache
    cat "$ms"/table.f* > /dev/null
    file_bytes=$(cat "$ms"/table.f* | wc -c)
    column_bytes=$(tessera bench read "$ms" --columns "$columns" --passes 1 --json \
        | "$python" -c 'import json,sys; print(json.load(sys.stdin)["bytes"])')
    echo "bytes counted: cat $file_bytes (all of table.f*), tessera and python $column_bytes ($columns stored)"
    cat_rates=""; java_rates=""; py_rates=""
    for _ in $(seq "$repeats"); do
        t0=$(now); cat "$ms"/table.f* > /dev/null; t1=$(now)
        cat_rates+="$(mb_per_s "$file_bytes" "$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')")"$'\n'
        java_rates+="$(tessera bench read "$ms" --columns "$columns" --json \
            | "$python" -c 'import json,sys; print(round(json.load(sys.stdin)["mbPerSecond"]))')"$'\n'
        py_rates+="$("$python" "$root/bench/read_python.py" "$ms" "$columns" 5000 \
            | "$python" -c 'import json,sys; print(round(json.load(sys.stdin)["mbPerSecond"]))')"$'\n'
    done
    cat_best=$(printf "%s" "$cat_rates" | best)
    java_best=$(printf "%s" "$java_rates" | best)
    py_best=$(printf "%s" "$py_rates" | best)
    echo "cat $ms/table.f*         : $cat_best MB/s   (runs: $(echo $cat_rates))"
    echo "tessera bench read       : $java_best MB/s   (runs: $(echo $java_rates))"
    echo "python-casacore getcol   : $py_best MB/s   (runs: $(echo $py_rates))"
    awk -v j="$java_best" -v c="$cat_best" -v p="$py_best" \
        'BEGIN { printf "ratios: java/cat %.2f   python/cat %.2f   java/python %.2f\n", j / c, p / c, j / p }'
done

echo "== peak memory streaming a 2 GB MS (TESSERA_JAVA_OPTS=${TESSERA_JAVA_OPTS:=-Xmx256m})"
export TESSERA_JAVA_OPTS
[ -d "$dir/java-2g.ms" ] || tessera bench make-ms "$dir/java-2g.ms" --rows "$rows_2g" --channels 64
/usr/bin/time -v java $TESSERA_JAVA_OPTS -jar "$root/tessera-cli/target/tessera.jar" bench read "$dir/java-2g.ms" --columns "$columns" 2> "$dir/time-v.txt"
rss_kb=$(awk -F: '/Maximum resident set size/ { gsub(/ /, "", $2); print $2 }' "$dir/time-v.txt")
echo "max RSS: $((rss_kb / 1024)) MB (limit 512 MB)"
[ "$rss_kb" -lt $((512 * 1024)) ]
