package dev.vireo.bench.e2e;

import dev.vireo.bench.peers.DubboPeer;
import dev.vireo.bench.peers.GrpcWorkload;

/** The client of each system the TCP benchmarks compare. */
final class Workloads {
  private Workloads() {}

  /**
   * A client of {@code system}'s server on {@code port} of 127.0.0.1; {@code sockets} is the
   * second client of the {@code netty} server.
   */
  static Workload connect(String system, int port) {
    return switch (system) {
      case "vireo", "vireo-direct" -> VireoWorkload.tcp(port, false);
      case "vireo-reflective" -> VireoWorkload.tcp(port, true);
      case "grpc" -> new GrpcWorkload(port);
      case "dubbo" -> DubboPeer.connect(port);
      case "netty" -> new RawNettyWorkload(port);
      case "sockets" -> new SocketsWorkload(port);
      default -> throw new IllegalArgumentException("unknown system " + system);
    };
  }
}
