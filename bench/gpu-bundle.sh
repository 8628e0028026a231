#!/usr/bin/env bash
# Makes the GPU bundle: a directory of at most 60 MiB that the device tool carries to a machine
# with only the NVIDIA driver (no Java, no Maven, no network):
#   DIR/jre/               jlink runtime: java.base, java.logging, jdk.unsupported, jdk.incubator.vector
#   DIR/lib/*.jar          gpu-gridder (kernels: PTX compute_75 and compute_90, sm_90 fatbin) and its
#                          runtime dependencies; jcuda-natives trimmed to the driver-API library
#   DIR/data/template.ms.tar.gz   the template MS (mwa-pupa.ms) MakeWideMs builds the benchmark MS from
#   DIR/run-gpu-checks.sh  the checks (bench/gpu-checks/run-gpu-checks.sh)
#
#   bench/gpu-bundle.sh [DIR]     # default DIR: .gpu-bundle in the repository root (git-ignored)
# BUNDLE_CLASSPATH: use these jars/class folders (colon-separated) instead of building with Maven
# (the CI test passes its own classpath). TEMPLATE_MS overrides the template MS.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${1:-$root/.gpu-bundle}"
template="${TEMPLATE_MS:-$root/../shared/data/ms/mwa-pupa.ms}"
limit=$(( 60 * 1024 * 1024 ))
[ -d "$template" ] || { echo "gpu-bundle: template MS $template not found (set TEMPLATE_MS)" >&2; exit 1; }
rm -rf "$dir"
mkdir -p "$dir/lib" "$dir/data"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT

if [ -z "${BUNDLE_CLASSPATH:-}" ]; then
    (cd "$root" && mvn -o -q -B -pl gpu-gridder -am package -DskipTests \
        org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies \
        -DincludeScope=runtime -DoutputDirectory="$stage/deps")
    cp "$root"/gpu-gridder/target/gpu-gridder-*.jar "$stage/deps/"
    BUNDLE_CLASSPATH="$(ls "$stage"/deps/*.jar | tr '\n' ':')"
fi
n=0
IFS=':' read -r -a entries <<< "$BUNDLE_CLASSPATH"
for e in "${entries[@]}"; do
    [ -n "$e" ] || continue
    base="$(basename "$e")"
    case "$base" in
        # test libraries and the charting library: not loaded by the checks
        junit-*|opentest4j-*|apiguardian-*|jfreechart-*|test-support-*|*-tests.jar|test-classes) continue ;;
    esac
    if [ -d "$e" ]; then
        # a reactor module's class folder, MODULE/target/classes
        module="$(basename "$(dirname "$(dirname "$e")")")"
        [ "$module" = test-support ] && continue
        n=$((n + 1))
        jar --create --file "$dir/lib/$module-classes.jar" -C "$e" .
    elif [[ "$base" == jcuda-natives-*.jar ]]; then
        # only the driver API's JNI library: the PTX compiler and runtime bindings are 25 MB unused
        mkdir -p "$stage/natives"
        (cd "$stage/natives" && unzip -q -o "$e" 'lib/libJCudaDriver-*' && jar --create --file "$dir/lib/$base" lib)
    elif [[ "$base" == *.jar ]]; then
        cp "$e" "$dir/lib/"
    fi
done
ls "$dir"/lib/*.jar | grep -q . || { echo "gpu-bundle: no jars" >&2; exit 1; }
listing="$(for j in "$dir"/lib/*.jar; do unzip -l "$j"; done)"
grep -q "ptx/tiles.sm90.fatbin" <<< "$listing" || { echo "gpu-bundle: no jar holds the kernels (ptx/tiles.sm90.fatbin)" >&2; exit 1; }

# What the checks load (jdeps also names java.desktop, for PngPreview and a commons-math3 class,
# and java.sql, for Jackson's optional types: neither is loaded, and they would cost 12 MB).
modules="java.base,java.logging,jdk.unsupported,jdk.incubator.vector"
jlink --add-modules "$modules" --strip-debug --no-man-pages \
    --no-header-files --compress=2 --output "$dir/jre"
tar -czf "$dir/data/template.ms.tar.gz" -C "$(dirname "$template")" \
    --transform "s,^$(basename "$template"),template.ms," "$(basename "$template")"
cp "$root/bench/gpu-checks/run-gpu-checks.sh" "$dir/run-gpu-checks.sh"
chmod +x "$dir/run-gpu-checks.sh"
size="$(du -sb "$dir" | cut -f1)"
echo "gpu-bundle: $dir: $((size / 1024 / 1024)) MiB (limit 60 MiB); modules $modules"
if [ "$size" -gt "$limit" ]; then
    echo "gpu-bundle: $dir is $size bytes, over the 60 MiB the device call carries" >&2
    exit 1
fi
