package dev.vireo.examples;

import dev.vireo.rpc.RpcServer;

/**
 * Serves {@link Greeter} on 127.0.0.1:port (default 8080) until the process is stopped. Run it
 * with {@code mvn -q -pl examples exec:java@server}.
 */
public final class GreeterServer {
  private GreeterServer() {}

  public static void main(String[] args) throws InterruptedException {
    RpcServer server = start(args.length > 0 ? Integer.parseInt(args[0]) : 8080);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    System.out.println("Greeter serving at " + server.address() + "; Ctrl-C to stop");
    Thread.currentThread().join();
  }

  /** A started server of {@link GreeterImpl} on 127.0.0.1; port 0 picks a free one. */
  static RpcServer start(int port) {
    RpcServer server = RpcServer.builder().host("127.0.0.1").port(port).build();
    server.export(Greeter.class, new GreeterImpl());
    server.start();
    return server;
  }
}
