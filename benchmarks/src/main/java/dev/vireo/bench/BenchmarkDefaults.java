package dev.vireo.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Fork, warm-up and measurement for every benchmark; {@code bench.sh} overrides them for its
 * quick and full modes. Forks run with the flags Fory needs on recent JDKs.
 */
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
    "-Dio.netty.leakDetection.level=disabled"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public abstract class BenchmarkDefaults {}
