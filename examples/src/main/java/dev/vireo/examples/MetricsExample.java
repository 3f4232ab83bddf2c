package dev.vireo.examples;

import dev.vireo.rpc.RpcClient;
import dev.vireo.rpc.RpcServer;
import dev.vireo.rpc.metrics.micrometer.VireoMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The {@link Greeter} with Micrometer metrics on both sides: a few calls, then every meter
 * printed. Run it with {@code mvn -q -pl examples exec:java@metrics}.
 */
public final class MetricsExample {
  private MetricsExample() {}

  public static void main(String[] args) throws Exception {
    System.out.println(run());
  }

  /** Makes a few calls and returns the meters of both sides, as Micrometer prints them. */
  static String run() throws Exception {
    SimpleMeterRegistry serverMeters = new SimpleMeterRegistry();
    SimpleMeterRegistry clientMeters = new SimpleMeterRegistry();
    try (RpcServer server = RpcServer.builder().host("127.0.0.1").port(0)
            .intercept(VireoMetrics.server(serverMeters)).build()) {
      server.export(Greeter.class, new GreeterImpl());
      server.start();
      try (RpcClient client = RpcClient.builder().address("127.0.0.1", server.port())
          .intercept(VireoMetrics.client(clientMeters)).build()) {
        Greeter greeter = client.refer(Greeter.class);
        for (int i = 0; i < 5; i++) {
          greeter.greet("Ada");
        }
        try {
          greeter.greeting("Edsger", 1000);
        } catch (TooManyGreetingsException expected) {
          // counted with status APPLICATION_ERROR
        }
      }
    }
    return "client:\n" + clientMeters.getMetersAsString() + "\nserver:\n"
        + serverMeters.getMetersAsString();
  }
}
