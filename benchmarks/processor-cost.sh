#!/usr/bin/env bash
# What the annotation processor adds to a build: javac on N generated @Remote interfaces (five
# methods each, plus a record each) with the processor, against javac with -proc:none on the same
# sources plus the files the processor wrote. Beside it, the floor: a processor that does no work
# and only writes those same files again (processor-floor/PregeneratedSources.java), which is what
# javac itself charges for two generated sources per interface. Prints milliseconds per interface
# over the -proc:none build, for each of ROUNDS alternating runs (this machine is shared: compare
# within one run).
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
mkdir -p "$work/floor"
javac -d "$work/floor" benchmarks/processor-floor/PregeneratedSources.java
echo PregeneratedSources > "$work/floor/javax.annotation.processing.Processor.txt"
mkdir -p "$work/floor/META-INF/services"
mv "$work/floor/javax.annotation.processing.Processor.txt" \
  "$work/floor/META-INF/services/javax.annotation.processing.Processor"

seconds() { local start=$EPOCHREALTIME; "$@"; echo "$EPOCHREALTIME - $start" | bc; }
per_interface() { echo "scale=1; ($1 - $2) * 1000 / $n" | bc; }
for round in $(seq "$rounds"); do
  rm -rf "$work/with" "$work/without" "$work/copied" "$work/generated" "$work/again"
  mkdir -p "$work/with" "$work/without" "$work/copied" "$work/generated" "$work/again"
  with=$(seconds javac -d "$work/with" -s "$work/generated" -cp "$classpath" \
    -processorpath "$processorpath" $sources)
  without=$(seconds javac -d "$work/without" -proc:none -cp "$classpath" \
    $sources $(find "$work/generated" -name '*.java'))
  floor=$(seconds javac -J-Dfloor.sources="$work/generated" -d "$work/copied" -s "$work/again" \
    -cp "$classpath" -processorpath "$work/floor:rpc-annotations/target/classes" $sources)
  echo "round $round: -proc:none ${without} s; Vireo's processor +$(per_interface "$with" "$without")" \
    "ms per interface; the floor (writing the same files, no work) +$(per_interface "$floor" "$without") ms"
done
