package dev.vireo.examples;

import dev.vireo.rpc.RpcClient;
import dev.vireo.rpc.RpcServer;

/**
 * The README's example, whole: a server on a free port of 127.0.0.1 and a client calling it over
 * TCP, in one process. Run it with {@code mvn -q -pl examples exec:java}.
 */
public final class HelloVireo {
  private HelloVireo() {}

  public static void main(String[] args) throws Exception {
    System.out.println(run());
  }

  /** Starts, calls, stops; returns what the calls answered. */
  static String run() throws Exception {
    try (RpcServer server = RpcServer.builder().host("127.0.0.1").port(0).build()) {
      server.export(Greeter.class, new GreeterImpl());
      server.start();
      try (RpcClient client = RpcClient.builder().address("127.0.0.1", server.port()).build()) {
        Greeter greeter = client.refer(Greeter.class);
        GreeterAsync async = client.refer(GreeterAsync.class);
        return greeter.greet("Ada") + "\n"
            + greeter.greeting("Grace", 2) + "\n"
            + async.greet("Linus").get();
      }
    }
  }
}
