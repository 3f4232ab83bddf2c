package dev.vireo.rpc.registry.zookeeper;

import static com.google.common.truth.Truth.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.vireo.rpc.registry.ProviderInfo;
import dev.vireo.rpc.registry.ProviderListener;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The registry against a real ZooKeeper, started in this JVM on a free port of 127.0.0.1. */
class ZooKeeperRegistryTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final ProviderInfo ONE =
      new ProviderInfo("shop.Inventory", "", "127.0.0.1", 9001, 100, 1, Map.of("zone", "a"));
  private static final ProviderInfo TWO =
      new ProviderInfo("shop.Inventory", "v2", "127.0.0.1", 9002, 50, 1, Map.of());

  private TestingServer zookeeper;
  private ZooKeeperRegistry providers;
  private ZooKeeperRegistry consumers;
  private final Latest latest = new Latest();

  @BeforeEach
  void start() throws Exception {
    zookeeper = new TestingServer(true);
    providers = registry();
    consumers = registry();
  }

  @AfterEach
  void stop() throws Exception {
    consumers.close();
    providers.close();
    zookeeper.close();
  }

  @Test
  void aSubscriberHearsProvidersComeAndGo() {
    consumers.subscribe("shop.Inventory", latest);
    await().atMost(WAIT).until(() -> latest.get() != null && latest.get().isEmpty());

    providers.register(ONE);
    providers.register(TWO);
    await().atMost(WAIT).until(() -> latest.get().size() == 2);
    assertThat(latest.get()).containsExactly(ONE, TWO);

    providers.unregister(ONE);
    await().atMost(WAIT).until(() -> latest.get().size() == 1);
    assertThat(latest.get()).containsExactly(TWO);
  }

  @Test
  void aLateSubscriberHearsTheProvidersAlreadyThere() {
    providers.register(ONE);
    Latest late = new Latest();

    consumers.subscribe("shop.Inventory", late);

    await().atMost(WAIT).until(() -> late.get() != null && late.get().size() == 1);
    assertThat(late.get().get(0).metadata()).containsExactly("zone", "a");
  }

  @Test
  void closingTheProvidersRegistryRemovesItsEntries() throws Exception {
    providers.register(ONE);
    consumers.subscribe("shop.Inventory", latest);
    await().atMost(WAIT).until(() -> latest.get() != null && latest.get().size() == 1);

    providers.close();

    await().atMost(WAIT).until(() -> latest.get().isEmpty());
    assertThat(consumers.curator().checkExists().forPath(new ProviderNodes("/vireo").pathOf(ONE)))
        .isNull();
  }

  @Test
  void aProviderWhoseSessionExpiredRegistersAgainByItself() throws Exception {
    providers.register(ONE);
    consumers.subscribe("shop.Inventory", latest);
    await().atMost(WAIT).until(() -> latest.get() != null && latest.get().size() == 1);
    CountDownLatch expired = new CountDownLatch(1);
    providers.curator().getConnectionStateListenable().addListener((client, state) -> {
      if (state == ConnectionState.LOST) {
        expired.countDown();
      }
    });

    providers.curator().getZookeeperClient().getZooKeeper().getTestable()
        .injectSessionExpiration();

    assertThat(expired.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    await().atMost(WAIT).until(() -> providers.curator().checkExists().forPath(
            new ProviderNodes("/vireo").pathOf(ONE)) != null);
    await().atMost(WAIT).until(() -> latest.get().size() == 1);
  }

  @Test
  void whileZooKeeperIsDownSubscribersKeepWhatTheyKnewAndCatchUpAfter() throws Exception {
    providers.register(ONE);
    consumers.subscribe("shop.Inventory", latest);
    await().atMost(WAIT).until(() -> latest.get() != null && latest.get().size() == 1);
    CountDownLatch suspended = new CountDownLatch(1);
    CountDownLatch reconnected = new CountDownLatch(1);
    consumers.curator().getConnectionStateListenable().addListener((client, state) -> {
      if (state == ConnectionState.SUSPENDED) {
        suspended.countDown();
      } else if (state == ConnectionState.RECONNECTED) {
        reconnected.countDown();
      }
    });

    zookeeper.stop();
    assertThat(suspended.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(latest.get()).containsExactly(ONE);

    zookeeper.restart();
    assertThat(reconnected.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    providers.register(TWO);
    await().atMost(WAIT).until(() -> latest.get().size() == 2);
  }

  @Test
  void unregisteringWhileZooKeeperIsDownReturnsAtOnceAndTheNodeGoesWhenItIsBack()
      throws Exception {
    // A session that outlives the outage: only the withdrawal can remove the node.
    providers.close();
    providers = ZooKeeperRegistry.builder(zookeeper.getConnectString())
        .sessionTimeout(Duration.ofSeconds(60)).connectTimeout(Duration.ofSeconds(10)).connect();
    providers.register(ONE);
    consumers.subscribe("shop.Inventory", latest);
    await().atMost(WAIT).until(() -> latest.get() != null && latest.get().size() == 1);
    CountDownLatch suspended = new CountDownLatch(1);
    providers.curator().getConnectionStateListenable().addListener((client, state) -> {
      if (state == ConnectionState.SUSPENDED) {
        suspended.countDown();
      }
    });
    zookeeper.stop();
    assertThat(suspended.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

    // A delete through Curator would wait for ZooKeeper through all its retries, a minute.
    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> providers.unregister(ONE));

    zookeeper.restart();
    await().atMost(WAIT).until(() -> latest.get().isEmpty());
  }

  @Test
  void aNodeThatIsNotAProvidersIsSkipped() throws Exception {
    consumers.subscribe("shop.Inventory", latest);
    await().atMost(WAIT).until(() -> latest.get() != null);
    String path = new ProviderNodes("/vireo").providersOf("shop.Inventory") + "/garbage";
    consumers.curator().create().creatingParentsIfNeeded()
        .forPath(path, "port=x\n".getBytes(StandardCharsets.UTF_8));

    providers.register(ONE);

    await().atMost(WAIT).until(() -> latest.get().size() == 1);
    assertThat(latest.get()).containsExactly(ONE);
  }

  @Test
  void connectingToNoZooKeeperFailsWithinTheTimeout() throws Exception {
    int port = zookeeper.getPort();
    zookeeper.stop();

    IllegalStateException thrown = assertThrows(IllegalStateException.class,
        () -> ZooKeeperRegistry.builder("127.0.0.1:" + port)
            .connectTimeout(Duration.ofMillis(500)).connect());

    assertThat(thrown).hasMessageThat().contains("could not connect");
    zookeeper.restart();
  }

  private ZooKeeperRegistry registry() {
    return ZooKeeperRegistry.builder(zookeeper.getConnectString())
        .sessionTimeout(Duration.ofSeconds(4)).connectTimeout(Duration.ofSeconds(10)).connect();
  }

  /** The last list a subscription reported. */
  private static final class Latest implements ProviderListener {
    private final AtomicReference<List<ProviderInfo>> providers = new AtomicReference<>();

    @Override
    public void providersChanged(List<ProviderInfo> current) {
      providers.set(current);
    }

    List<ProviderInfo> get() {
      return providers.get();
    }
  }
}
