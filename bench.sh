#!/usr/bin/env bash
# Builds the benchmarks and runs them: ./bench.sh [smoke|quick|full]
#   smoke:           every benchmark once, briefly, in one JVM per group (the cold start for
#                    Vireo only, NIO for Vireo only): checks that they all run and prints the table in under two
#                    minutes; its figures are not to be quoted
#   quick (default): short iterations, about twenty-five minutes on 2 cores
#   full:            long warm-ups (large clients such as gRPC's take tens of seconds to
#                    reach their speed here; one caller makes too few calls in 12 s for the JIT
#                    to finish compiling Vireo's client, so its latencies warm up for 20 s),
#                    longer iterations, and three forks for the 1-caller latencies, which move
#                    2-3x from one fork to the next here: about two hours and a half
# Writes benchmarks/results/: JMH's JSON, RESULTS.md, throughput.png, latency.png,
# and copies the tables into README.md. Every server listens on 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")"
mode=${1:-quick}
case "$mode" in
  smoke) fast="-f 0 -wi 0 -i 1 -r 200ms"; busy="$fast"; loaded="$fast"; one="$fast"; cold="-f 0 -p system=vireo"; nio_systems=vireo; load=UserServiceBenchmark.getUser ;;
  quick) fast="-f 1 -wi 2 -w 1s -i 5 -r 1s"; busy="-f 1 -wi 3 -w 2s -i 5 -r 1s"; loaded="-f 1 -wi 8 -w 2s -i 5 -r 1s"; one="-f 1 -wi 2 -w 2s -i 3 -r 1s"; cold="-f 3"; load=UserServiceBenchmark.getUser ;;
  full)  fast="-f 2 -wi 3 -w 2s -i 5 -r 2s"; busy="-f 1 -wi 6 -w 5s -i 5 -r 5s"; loaded="$busy"; one="-f 3 -wi 4 -w 5s -i 3 -r 2s"; cold="-f 10"; load=UserServiceBenchmark ;;
  *) echo "usage: $0 [smoke|quick|full]" >&2; exit 2 ;;
esac

# Built on JDK 25 or later when one is installed: rpc-runtime is a multi-release jar, whose
# classes for that JDK are compiled only there. The jar runs on JDK 17 all the same.
# at_least N JAVA: whether JAVA's feature version is N or later.
at_least() { [ "$("$2" -version 2>&1 | head -1 | sed -E 's/[^"]*"([0-9]+).*/\1/')" -ge "$1" ] 2>/dev/null; }
jdk25_home=
for candidate in /usr/lib/jvm/*/bin/javac; do
  home=${candidate%/bin/javac}
  if [ -x "$home/bin/java" ] && at_least 25 "$home/bin/java"; then jdk25_home=$home; break; fi
done
if [ -n "$jdk25_home" ]; then
  JAVA_HOME="$jdk25_home" mvn -B -q -DskipTests package -pl benchmarks -am
else
  mvn -B -q -DskipTests package -pl benchmarks -am
fi
jar=benchmarks/target/benchmarks.jar
out=benchmarks/results
[ "$mode" = smoke ] && out=$(mktemp -d)   # smoke figures never replace the published ones
rm -rf "$out" && mkdir -p "$out"

# One server JVM per system for the whole run, so every trial meets a warmed-up server; they
# stop when this script exits (their fleet's standard input closes).
systems="vireo vireo-direct vireo-reflective grpc dubbo netty"
servers="$out/.servers"
exec 3> >(exec java -cp "$jar" dev.vireo.bench.server.ServerFleet "$servers" $systems)
trap 'exec 3>&- 4>&-' EXIT
for _ in $(seq 1200); do [ -s "$servers" ] && break; sleep 0.1; done
[ -s "$servers" ] || { echo "the benchmark servers did not start" >&2; exit 1; }
export VIREO_BENCH_SERVERS=$(cat "$servers")
rm -f "$servers"

# Virtual threads need JDK 21 or later: the JDK 25 the jar was built with if there is one (it
# runs Vireo's classes for that JDK), else the java on the PATH if it is 21 or later, else
# $JDK21_HOME's, else the first such JDK installed under /usr/lib/jvm.
vt_java=
if [ -n "$jdk25_home" ]; then
  vt_java="$jdk25_home/bin/java"
elif at_least 21 java; then
  vt_java=java
elif [ -n "${JDK21_HOME:-}" ] && [ -x "$JDK21_HOME/bin/java" ]; then
  vt_java="$JDK21_HOME/bin/java"
else
  for candidate in /usr/lib/jvm/*/bin/java; do
    if [ -x "$candidate" ] && at_least 21 "$candidate"; then vt_java=$candidate; break; fi
  done
fi

groups=10; [ -n "$vt_java" ] && groups=11
group=0
started=$SECONDS
trials() { # how many trials JMH will run for a benchmark class: methods times parameter values,
            # with $2 systems instead of the declared ones if $2 is not 0
  java -jar "$jar" "$1" -lp | awk -v systems="$2" '
    /^[a-z].*\./ { total += n; n = 1; next }
    /param "system"/ && systems > 0 { n *= systems; next }
    /param "/ { n *= split($0, values, ",") }
    END { print total + n }'
}
run() { # name, then JMH arguments (the benchmark class first); $jvm runs it, java by default
  local name=$1; shift
  group=$((group + 1))
  local systems=0 previous= argument
  for argument in "$@"; do   # -p system=a,b,c runs those systems only
    if [ "$previous" = -p ] && [[ $argument == system=* ]]; then
      systems=$(( $(tr -cd , <<<"$argument" | wc -c) + 1 ))
    fi
    previous=$argument
  done
  local n; n=$(trials "$1" "$systems")
  echo "== [$group/$groups] $name: $n benchmarks, $((SECONDS - started)) s into the run"
  ${jvm:-java} -jar "$jar" "$@" -prof gc -rf json -rff "$out/$name.json" | awk -v g="$group/$groups" -v n="$n" -v name="$name" '
    /^# Benchmark: / { k++; bench = $3; sub(/.*\./, "", bench) }
    /^# Parameters: / { params = $0; sub(/^# Parameters: /, "", params) }
    /^# Run progress: / { eta = $0; sub(/.*ETA /, "", eta) }
    /^# Fork: / && k && !shown[k]++ {
      printf "   [%s %s] benchmark %d of %d: %s %s, about %s left in this group\n", g, name, k, n, bench, params, eta
    }
    /^(Benchmark|[A-Z][A-Za-z]+Benchmark\.[a-zA-Z]+ )/ { print }
    { fflush() }' || true
}

run dispatch    DispatchBenchmark $fast
run inprocess   InProcessBenchmark $fast
run serialization SerializationBenchmark $fast
per_call="-prof dev.vireo.bench.profile.ContextSwitches -prof dev.vireo.bench.profile.CpuTime"
run tcp-32      UserServiceBenchmark $busy -t 32 -bm thrpt -tu s $per_call
run tcp-1       UserServiceBenchmark $one -t 1 -bm sample -tu us $per_call
# Load: 256 callers on one connection, and 64 callers over 64 connections (getUser only, but in
# full mode). Vireo's client takes about 8 s to reach its speed with 256 callers (raw Netty's 2 s),
# so these warm up for at least 16 s.
run tcp-256     $load $loaded -t 256 -bm thrpt -tu s -p system=vireo,vireo-direct,netty,sockets \
  -prof dev.vireo.bench.profile.ContextSwitches
run tcp-64x64   $load $loaded -t 64 -bm thrpt -tu s -p system=vireo,vireo-direct,netty \
  -p connections=64 -prof dev.vireo.bench.profile.ContextSwitches
# The 32 callers again on Netty's NIO transport instead of epoll, clients and servers alike (a
# fleet of NIO servers of their own, stopped after the group).
nio=-Dio.netty.transport.noNative=true
nio_servers="$out/.nio-servers"
exec 4> >(VIREO_BENCH_SERVER_JVM_ARGS=$nio exec java -cp "$jar" dev.vireo.bench.server.ServerFleet "$nio_servers" vireo vireo-direct netty)
for _ in $(seq 1200); do [ -s "$nio_servers" ] && break; sleep 0.1; done
[ -s "$nio_servers" ] || { echo "the NIO benchmark servers did not start" >&2; exit 1; }
VIREO_BENCH_SERVERS=$(cat "$nio_servers") run tcp-32-nio UserServiceBenchmark $busy -t 32 -bm thrpt -tu s \
  -p system=${nio_systems:-vireo,vireo-direct,netty,sockets} $per_call \
  -jvmArgsAppend "$nio --add-opens=java.base/java.lang.invoke=ALL-UNNAMED -Dio.netty.leakDetection.level=disabled"
exec 4>&-
rm -f "$nio_servers"
run pipelined   PipelinedCallsBenchmark $busy -prof dev.vireo.bench.profile.ContextSwitches
# Every cold-start trial starts a server JVM of its own, whatever the fleet runs.
run cold-start  ColdStartBenchmark $cold
if [ -n "$vt_java" ]; then
  jvm=$vt_java run virtual-threads VirtualThreadsBenchmark $fast
else
  echo "== virtual threads skipped: they need JDK 21 or later (set JDK21_HOME to one)"
fi
# What an idle connection costs the server, in heap; both ends live in one JVM, so the count
# stays under half the open-file limit.
idle=5000; [ "$mode" = smoke ] && idle=500
echo "== idle connections: $idle"
java -Xmx1g -cp "$jar" dev.vireo.bench.idle.IdleConnections "$idle" 2>/dev/null | tee "$out/idle-connections.txt"

cpu=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ *//' || echo unknown)
jdk=$(java -version 2>&1 | head -1)
machine="$(nproc) cores ($cpu), $(uname -sr), $jdk, $(date -u +%Y-%m-%d), ./bench.sh $mode"
if [ "$mode" = smoke ]; then
  java -cp "$jar" dev.vireo.bench.report.Report "$out" - "$machine"
  cat "$out/RESULTS.md"
  echo "smoke run: every benchmark ran; these figures are not to be quoted (./bench.sh or ./bench.sh full)"
else
  java -cp "$jar" dev.vireo.bench.report.Report "$out" README.md "$machine"
  echo "wrote $out/RESULTS.md, $out/throughput.png, $out/latency.png and the README's table"
fi
