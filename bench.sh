#!/usr/bin/env bash
# Builds the benchmarks and runs them: ./bench.sh [quick|full]
#   quick (default): short iterations, about twelve minutes on 2 cores
#   full:            long warm-ups (large clients such as gRPC's take tens of seconds to
#                    reach their speed here), longer iterations, and three forks for the
#                    1-caller latencies, which move 2-3x from one fork to the next here:
#                    about an hour
# Writes benchmarks/results/: JMH's JSON, RESULTS.md, throughput.png, latency.png,
# and copies the tables into README.md. Every server listens on 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")"
mode=${1:-quick}
case "$mode" in
  quick) fast="-f 1 -wi 2 -w 1s -i 5 -r 1s"; busy="-f 1 -wi 3 -w 2s -i 5 -r 1s"; one="-f 1 -wi 2 -w 2s -i 3 -r 1s" ;;
  full)  fast="-f 2 -wi 3 -w 2s -i 5 -r 2s"; busy="-f 1 -wi 6 -w 5s -i 5 -r 5s"; one="-f 3 -wi 2 -w 3s -i 3 -r 2s" ;;
  *) echo "usage: $0 [quick|full]" >&2; exit 2 ;;
esac

mvn -B -q -DskipTests package -pl benchmarks -am
jar=benchmarks/target/benchmarks.jar
out=benchmarks/results
rm -rf "$out" && mkdir -p "$out"

# One server JVM per system for the whole run, so every trial meets a warmed-up server; they
# stop when this script exits (their fleet's standard input closes).
systems="vireo vireo-direct vireo-reflective grpc dubbo netty"
servers="$out/.servers"
exec 3> >(exec java -cp "$jar" dev.vireo.bench.server.ServerFleet "$servers" $systems)
trap 'exec 3>&-' EXIT
for _ in $(seq 1200); do [ -s "$servers" ] && break; sleep 0.1; done
[ -s "$servers" ] || { echo "the benchmark servers did not start" >&2; exit 1; }
export VIREO_BENCH_SERVERS=$(cat "$servers")
rm -f "$servers"

run() { # name, then JMH arguments
  local name=$1; shift
  echo "== $name"
  java -jar "$jar" "$@" -prof gc -rf json -rff "$out/$name.json" | grep -E '^(Benchmark|[A-Z][A-Za-z]+Benchmark\.[a-zA-Z]+ )' || true
}

run dispatch    DispatchBenchmark $fast
run inprocess   InProcessBenchmark $fast
run tcp-32      UserServiceBenchmark $busy -t 32 -bm thrpt -tu s
run tcp-1       UserServiceBenchmark $one -t 1 -bm sample -tu us

cpu=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ *//' || echo unknown)
jdk=$(java -version 2>&1 | head -1)
machine="$(nproc) cores ($cpu), $(uname -sr), $jdk, $(date -u +%Y-%m-%d), ./bench.sh $mode"
java -cp "$jar" dev.vireo.bench.report.Report "$out" README.md "$machine"
echo "wrote $out/RESULTS.md, $out/throughput.png, $out/latency.png and the README's table"
