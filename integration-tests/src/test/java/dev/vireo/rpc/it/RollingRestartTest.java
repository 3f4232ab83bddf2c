package dev.vireo.rpc.it;

import static com.google.common.truth.Truth.assertWithMessage;

import dev.vireo.rpc.RpcClient;
import dev.vireo.rpc.RpcServer;
import dev.vireo.rpc.it.services.UserService;
import dev.vireo.rpc.registry.zookeeper.ZooKeeperRegistry;
import io.netty.util.LeakPresenceDetector;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A provider closed gracefully while 16 threads keep calling loses no call: whatever it had not
 * run is refused as never run, or never sent to it, and goes to the other provider.
 */
class RollingRestartTest {
  private static final int CALLERS = 16;

  private final Deque<AutoCloseable> opened = new ArrayDeque<>();

  @AfterEach
  void stopEverything() throws Exception {
    while (!opened.isEmpty()) {
      opened.pop().close();
    }
    LeakPresenceDetector.check();
  }

  @Test
  void withARegistryNeitherIdempotentNorOtherCallsFail() throws Exception {
    TestingServer zookeeper = new TestingServer(true);
    opened.push(zookeeper);
    RpcServer leaving = provider(registry(zookeeper));
    provider(registry(zookeeper));
    RpcClient client = track(RpcClient.builder().registry(registry(zookeeper))
        .timeout(Duration.ofSeconds(5)).build());

    assertNoCallFailsWhileClosing(client.refer(UserService.class), leaving);
  }

  @Test
  void withFixedAddressesNeitherIdempotentNorOtherCallsFail() throws Exception {
    RpcServer leaving = provider(null);
    RpcServer staying = provider(null);
    RpcClient client = track(RpcClient.builder()
        .address("127.0.0.1", leaving.port()).address("127.0.0.1", staying.port())
        .timeout(Duration.ofSeconds(5)).build());

    assertNoCallFailsWhileClosing(client.refer(UserService.class), leaving);
  }

  private void assertNoCallFailsWhileClosing(UserService users, RpcServer leaving)
      throws InterruptedException {
    CallerLoad load = CallerLoad.start(users, CALLERS);
    try {
      load.awaitCalls(2_000);
      leaving.close();
      load.awaitCalls(2_000);
    } finally {
      load.stop();
    }
    assertWithMessage("failed calls out of %s", load.calls())
        .that(load.idempotentFailures).isEmpty();
    assertWithMessage("failed calls out of %s", load.calls()).that(load.otherFailures).isEmpty();
  }

  private ZooKeeperRegistry registry(TestingServer zookeeper) {
    return track(ZooKeeperRegistry.connect(zookeeper.getConnectString()));
  }

  private RpcServer provider(ZooKeeperRegistry registry) {
    RpcServer.Builder builder = RpcServer.builder().host("127.0.0.1").port(0).ioThreads(1)
        .shutdownTimeout(Duration.ofSeconds(5));
    if (registry != null) {
      builder.registry(registry);
    }
    RpcServer server = builder.build();
    server.export(UserService.class, new InMemoryUserService());
    server.start();
    return track(server);
  }

  private <T extends AutoCloseable> T track(T resource) {
    opened.push(resource);
    return resource;
  }
}
