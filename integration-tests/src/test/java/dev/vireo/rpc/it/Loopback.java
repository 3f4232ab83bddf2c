package dev.vireo.rpc.it;

import dev.vireo.rpc.RpcClient;
import dev.vireo.rpc.RpcServer;
import io.netty.util.LeakPresenceDetector;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A started in-process server and a client connected to it. Closing closes both and then checks
 * that every Netty buffer the calls used was released.
 */
final class Loopback implements AutoCloseable {
  private static final AtomicInteger NEXT = new AtomicInteger();

  final RpcServer server;
  final RpcClient client;
  private final Transport transport;
  private final String name;

  private Loopback(Transport transport, String name, RpcServer server, RpcClient client) {
    this.transport = transport;
    this.name = name;
    this.server = server;
    this.client = client;
  }

  /** Another client of the same server, with its own default timeout; the caller closes it. */
  RpcClient secondClient(Duration timeout) {
    RpcClient.Builder builder = RpcClient.builder().timeout(timeout);
    if (transport == Transport.TCP) {
      builder.address("127.0.0.1", server.port()).ioThreads(1);
    } else {
      builder.inProcess(name);
    }
    return builder.build();
  }

  static Loopback start(Transport transport, Consumer<RpcServer> exports) {
    return start(transport, b -> {}, exports, b -> {});
  }

  /** A server on 127.0.0.1 (a free port) or in-process, and a client of it. */
  static Loopback start(Transport transport, Consumer<RpcServer.Builder> serverOptions,
      Consumer<RpcServer> exports, Consumer<RpcClient.Builder> clientOptions) {
    String name = "loopback-" + NEXT.incrementAndGet();
    RpcServer.Builder serverBuilder = RpcServer.builder().shutdownTimeout(Duration.ofSeconds(5));
    if (transport == Transport.TCP) {
      serverBuilder.host("127.0.0.1").port(0).ioThreads(1);
    } else {
      serverBuilder.inProcess(name);
    }
    serverOptions.accept(serverBuilder);
    RpcServer server = serverBuilder.build();
    exports.accept(server);
    server.start();
    RpcClient.Builder clientBuilder = RpcClient.builder().timeout(Duration.ofSeconds(5));
    if (transport == Transport.TCP) {
      clientBuilder.address("127.0.0.1", server.port()).ioThreads(1);
    } else {
      clientBuilder.inProcess(name);
    }
    clientOptions.accept(clientBuilder);
    return new Loopback(transport, name, server, clientBuilder.build());
  }

  @Override
  public void close() {
    client.close();
    server.close();
    LeakPresenceDetector.check();
  }
}
