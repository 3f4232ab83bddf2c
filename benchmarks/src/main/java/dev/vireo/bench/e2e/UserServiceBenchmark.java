package dev.vireo.bench.e2e;

import dev.vireo.bench.server.ServerLauncher;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The UserService workload over TCP on 127.0.0.1, one system at a time: its server in a JVM of
 * its own, its client here, one connection shared by every benchmark thread ({@code -t 1}, {@code
 * -t 32}), or several ({@code -p connections=64}, Vireo and raw Netty). {@code vireo} and {@code vireo-reflective} differ only in how calls are bound; both
 * run calls on the server's pool, as the peers do by default. {@code vireo-direct} runs them on
 * the I/O thread ({@code ExportOptions.direct}), as a non-blocking service may. {@code netty}
 * moves frames of the same sizes with hand-written handlers and nothing else, its client batching
 * the callers' frames into one flush per burst; {@code sockets} is a second client of that server,
 * on the JDK's blocking sockets, to check that baseline is as strong as it looks. {@code grpc} is
 * gRPC-java with protobuf and its blocking stub, {@code dubbo} Apache Dubbo 3.3 with hessian2,
 * both on their defaults.
 */
@State(Scope.Benchmark)
public class UserServiceBenchmark extends WorkloadBenchmark {
  @Param({"vireo", "vireo-direct", "vireo-reflective", "grpc", "dubbo", "netty", "sockets"})
  public String system;

  /** Client connections to the server, which the callers share (Vireo and raw Netty only). */
  @Param("1")
  public int connections;

  private ServerLauncher server;

  @Setup
  public void connect() {
    // The two raw clients share the raw server.
    server = ServerLauncher.start(system.equals("sockets") ? "netty" : system);
    workload = Workloads.connect(system, server.port(), connections);
  }

  @TearDown
  public void disconnect() {
    workload.close();
    server.close();
  }
}
