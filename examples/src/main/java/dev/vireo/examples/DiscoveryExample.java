package dev.vireo.examples;

import dev.vireo.rpc.RpcClient;
import dev.vireo.rpc.RpcServer;
import dev.vireo.rpc.registry.zookeeper.ZooKeeperRegistry;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.curator.test.TestingServer;

/**
 * Two providers of {@link Greeter} that register with ZooKeeper, and a client that finds them
 * there, spreads its calls over both, and carries on when one of them shuts down. Run it with
 * {@code mvn -q -pl examples exec:java@discovery}: without an argument it starts a ZooKeeper of its
 * own on 127.0.0.1; with {@code -Dexec.args=host:2181} it uses that one.
 */
public final class DiscoveryExample {
  private DiscoveryExample() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0) {
      run(args[0]).forEach(System.out::println);
      return;
    }
    try (TestingServer zookeeper = new TestingServer(true)) {
      System.out.println("started an embedded ZooKeeper at " + zookeeper.getConnectString());
      run(zookeeper.getConnectString()).forEach(System.out::println);
    }
  }

  /** Starts two providers and a client against the ZooKeeper at {@code zookeeper}. */
  static List<String> run(String zookeeper) throws Exception {
    List<String> lines = new ArrayList<>();
    try (ZooKeeperRegistry registry = ZooKeeperRegistry.connect(zookeeper);
        RpcServer first = provider(registry, "first");
        RpcServer second = provider(registry, "second");
        RpcClient client = RpcClient.builder().registry(registry).build()) {
      Greeter greeter = client.refer(Greeter.class);   // waits for the first provider to be known
      // Round robin over the providers connected; call until both have answered (they connect
      // within milliseconds, but the first calls may beat the second connection).
      Set<String> answers = new LinkedHashSet<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (answers.size() < 2 && System.nanoTime() < deadline) {
        answers.add(greeter.greet("Ada"));
      }
      lines.addAll(answers);
      first.close();   // withdraws from ZooKeeper, says goodbye to clients, finishes its calls
      lines.add("(the first provider shut down)");
      for (int i = 0; i < 2; i++) {
        lines.add(greeter.greet("Grace"));
      }
    }
    return lines;
  }

  private static RpcServer provider(ZooKeeperRegistry registry, String name) {
    RpcServer server = RpcServer.builder().host("127.0.0.1").port(0).registry(registry).build();
    server.export(Greeter.class, new SignedGreeter(name));
    server.start();
    return server;
  }

  /** The example's {@link GreeterImpl}, signed by the provider that answers. */
  private static final class SignedGreeter implements Greeter {
    private final GreeterImpl greeter = new GreeterImpl();
    private final String name;

    SignedGreeter(String name) {
      this.name = name;
    }

    @Override
    public String greet(String who) {
      return greeter.greet(who) + " (from the " + name + " provider)";
    }

    @Override
    public Greeting greeting(String who, int times) throws TooManyGreetingsException {
      return greeter.greeting(who, times);
    }

    @Override
    public CompletableFuture<String> greetLater(String who) {
      return greeter.greetLater(who);
    }

    @Override
    public void wave(String who) {
      greeter.wave(who);
    }
  }
}
