package dev.vireo.rpc.it;

import static com.google.common.truth.Truth.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.google.common.collect.Range;
import dev.vireo.rpc.LoadBalancer;
import dev.vireo.rpc.RpcClient;
import dev.vireo.rpc.RpcException;
import dev.vireo.rpc.RpcServer;
import dev.vireo.rpc.RpcStatus;
import dev.vireo.rpc.it.services.User;
import dev.vireo.rpc.it.services.UserService;
import dev.vireo.rpc.registry.ProviderInfo;
import dev.vireo.rpc.registry.zookeeper.ZooKeeperRegistry;
import io.netty.util.LeakPresenceDetector;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Providers that register with a real ZooKeeper (in this JVM, on 127.0.0.1) and clients that find
 * them there: spreading calls, following providers that come and go.
 */
class DiscoveryTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private TestingServer zookeeper;
  private final Deque<AutoCloseable> opened = new ArrayDeque<>();

  @BeforeEach
  void startZooKeeper() throws Exception {
    zookeeper = new TestingServer(true);
  }

  @AfterEach
  void stopEverything() throws Exception {
    while (!opened.isEmpty()) {
      opened.pop().close();
    }
    zookeeper.close();
    LeakPresenceDetector.check();
  }

  @Test
  void callsGoToEveryRegisteredProviderInTurn() {
    provider("a-", 100);
    provider("b-", 100);
    provider("c-", 100);
    UserService users = client(LoadBalancer.roundRobin()).refer(UserService.class);
    awaitEveryProviderServing(users, Set.of("a-", "b-", "c-"));

    Map<String, Integer> served = servedBy(users, 30);

    assertThat(served).containsExactly("a-", 10, "b-", 10, "c-", 10);
  }

  @Test
  void weightedRandomGivesEachProviderItsShare() {
    provider("light-", 100);
    provider("heavy-", 300);
    UserService users = client(LoadBalancer.weightedRandom()).refer(UserService.class);
    awaitEveryProviderServing(users, Set.of("light-", "heavy-"));

    Map<String, Integer> served = servedBy(users, 2000);

    // 1500 expected of 2000; the binomial spread is about 20, so this fails by chance almost never.
    assertThat(served.get("heavy-")).isIn(Range.closed(1300, 1700));
  }

  @Test
  void consistentHashSendsTheSameFirstArgumentToTheSameProvider() {
    provider("a-", 100);
    provider("b-", 100);
    provider("c-", 100);
    UserService users = client(LoadBalancer.consistentHash()).refer(UserService.class);
    awaitEveryProviderServing(users, Set.of("a-", "b-", "c-"));

    Set<String> used = new HashSet<>();
    for (long id = 0; id < 40; id++) {
      String first = prefixOf(users.getUser(id).name());
      for (int again = 0; again < 3; again++) {
        assertThat(prefixOf(users.getUser(id).name())).isEqualTo(first);
      }
      used.add(first);
    }
    assertThat(used.size()).isAtLeast(2);
  }

  @Test
  void aProviderThatStartsLaterIsFoundAndOneThatClosesIsLeft() throws Exception {
    RpcServer first = provider("a-", 100);
    UserService users = client(LoadBalancer.roundRobin()).refer(UserService.class);
    assertThat(users.getUser(1).name()).isEqualTo("a-1");

    provider("b-", 100);
    awaitEveryProviderServing(users, Set.of("a-", "b-"));
    first.close();

    await().atMost(WAIT).until(() -> servedBy(users, 20).keySet().equals(Set.of("b-")));
  }

  @Test
  void referWaitsForProvidersAndCallsFailClearlyWhileThereAreNone() throws Exception {
    UserService users = client(LoadBalancer.roundRobin(), Duration.ofMillis(300))
        .refer(UserService.class);

    RpcException none = assertThrows(RpcException.class, () -> users.getUser(1));
    assertThat(none.status()).isEqualTo(RpcStatus.UNAVAILABLE);
    assertThat(none.mayHaveRun()).isFalse();
    assertThat(none).hasMessageThat().contains("it.UserService");

    provider("late-", 100);
    await().atMost(WAIT).ignoreExceptions().until(() -> users.getUser(2).name().equals("late-2"));
  }

  @Test
  void aProviderPublishesWhereToDialItItsWeightAndItsMetadata() throws Exception {
    ZooKeeperRegistry registry = ZooKeeperRegistry.connect(zookeeper.getConnectString());
    opened.push(registry);
    RpcServer server = RpcServer.builder().host("127.0.0.1").port(0).registry(registry)
        .advertisedHost("provider.example").weight(250).metadata("zone", "eu-west-1").build();
    server.export(UserService.class, "v2", new InMemoryUserService());
    server.start();
    opened.push(server);
    AtomicReference<List<ProviderInfo>> seen = new AtomicReference<>();

    registry.subscribe("it.UserService", seen::set);

    await().atMost(WAIT).until(() -> seen.get() != null && seen.get().size() == 1);
    ProviderInfo published = seen.get().get(0);
    assertThat(published.host()).isEqualTo("provider.example");
    assertThat(published.port()).isEqualTo(server.port());
    assertThat(published.tag()).isEqualTo("v2");
    assertThat(published.weight()).isEqualTo(250);
    assertThat(published.metadata()).containsExactly("zone", "eu-west-1");
  }

  @Test
  void whileZooKeeperIsDownCallsKeepGoingToTheProvidersKnown() throws Exception {
    provider("a-", 100);
    provider("b-", 100);
    UserService users = client(LoadBalancer.roundRobin()).refer(UserService.class);
    awaitEveryProviderServing(users, Set.of("a-", "b-"));

    zookeeper.stop();
    Map<String, Integer> served = servedBy(users, 20);
    assertThat(served).containsExactly("a-", 10, "b-", 10);

    zookeeper.restart();
    provider("c-", 100);
    awaitEveryProviderServing(users, Set.of("a-", "b-", "c-"));
  }

  @Test
  void aReferenceWaitingForItsFirstProviderDoesNotHoldUpTheClientsOthers() throws Exception {
    provider("a-", 100);
    RpcClient client = client(LoadBalancer.roundRobin(), Duration.ofSeconds(60));
    Thread waiting = new Thread(() -> client.refer(UserService.class, "nobody-serves-this"));
    waiting.start();
    await().atMost(WAIT).until(() -> waiting.getState() == Thread.State.TIMED_WAITING);

    UserService users = assertTimeoutPreemptively(Duration.ofSeconds(10),
        () -> client.refer(UserService.class));

    assertThat(prefixOf(users.getUser(1).name())).isEqualTo("a-");
    assertThat(waiting.isAlive()).isTrue();
    waiting.interrupt();
    waiting.join(WAIT.toMillis());
  }

  @Test
  void closingAClientThatFoundItsProviderInTheRegistryCancelsItsPendingCalls() throws Exception {
    InMemoryUserService implementation = new InMemoryUserService();
    ZooKeeperRegistry registry = ZooKeeperRegistry.connect(zookeeper.getConnectString());
    opened.push(registry);
    RpcServer server = RpcServer.builder().host("127.0.0.1").port(0).ioThreads(1)
        .registry(registry).shutdownTimeout(Duration.ofSeconds(5)).build();
    server.export(UserService.class, implementation);
    server.start();
    opened.push(server);
    RpcClient client = client(LoadBalancer.roundRobin());
    CompletableFuture<User> pending = client.refer(UserService.class).findLater("later");
    CompletableFuture<User> onServer = implementation.pendingFinds.poll(5, TimeUnit.SECONDS);
    assertThat(onServer).isNotNull();

    client.close();

    ExecutionException failed =
        assertThrows(ExecutionException.class, () -> pending.get(5, TimeUnit.SECONDS));
    assertThat(((RpcException) failed.getCause()).status()).isEqualTo(RpcStatus.CANCELLED);
    onServer.complete(User.sample(1));
  }

  private RpcServer provider(String prefix, int weight) {
    ZooKeeperRegistry registry = ZooKeeperRegistry.connect(zookeeper.getConnectString());
    opened.push(registry);
    RpcServer server = RpcServer.builder().host("127.0.0.1").port(0).ioThreads(1)
        .registry(registry).weight(weight).shutdownTimeout(Duration.ofSeconds(5)).build();
    server.export(UserService.class, new InMemoryUserService(prefix));
    server.start();
    opened.push(server);
    return server;
  }

  private RpcClient client(LoadBalancer balancer) {
    return client(balancer, Duration.ofSeconds(5));
  }

  private RpcClient client(LoadBalancer balancer, Duration timeout) {
    ZooKeeperRegistry registry = ZooKeeperRegistry.connect(zookeeper.getConnectString());
    opened.push(registry);
    RpcClient client = RpcClient.builder().registry(registry).loadBalancer(balancer)
        .timeout(timeout).ioThreads(1).build();
    opened.push(client);
    return client;
  }

  /**
   * Calls, with a different argument each time, until each provider answered once: all are known
   * to the client and connected.
   */
  private static void awaitEveryProviderServing(UserService users, Set<String> prefixes) {
    Set<String> seen = new HashSet<>();
    AtomicLong id = new AtomicLong();
    await().atMost(WAIT).until(() -> {
      seen.add(prefixOf(users.getUser(id.incrementAndGet()).name()));
      return seen.containsAll(prefixes);
    });
  }

  /** How many of {@code calls} calls each provider answered, by the prefix of its users' names. */
  private static Map<String, Integer> servedBy(UserService users, int calls) {
    Map<String, Integer> served = new HashMap<>();
    for (int i = 0; i < calls; i++) {
      served.merge(prefixOf(users.getUser(i).name()), 1, Integer::sum);
    }
    return served;
  }

  private static String prefixOf(String name) {
    return name.substring(0, name.indexOf('-') + 1);
  }
}
