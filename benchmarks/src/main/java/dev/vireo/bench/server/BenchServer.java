package dev.vireo.bench.server;

import dev.vireo.bench.peers.DubboPeer;
import dev.vireo.bench.peers.GrpcServer;
import dev.vireo.bench.reflective.ReflectiveBinding;
import dev.vireo.bench.workload.UserService;
import dev.vireo.bench.workload.UserServiceImpl;
import dev.vireo.rpc.ExportOptions;
import dev.vireo.rpc.RpcServer;
import java.io.IOException;

/**
 * The server side of one system, in its own JVM: {@code BenchServer <system>} listens on a free
 * port of 127.0.0.1, prints {@code PORT n}, and serves until its standard input closes.
 */
public final class BenchServer {
  private BenchServer() {}

  public static void main(String[] args) throws Exception {
    AutoCloseable server = start(args[0]);
    try {
      while (System.in.read() != -1) {
        // serve until the benchmark closes our standard input, or goes away
      }
    } catch (IOException ignored) {
      // the benchmark went away
    } finally {
      server.close();
    }
    System.exit(0);
  }

  private static AutoCloseable start(String system) throws Exception {
    return switch (system) {
      case "vireo", "vireo-direct", "vireo-reflective" -> {
        RpcServer.Builder builder = RpcServer.builder().host("127.0.0.1").port(0);
        if (system.equals("vireo-reflective")) {
          builder.binding(new ReflectiveBinding<>(UserService.class));
        }
        RpcServer server = builder.build();
        server.export(UserService.class, new UserServiceImpl(), ExportOptions.builder()
            .direct(system.equals("vireo-direct")).build());
        server.start();
        announce(server.port());
        yield server;
      }
      case "grpc" -> {
        GrpcServer server = new GrpcServer();
        announce(server.port());
        yield server;
      }
      case "dubbo" -> {
        announce(DubboPeer.serve());
        yield () -> { };
      }
      case "netty" -> {
        RawNettyServer server = new RawNettyServer();
        announce(server.port());
        yield server;
      }
      default -> throw new IllegalArgumentException("unknown system " + system);
    };
  }

  private static void announce(int port) {
    System.out.println("PORT " + port);
    System.out.flush();
  }
}
