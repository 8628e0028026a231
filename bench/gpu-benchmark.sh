#!/usr/bin/env bash
# GPU gridder benchmark: >= 100 M visibilities, wide field, epsilon 1e-5.
#   bench/gpu-benchmark.sh prepare   # on a developer machine: build jars, fetch Java and wsclean .debs
#   bench/gpu-benchmark.sh run       # on the GPU machine (repo root, .gpu-bench carried along)
# Prints the GPU kernel throughput, the GPU and CPU (tessera) dirty-image times with their difference,
# and wsclean -use-wgridder's time on 16 cores on the same MeasurementSet.
set -euo pipefail
cd "$(dirname "$0")/.."
work=.gpu-bench
rows=${ROWS:-1600000}          # x 64 channels = 102.4 M visibilities
size=${SIZE:-8192}
cell=${CELL_ARCSEC:-6}         # 8192 x 6" = 13.7 deg: w-terms matter
eps=${EPS:-1e-5}
threads=${THREADS:-16}

case "${1:-}" in
prepare)
    mkdir -p "$work/debs"
    grep -qx "/$work/" .git/info/exclude 2>/dev/null || echo "/$work/" >> .git/info/exclude
    mvn -q -B -DskipTests package
    cp tessera-cli/target/tessera-cli-*-all.jar "$work/tessera.jar" 2>/dev/null \
        || cp tessera-cli/target/tessera-cli-*.jar "$work/tessera.jar"
    mvn -q -B -pl gpu-gridder dependency:copy-dependencies -DoutputDirectory="$PWD/$work/lib"
    cp gpu-gridder/target/gpu-gridder-*.jar "$work/lib/"
    # wsclean and a JRE with their library dependencies, unpacked on the GPU machine with dpkg -x
    apt-get update -qq
    pkgs="wsclean openjdk-17-jre-headless"
    deps=$(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks \
           --no-replaces --no-enhances $pkgs | grep '^\w' | sort -u)
    (cd "$work/debs" && apt-get download $deps)
    du -sh "$work"
    ;;
run)
    root=/tmp/bench-root
    mkdir -p "$root"
    for f in "$work"/debs/*.deb; do dpkg -x "$f" "$root"; done
    export LD_LIBRARY_PATH="$root/usr/lib/x86_64-linux-gnu:$root/lib/x86_64-linux-gnu:${LD_LIBRARY_PATH:-}"
    java="$(ls -d "$root"/usr/lib/jvm/java-17-openjdk-amd64/bin/java)"
    ms=/tmp/bench.ms
    if [ ! -d "$ms" ]; then
        "$java" -jar "$work/tessera.jar" bench make-ms "$ms" --rows "$rows" --channels 64
    fi
    nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader
    echo "== tessera GPU gridder (and CPU gridder, $threads threads)"
    "$java" -Xmx100g -cp "$work/lib/*" org.tessera.gpu.GpuBenchmark "$ms" "$size" "$cell" "$eps" "$threads" cpu
    echo "== wsclean -use-wgridder, $threads threads"
    start=$(date +%s.%N)
    "$root/usr/bin/wsclean" -quiet -use-wgridder -wgridder-accuracy "$eps" -j "$threads" -size "$size" "$size" \
        -scale "${cell}asec" -weight natural -name /tmp/wsclean-bench "$ms"
    end=$(date +%s.%N)
    echo "wsclean dirty image: $(echo "$end - $start" | bc) s"
    ;;
*)
    echo "usage: $0 prepare|run" >&2
    exit 2
    ;;
esac
