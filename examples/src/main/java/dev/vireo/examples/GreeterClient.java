package dev.vireo.examples;

import dev.vireo.rpc.RpcClient;
import java.time.Duration;

/** Calls a {@link GreeterServer} at 127.0.0.1:port (default 8080) and prints the answers. */
public final class GreeterClient {
  private GreeterClient() {}

  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
    try (RpcClient client = RpcClient.builder()
        .address("127.0.0.1", port)
        .timeout(Duration.ofSeconds(2))
        .build()) {
      Greeter greeter = client.refer(Greeter.class);
      System.out.println(greeter.greet("Ada"));
      System.out.println(greeter.greeting("Grace", 2).lines());
      System.out.println(greeter.greetLater("Linus").get());
      greeter.wave("Barbara");
    }
  }
}
