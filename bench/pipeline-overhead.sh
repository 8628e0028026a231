#!/usr/bin/env bash
# Orchestration overhead per major cycle: a small simulated MS, 4 partitions, up to 6 major
# cycles, 3 jobs in a row through the embedded broker + S3 and the five services.
#   bench/pipeline-overhead.sh            services in-process (plain Camel, as tessera up)
#   bench/pipeline-overhead.sh --quarkus  the five Quarkus apps as processes (builds them with -Pquarkus)
set -euo pipefail
cd "$(dirname "$0")/.."
profile=()
if [[ " $* " == *" --quarkus "* ]]; then profile=(-Pquarkus); fi
mvn -q -B -DskipTests "${profile[@]}" package dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/bench.classpath -pl deploy-check -am
cp_file=deploy-check/target/bench.classpath
java -Xmx2g -Dtessera.root="$PWD" -cp "deploy-check/target/test-classes:$(cat "$cp_file")" \
    org.tessera.deploy.PipelineOverheadBench "$@"
