package dev.vireo.examples;

import dev.vireo.rpc.RpcServer;

/** Serves {@link Greeter} on 127.0.0.1:port (default 8080) until the process is stopped. */
public final class GreeterServer {
  private GreeterServer() {}

  public static void main(String[] args) throws InterruptedException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
    RpcServer server = RpcServer.builder().host("127.0.0.1").port(port).build();
    server.export(Greeter.class, new GreeterImpl());
    server.start();
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    System.out.println("Greeter serving at " + server.address() + "; Ctrl-C to stop");
    Thread.currentThread().join();
  }
}
