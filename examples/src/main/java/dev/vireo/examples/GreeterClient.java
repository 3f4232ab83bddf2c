package dev.vireo.examples;

import dev.vireo.rpc.RpcClient;
import dev.vireo.rpc.RpcException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Calls a {@link GreeterServer} at 127.0.0.1:port (default 8080) and prints the answers. Run it
 * with {@code mvn -q -pl examples exec:java@client} while the server runs in another terminal.
 */
public final class GreeterClient {
  private GreeterClient() {}

  public static void main(String[] args) throws Exception {
    try {
      run(args.length > 0 ? Integer.parseInt(args[0]) : 8080).forEach(System.out::println);
    } catch (RpcException e) {
      System.err.println("The call failed (" + e.status() + "): " + e.getMessage());
      System.err.println("Is the server running? mvn -q -pl examples exec:java@server");
      System.exit(1);
    }
  }

  /** Makes one call of each kind and returns what each answered. */
  static List<String> run(int port) throws Exception {
    List<String> answers = new ArrayList<>();
    try (RpcClient client = RpcClient.builder()
        .address("127.0.0.1", port)
        .timeout(Duration.ofSeconds(2))
        .build()) {
      Greeter greeter = client.refer(Greeter.class);
      answers.add(greeter.greet("Ada"));
      answers.add(greeter.greeting("Grace", 2).lines().toString());
      try {
        greeter.greeting("Edsger", 1000);
      } catch (TooManyGreetingsException refused) {
        answers.add("refused: " + refused.getMessage());
      }
      answers.add(greeter.greetLater("Linus").get());
      greeter.wave("Barbara");
      answers.add("waved (one-way: no answer to wait for)");
    }
    return answers;
  }
}
