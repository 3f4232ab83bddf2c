package dev.vireo.bench.idle;

import dev.vireo.bench.workload.UserService;
import dev.vireo.bench.workload.UserServiceImpl;
import dev.vireo.rpc.RpcServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What an idle connection costs a Vireo server, in heap after a collection: {@code N} plain JDK
 * sockets connect to it and stay silent. The same sockets connected to a JDK acceptor that only
 * holds them give the cost of the sockets themselves, which is subtracted. Run it with {@code
 * java -cp benchmarks.jar dev.vireo.bench.idle.IdleConnections [N]} (both ends of every
 * connection live in this JVM, so N is bounded by half the open-file limit).
 */
public final class IdleConnections {
  private IdleConnections() {}

  public static void main(String[] args) throws Exception {
    int connections = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
    Result result = measure(connections);
    System.out.println(String.format(Locale.ROOT,
        "idle connections: %d; JDK sockets, both ends: %.0f B each; Vireo server: %.0f B per"
            + " connection (heap after GC, its own share)",
        connections, result.jdkBytesPerPair, result.vireoBytesPerConnection));
  }

  /** Bytes per connection: a pair of JDK socket ends, and the Vireo server's own share. */
  record Result(double jdkBytesPerPair, double vireoBytesPerConnection) {}

  static Result measure(int connections) throws Exception {
    long start = heapAfterGc();
    double jdkPair;
    try (ServerSocketChannel acceptor = ServerSocketChannel.open()) {
      acceptor.bind(new InetSocketAddress("127.0.0.1", 0));
      List<SocketChannel> accepted = new ArrayList<>();
      List<SocketChannel> clients = connect(acceptor.socket().getLocalPort(), connections,
          () -> accepted.add(acceptor.accept()));
      jdkPair = (heapAfterGc() - start) / (double) connections;
      closeAll(clients);
      closeAll(accepted);
    }
    long beforeServer;
    double vireo;
    try (RpcServer server = RpcServer.builder().host("127.0.0.1").port(0)
        .maxConnections(connections + 1).build()) {
      server.export(UserService.class, new UserServiceImpl());
      server.start();
      beforeServer = heapAfterGc();
      List<SocketChannel> clients = connect(server.port(), connections, () -> { });
      while (server.connectionStats().openConnections() < connections) {
        Thread.sleep(10);
      }
      // Half a pair is the client's end, which the server does not hold.
      vireo = (heapAfterGc() - beforeServer) / (double) connections - jdkPair / 2;
      closeAll(clients);
    }
    return new Result(jdkPair, vireo);
  }

  private interface Accept {
    void next() throws IOException;
  }

  private static List<SocketChannel> connect(int port, int count, Accept accept)
      throws IOException {
    List<SocketChannel> clients = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      clients.add(SocketChannel.open(new InetSocketAddress("127.0.0.1", port)));
      accept.next();
    }
    return clients;
  }

  private static void closeAll(List<SocketChannel> channels) throws IOException {
    for (SocketChannel channel : channels) {
      channel.close();
    }
  }

  private static long heapAfterGc() {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      Runtime runtime = Runtime.getRuntime();
      used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
    }
    return used;
  }
}
