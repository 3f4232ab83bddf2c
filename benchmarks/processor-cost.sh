#!/usr/bin/env bash
# What the annotation processor adds to a build: javac on N generated @Remote interfaces (five
# methods each, plus a record each) with the processor, against javac with -proc:none on the same
# sources plus the files the processor wrote. Prints milliseconds per interface, for each of
# ROUNDS alternating pairs (this machine is shared: compare within one run).
#   benchmarks/processor-cost.sh [N=500] [ROUNDS=3]     (after mvn -B install -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-500}
rounds=${2:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mvn -B -q dependency:build-classpath -pl rpc-processor -Dmdep.includeScope=compile \
  -Dmdep.outputFile="$work/deps.txt" >/dev/null
processorpath="rpc-processor/target/classes:$(cat "$work/deps.txt")"
classpath="rpc-annotations/target/classes:rpc-runtime/target/classes"

mkdir -p "$work/src/gen"
for i in $(seq 0 $((n - 1))); do
  cat > "$work/src/gen/Service$i.java" <<JAVA
package gen;

import dev.vireo.rpc.annotation.Remote;
import java.util.List;

@Remote
public interface Service$i {
  String name(long id);
  Item$i item(String key);
  List<Item$i> items(int page);
  boolean exists(String email, int version);
  void touch(Item$i item);
}
JAVA
  echo "package gen; public record Item$i(long id, String name, java.util.List<String> tags) {}" \
    > "$work/src/gen/Item$i.java"
done
sources=$(find "$work/src" -name '*.java')

seconds() { local start=$EPOCHREALTIME; "$@"; echo "$EPOCHREALTIME - $start" | bc; }
for round in $(seq "$rounds"); do
  rm -rf "$work/with" "$work/without" "$work/generated"
  mkdir -p "$work/with" "$work/without" "$work/generated"
  with=$(seconds javac -d "$work/with" -s "$work/generated" -cp "$classpath" \
    -processorpath "$processorpath" $sources)
  without=$(seconds javac -d "$work/without" -proc:none -cp "$classpath" \
    $sources $(find "$work/generated" -name '*.java'))
  echo "round $round: with the processor ${with} s, without ${without} s:" \
    "$(echo "scale=1; ($with - $without) * 1000 / $n" | bc) ms per interface"
done
