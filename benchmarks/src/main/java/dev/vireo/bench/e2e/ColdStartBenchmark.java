package dev.vireo.bench.e2e;

import dev.vireo.bench.server.ServerLauncher;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How fast each system is from a cold start: every measurement is the first of a fresh client JVM
 * (a JMH fork) against a fresh server JVM, so class loading, code generation and the JIT's
 * warm-up are all in it. {@code firstReply} times starting the server's JVM, connecting the client
 * and the first {@code getUser} until its reply; {@code firstThousandCalls} times the first 1,000
 * {@code getUser} calls of a client that has just connected to a server that has just started.
 * Forks, not iterations, make the sample: run it with {@code -f 5} or more.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
// The flags of BenchmarkDefaults: Fory's access on recent JDKs, no leak detection.
@Fork(value = 5, jvmArgsAppend = {"--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
    "-Dio.netty.leakDetection.level=disabled"})
public class ColdStartBenchmark {
  private static final int CALLS = 1_000;

  /** The system under test; each trial starts and stops its own server and client. */
  @State(Scope.Benchmark)
  public static class Cold {
    @Param({"vireo", "vireo-direct", "grpc", "dubbo", "netty"})
    public String system;

    ServerLauncher server;
    Workload client;

    @TearDown(Level.Iteration)
    public void stop() {
      if (client != null) {
        client.close();
      }
      if (server != null) {
        server.close();
      }
    }
  }

  /** Starts a server and connects a client to it, before the measurement. */
  @State(Scope.Benchmark)
  public static class JustStarted {
    @Setup(Level.Iteration)
    public void start(Cold cold) {
      cold.server = ServerLauncher.spawn(cold.system);
      cold.client = Workloads.connect(cold.system, cold.server.port());
    }
  }

  @Benchmark
  public Object firstReply(Cold cold) {
    cold.server = ServerLauncher.spawn(cold.system);
    cold.client = Workloads.connect(cold.system, cold.server.port());
    return cold.client.getUser();
  }

  @Benchmark
  public Object firstThousandCalls(Cold cold, JustStarted started) {
    Object last = null;
    for (int i = 0; i < CALLS; i++) {
      last = cold.client.getUser();
    }
    return last;
  }
}
