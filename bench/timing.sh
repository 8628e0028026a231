# Shared by the CLEAN benchmarks (source it after setting root and out): a private copy of the jar, and
# timed runs under /usr/bin/time -v.

# private_jar: copies the jar to $out/tessera.jar (TESSERA_JAR, or a fresh build of tessera-cli), so that no
# rebuild in the shared tree lands inside a timing; prints its path.
private_jar() {
  mkdir -p "$out"
  if [ -n "${TESSERA_JAR:-}" ]; then
    cp "$TESSERA_JAR" "$out/tessera.jar"
  else
    (cd "$root" && mvn -q -o -B -DskipTests -pl tessera-cli -am package) >&2
    cp "$root/tessera-cli/target/tessera.jar" "$out/tessera.jar"
  fi
  echo "$out/tessera.jar"
}

# timed NAME CMD...: runs CMD under /usr/bin/time -v; stdout+stderr of CMD in NAME.log, time's report in NAME.time
timed() {
  local name="$1"; shift
  /usr/bin/time -o "$out/$name.time" -v "$@" > "$out/$name.log" 2>&1 \
    || { tail -n 20 "$out/$name.log" "$out/$name.time"; exit 1; }
}

# private_launcher JAR: a copy of ./tessera running JAR from $out/launch, as a user runs it (its defaults, its
# AppCDS archive, kept there too); prints the launcher's path.
private_launcher() {
  rm -rf "$out/launch" && mkdir -p "$out/launch/tessera-cli/target"
  cp "$root/tessera" "$out/launch/tessera"
  cp "$1" "$out/launch/tessera-cli/target/tessera.jar"
  echo "$out/launch/tessera"
}
