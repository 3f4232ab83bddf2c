package dev.vireo.bench.e2e;

import dev.vireo.bench.peers.DubboPeer;
import dev.vireo.bench.peers.GrpcWorkload;
import java.util.List;

/** The client of each system the TCP benchmarks compare. */
final class Workloads {
  private Workloads() {}

  /**
   * A client of {@code system}'s server on {@code port} of 127.0.0.1, over {@code connections}
   * connections (Vireo and raw Netty only; the others use one); {@code sockets} is the second
   * client of the {@code netty} server.
   */
  static Workload connect(String system, int port, int connections) {
    if (connections != 1 && !List.of("vireo", "vireo-direct", "vireo-reflective", "netty")
        .contains(system)) {
      throw new IllegalArgumentException(system + " is measured over one connection only");
    }
    return switch (system) {
      case "vireo", "vireo-direct" -> VireoWorkload.tcp(port, connections, false);
      case "vireo-reflective" -> VireoWorkload.tcp(port, connections, true);
      case "grpc" -> new GrpcWorkload(port);
      case "dubbo" -> DubboPeer.connect(port);
      case "netty" -> new RawNettyWorkload(port, connections);
      case "sockets" -> new SocketsWorkload(port);
      default -> throw new IllegalArgumentException("unknown system " + system);
    };
  }

  /** A client of {@code system} over one connection. */
  static Workload connect(String system, int port) {
    return connect(system, port, 1);
  }
}
