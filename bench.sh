#!/usr/bin/env bash
# Builds the benchmarks and runs them: ./bench.sh [quick|full]
#   quick (default): one fork, short iterations, about ten minutes on 2 cores
#   full:            two forks, longer iterations, for figures worth quoting
# Writes benchmarks/results/: JMH's JSON, RESULTS.md, throughput.png, latency.png,
# and copies the tables into README.md. Every server listens on 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")"
mode=${1:-quick}
case "$mode" in
  quick) fast="-f 1 -wi 2 -w 1s -i 3 -r 1s"; slow="-f 1 -wi 2 -w 2s -i 2 -r 2s" ;;
  full)  fast="-f 2 -wi 3 -w 2s -i 5 -r 2s"; slow="-f 2 -wi 3 -w 5s -i 5 -r 5s" ;;
  *) echo "usage: $0 [quick|full]" >&2; exit 2 ;;
esac

mvn -B -q -DskipTests package -pl benchmarks -am
jar=benchmarks/target/benchmarks.jar
out=benchmarks/results
rm -rf "$out" && mkdir -p "$out"

run() { # name, then JMH arguments
  local name=$1; shift
  echo "== $name"
  java -jar "$jar" "$@" -prof gc -rf json -rff "$out/$name.json" | grep -E '^(Benchmark|[A-Z][A-Za-z]+Benchmark\.[a-zA-Z]+ )' || true
}

run dispatch    DispatchBenchmark $fast
run inprocess   InProcessBenchmark $fast
run tcp-32      UserServiceBenchmark $slow -t 32 -bm thrpt -tu s
run tcp-1       UserServiceBenchmark $slow -t 1 -bm sample -tu us

cpu=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ *//' || echo unknown)
jdk=$(java -version 2>&1 | head -1)
machine="$(nproc) cores ($cpu), $(uname -sr), $jdk, $(date -u +%Y-%m-%d), ./bench.sh $mode"
java -cp "$jar" dev.vireo.bench.report.Report "$out" README.md "$machine"
echo "wrote $out/RESULTS.md, $out/throughput.png, $out/latency.png and the README's table"
